#include "shell/dump_command.h"

#include <fmt/format.h>

#include <iostream>

#include "guanxi/database.h"
#include "guanxi/dump.h"
#include "shell/command_error.h"
#include "shell/open_database.h"
#include "shell/progress_bar.h"
#include "shell/text_format.h"

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
  Database db = open_existing_database(arguments.database);
  DumpOptions options;
  options.batch_size = arguments.batch_size;
  options.purpose = arguments.purpose;
  options.user = arguments.user;
  if (arguments.output.empty()) {
    try {
      db.dump(std::cout, options);
    } catch (const Error&) {
      if (std::cout) throw;
      throw CommandError("writing the dump to standard output failed");
    }
    return kExitOk;
  }
  options.overwrite = arguments.force;
  ProgressBar bar(stderr);
  options.progress = [&bar](const DumpProgress& p) {
    bar.update("dump", p.nodes + p.relationships, p.nodes_total + p.relationships_total,
               thousands(p.nodes) + " nodes, " + thousands(p.relationships) + " relationships");
  };
  const DumpReport report = db.dump_to_file(arguments.output, options);
  bar.clear();
  fmt::print(
      "Dumped {} nodes, {} relationships and {} indexes of '{}' into '{}' in {:.2f} s ({})\n",
      thousands(report.nodes), thousands(report.relationships), thousands(report.indexes),
      arguments.database, arguments.output, report.elapsed.count(), human_bytes(report.bytes));
  return kExitOk;
}

}  // namespace guanxi::shell
