#include "shell/export_command.h"

#include <fmt/format.h>

#include <iostream>

#include "guanxi/database.h"
#include "guanxi/export.h"
#include "shell/command_error.h"
#include "shell/open_database.h"
#include "shell/text_format.h"

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
  const std::optional<ExportFormat> format = export_format_from_name(arguments.format);
  if (!format) throw UsageError("unknown export format '" + arguments.format + "'");
  if (*format == ExportFormat::kCsv && arguments.output.empty()) {
    throw UsageError("a csv export is a directory of files: give it with --output DIR");
  }
  if (arguments.array_delimiter.size() != 1) {
    throw UsageError("--array-delimiter must be one character");
  }
  Database db = open_existing_database(arguments.database);
  ExportOptions options;
  options.format = *format;
  options.query = arguments.query;
  options.purpose = arguments.purpose;
  options.user = arguments.user;
  options.overwrite = arguments.force;
  options.array_delimiter = arguments.array_delimiter[0];
  options.title = arguments.title;
  options.color_by = arguments.color_by;
  options.size_by = arguments.size_by;
  options.caption = arguments.caption;

  ExportReport report;
  if (arguments.output.empty()) {
    try {
      report = db.export_graph(std::cout, options);
    } catch (const Error&) {
      if (std::cout) throw;
      throw CommandError("writing the export to standard output failed");
    }
  } else {
    report = db.export_graph_to(arguments.output, options);
  }
  for (const std::string& warning : report.warnings) {
    fmt::print(stderr, "guanxi: warning: {}\n", warning);
  }
  if (arguments.output.empty()) return kExitOk;
  fmt::print("Exported {} nodes and {} relationships of '{}' as {} into '{}'\n",
             thousands(report.nodes), thousands(report.relationships), arguments.database,
             arguments.format, arguments.output);
  if (report.added_endpoints > 0) {
    fmt::print("({} nodes added as endpoints of relationships the query returned)\n",
               thousands(report.added_endpoints));
  }
  if (*format == ExportFormat::kCsv) {
    for (const std::string& file : report.files) fmt::print("  {}\n", file);
    fmt::print(
        "Import with: guanxi import NEWDB --nodes {0}/nodes*.csv --relationships "
        "{0}/relationships-*.csv\n",
        arguments.output);
  }
  return kExitOk;
}

}  // namespace guanxi::shell
