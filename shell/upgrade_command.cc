#include "shell/upgrade_command.h"

#include <fmt/format.h>

#include <filesystem>

#include "guanxi/backup.h"
#include "shell/command_error.h"
#include "shell/text_format.h"

namespace guanxi::shell {

CLI::App* add_upgrade_command(CLI::App& app, UpgradeArguments& arguments) {
  CLI::App* cmd = app.add_subcommand(
      "upgrade", "Upgrade a database of an older on-disk format (a backup is taken first)");
  cmd->add_option("database", arguments.database, "Database directory")->required();
  cmd->add_option("--backup", arguments.backup_file,
                  "Where the backup goes (default: beside DB, DB-format<N>-<time>.gxbackup)");
  cmd->footer(
      "The upgrade runs in one transaction after the backup: it completes, or the database\n"
      "stays as it was. 'guanxi restore BACKUP DB --force' brings the old one back.");
  return cmd;
}

int run_upgrade(const UpgradeArguments& arguments) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(arguments.database, ec)) {
    throw CommandError("database '" + arguments.database + "' does not exist");
  }
  UpgradeOptions options;
  options.backup_file = arguments.backup_file;
  const UpgradeReport report = guanxi::upgrade(arguments.database, options);
  if (report.steps.empty()) {
    fmt::print("'{}' already has format {}, this build's; nothing to do\n", arguments.database,
               report.to);
    return kExitOk;
  }
  fmt::print(
      "Upgraded '{}' from format {} to {} in {:.2f} s; the format-{} database is backed up "
      "in '{}' ({})\n",
      arguments.database, report.from, report.to, report.elapsed.count(), report.from,
      report.backup_file, human_bytes(report.backup.file_bytes));
  for (const std::string& step : report.steps) fmt::print("  {}\n", step);
  return kExitOk;
}

}  // namespace guanxi::shell
