#include "shell/restore_command.h"

#include <fmt/format.h>

#include "guanxi/backup.h"
#include "shell/backup_command.h"
#include "shell/command_error.h"
#include "shell/progress_bar.h"
#include "shell/text_format.h"

namespace guanxi::shell {

CLI::App* add_restore_command(CLI::App& app, RestoreArguments& arguments) {
  CLI::App* cmd = app.add_subcommand("restore", "Restore a database from a backup file");
  cmd->add_option("file", arguments.file, "Backup file")->required();
  cmd->add_option("database", arguments.database, "Database directory to create")->required();
  cmd->add_flag("--force", arguments.force,
                "Replace the database if it exists (it must not be open elsewhere)");
  cmd->add_flag("!--no-progress", arguments.progress, "No progress bar, even on a terminal");
  cmd->footer(
      "Every checksum is checked first; the database is written beside DB and moved into\n"
      "place in one step, so a failed restore leaves DB as it was.");
  return cmd;
}

int run_restore(const RestoreArguments& arguments) {
  ProgressBar bar(stderr);
  RestoreOptions options;
  options.overwrite = arguments.force;
  if (arguments.progress) {
    options.progress = [&bar](const RestoreProgress& p) {
      bar.update(p.phase, p.done, p.total, human_bytes(p.done) + " of the backup");
    };
  }
  const RestoreReport report = guanxi::restore(arguments.file, arguments.database, options);
  bar.clear();
  const BackupInfo& h = report.info;
  fmt::print(
      "{} '{}' from '{}' in {:.2f} s: {} nodes, {} relationships as of transaction {} "
      "({}), {}\n",
      report.replaced ? "Replaced" : "Restored", arguments.database, arguments.file,
      report.elapsed.count(), thousands(h.nodes), thousands(h.relationships),
      thousands(h.transaction_id), utc_time(h.created_micros), human_bytes(report.database_bytes));
  if (h.database_format < database_format_version()) {
    fmt::print(
        "The database has format {}, older than this build's {}: run 'guanxi upgrade {}' "
        "before using it.\n",
        h.database_format, database_format_version(), arguments.database);
  }
  return kExitOk;
}

}  // namespace guanxi::shell
