#include "shell/load_command.h"

#include <fmt/format.h>

#include <filesystem>

#include "guanxi/dump.h"
#include "shell/command_error.h"
#include "shell/progress_bar.h"
#include "shell/text_format.h"

namespace guanxi::shell {

CLI::App* add_load_command(CLI::App& app, LoadArguments& arguments) {
  CLI::App* cmd = app.add_subcommand("load", "Load a dump written by 'guanxi dump'");
  cmd->add_option("database", arguments.database, "Database directory (created if missing)")
      ->required();
  cmd->add_option("file", arguments.file, "The dump (.cypher, or .cypher.zst)")->required();
  cmd->footer(
      "The load is one transaction: a bad statement stops it with 'file:line: reason' and\n"
      "the database is exactly as it was.");
  return cmd;
}

int run_load(const LoadArguments& arguments) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(arguments.file, ec)) {
    throw CommandError("dump '" + arguments.file + "' does not exist");
  }
  ProgressBar bar(stderr);
  LoadOptions options;
  options.progress = [&bar](const LoadProgress& p) {
    bar.update(p.phase, p.bytes_done, p.bytes_total,
               thousands(p.nodes) + " nodes, " + thousands(p.relationships) + " relationships");
  };
  LoadReport report;
  try {
    // A failed load changes nothing, and removes a database it created.
    report = guanxi::load(arguments.database, arguments.file, options);
  } catch (...) {
    bar.clear();
    throw;
  }
  bar.clear();
  fmt::print("Loaded {} nodes, {} relationships and {} indexes into '{}' in {:.2f} s\n",
             thousands(report.nodes), thousands(report.relationships), thousands(report.indexes),
             arguments.database, report.elapsed.count());
  return kExitOk;
}

}  // namespace guanxi::shell
