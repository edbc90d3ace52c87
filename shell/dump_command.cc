#include "shell/dump_command.h"

#include <fmt/format.h>

#include <cstdio>
#include <optional>

#include "exchange/dump.h"
#include "shell/command_error.h"
#include "shell/open_database.h"
#include "shell/progress_bar.h"
#include "shell/text_format.h"
#include "storage/atomic_output_file.h"

namespace guanxi::shell {

CLI::App* add_dump_command(CLI::App& app, DumpArguments& arguments) {
  CLI::App* cmd =
      app.add_subcommand("dump", "Write a database as a Cypher script that loads it back");
  cmd->add_option("database", arguments.database, "Database directory")->required();
  cmd->add_option("-o,--output", arguments.output,
                  "Write the dump into FILE (default: standard output)");
  cmd->add_flag("--force", arguments.force, "Replace FILE if it exists");
  cmd->add_option("--batch-size", arguments.batch_size, "Rows per UNWIND statement (default 1000)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--purpose", arguments.purpose, "Read the values under this purpose (privacy)");
  cmd->add_option("--user", arguments.user, "User name for the audit log");
  cmd->footer(
      "Load a dump with 'guanxi load NEWDB FILE' (fast) or 'guanxi NEWDB -f FILE'.\n"
      "The same database always gives the same text.");
  return cmd;
}

int run_dump(const DumpArguments& arguments) {
  std::unique_ptr<storage::Graph> graph = open_existing_database(arguments.database);
  exchange::DumpOptions options;
  options.batch_size = arguments.batch_size;
  options.session = {arguments.purpose, arguments.user};
  if (arguments.output.empty()) {
    const auto sink = [](std::string_view text) {
      if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) {
        throw CommandError("writing the dump to standard output failed");
      }
    };
    exchange::dump_database(*graph, sink, options);
    std::fflush(stdout);
    return kExitOk;
  }
  storage::AtomicOutputFile out(arguments.output, arguments.force, "dump");
  ProgressBar bar(stderr);
  options.progress = [&bar](const exchange::DumpProgress& p) {
    bar.update("dump", p.nodes + p.relationships, p.nodes_total + p.relationships_total,
               thousands(p.nodes) + " nodes, " + thousands(p.relationships) + " relationships");
  };
  const exchange::DumpReport report = exchange::dump_database(
      *graph, [&](std::string_view text) { out.write(text); }, options);
  out.commit();
  bar.clear();
  fmt::print(
      "Dumped {} nodes, {} relationships and {} indexes of '{}' into '{}' in {:.2f} s ({})\n",
      thousands(report.nodes), thousands(report.relationships), thousands(report.indexes),
      arguments.database, arguments.output, report.elapsed.count(), human_bytes(report.bytes));
  return kExitOk;
}

}  // namespace guanxi::shell
