#include "shell/export_command.h"

#include <fmt/format.h>

#include <cstdio>

#include "exchange/export.h"
#include "query/engine.h"
#include "shell/command_error.h"
#include "shell/open_database.h"
#include "shell/text_format.h"
#include "storage/atomic_output_file.h"
#include "storage/database_directory.h"

namespace guanxi::shell {

CLI::App* add_export_command(CLI::App& app, ExportArguments& arguments) {
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Export the graph, or what a query returns, as CSV, JSON Lines, GraphML, DOT or HTML");
  cmd->add_option("database", arguments.database, "Database directory")->required();
  cmd->add_option("--format", arguments.format, "csv, jsonl, graphml, dot or html")
      ->required()
      ->check(CLI::IsMember({"csv", "jsonl", "graphml", "dot", "html"}));
  cmd->add_option("--query", arguments.query,
                  "Export the nodes, relationships and paths this query returns");
  cmd->add_option("-o,--output", arguments.output,
                  "File to write (a directory for csv); default: standard output");
  cmd->add_flag("--force", arguments.force, "Replace the output if it exists");
  cmd->add_option("--purpose", arguments.purpose, "Read the values under this purpose (privacy)");
  cmd->add_option("--user", arguments.user, "User name for the audit log");
  cmd->add_option("--array-delimiter", arguments.array_delimiter,
                  "csv: separates array elements (default ;)");
  cmd->add_option("--title", arguments.title, "html, dot: the title");
  cmd->add_option("--color-by", arguments.color_by, "html: colour nodes by this property");
  cmd->add_option("--size-by", arguments.size_by, "html: size nodes by this numeric property");
  cmd->add_option("--caption", arguments.caption,
                  "html, dot: caption nodes with this property (default: name)");
  cmd->footer(
      "csv writes nodes-<Labels>.csv and relationships-<TYPE>.csv with neo4j-admin headers:\n"
      "  guanxi import NEWDB --nodes DIR/nodes-*.csv --relationships DIR/relationships-*.csv");
  return cmd;
}

int run_export(const ExportArguments& arguments) {
  std::optional<exchange::ExportFormat> format = exchange::parse_export_format(arguments.format);
  if (!format) throw UsageError("unknown export format '" + arguments.format + "'");
  if (*format == exchange::ExportFormat::kCsv && arguments.output.empty()) {
    throw UsageError("a csv export is a directory of files: give it with --output DIR");
  }
  if (arguments.array_delimiter.size() != 1) {
    throw UsageError("--array-delimiter must be one character");
  }
  std::unique_ptr<storage::Graph> graph = open_existing_database(arguments.database);
  query::Engine engine(*graph);
  query::Session session(engine, {arguments.purpose, arguments.user});
  const exchange::Subgraph subgraph = arguments.query.empty()
                                          ? exchange::collect_graph(session)
                                          : exchange::collect_query(session, arguments.query);
  exchange::ExportOptions options;
  options.format = *format;
  options.array_delimiter = arguments.array_delimiter[0];
  options.html = {arguments.title, arguments.color_by, arguments.size_by, arguments.caption};

  exchange::ExportReport report;
  if (*format == exchange::ExportFormat::kCsv) {
    storage::StagingDirectory staging(arguments.output, "export");
    report = exchange::write_csv_export(subgraph, staging.path(), options);
    staging.install(arguments.force);
  } else if (arguments.output.empty()) {
    report = exchange::write_export(subgraph, options, [](std::string_view text) {
      if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) {
        throw CommandError("writing the export to standard output failed");
      }
    });
    std::fflush(stdout);
  } else {
    storage::AtomicOutputFile out(arguments.output, arguments.force, "export");
    report =
        exchange::write_export(subgraph, options, [&](std::string_view text) { out.write(text); });
    out.commit();
  }
  for (const std::string& warning : report.warnings) {
    fmt::print(stderr, "guanxi: warning: {}\n", warning);
  }
  if (arguments.output.empty()) return kExitOk;
  fmt::print("Exported {} nodes and {} relationships of '{}' as {} into '{}'\n",
             thousands(report.nodes), thousands(report.relationships), arguments.database,
             arguments.format, arguments.output);
  if (subgraph.added_endpoints > 0) {
    fmt::print("({} nodes added as endpoints of relationships the query returned)\n",
               thousands(subgraph.added_endpoints));
  }
  if (*format == exchange::ExportFormat::kCsv) {
    for (const std::string& file : report.files) fmt::print("  {}\n", file);
    fmt::print(
        "Import with: guanxi import NEWDB --nodes {0}/nodes*.csv --relationships "
        "{0}/relationships-*.csv\n",
        arguments.output);
  }
  return kExitOk;
}

}  // namespace guanxi::shell
