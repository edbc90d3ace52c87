#include "shell/backup_command.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "shell/command_error.h"
#include "shell/open_database.h"
#include "shell/progress_bar.h"
#include "shell/text_format.h"

namespace guanxi::shell {

namespace {

double percent(std::uint64_t part, std::uint64_t whole) {
  return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

}  // namespace

std::string utc_time(std::uint64_t micros) {
  const std::time_t seconds = static_cast<std::time_t>(micros / 1'000'000);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  return fmt::format("{:%Y-%m-%d %H:%M:%S} UTC", utc);
}

CLI::App* add_backup_command(CLI::App& app, BackupArguments& arguments) {
  CLI::App* cmd = app.add_subcommand(
      "backup", "Back up a database while it is in use: compressed, checksummed, consistent");
  cmd->add_option("database", arguments.database, "Database directory (with --info: the backup)");
  cmd->add_option("file", arguments.file, "Backup file to write");
  cmd->add_flag("--info", arguments.info, "Print the header of backup FILE and exit");
  cmd->add_flag("--force", arguments.force, "Replace FILE if it exists (once the backup is done)");
  cmd->add_option("--level", arguments.level, "zstd compression level, 1 (default) to 19")
      ->check(CLI::Range(1, 19));
  cmd->add_flag("!--no-progress", arguments.progress, "No progress bar, even on a terminal");
  cmd->footer(
      "The backup is taken from one snapshot while writers go on, and written to a temporary\n"
      "file that becomes FILE only when complete. 'guanxi verify FILE' checks it;\n"
      "'guanxi restore FILE DB' restores it.");
  return cmd;
}

std::string format_backup_summary(const std::string& file, const BackupFileInfo& s) {
  const BackupInfo& h = s.info;
  std::string out;
  auto line = [&](std::string_view name, const std::string& value) {
    out += fmt::format("{:<17}{}\n", name, value);
  };
  line("Backup", file);
  line("Database id", h.database_id.empty() ? "none (format 2)" : h.database_id);
  line("Database format", std::to_string(h.database_format));
  line("Backup format", std::to_string(h.backup_format));
  line("Taken", utc_time(h.created_micros));
  line("Transaction", thousands(h.transaction_id));
  line("Nodes", thousands(h.nodes));
  line("Relationships", thousands(h.relationships));
  if (s.complete) {
    line("Database size",
         fmt::format("{} ({} bytes)", human_bytes(s.database_bytes), thousands(s.database_bytes)));
    line("Blocks", fmt::format("{} of up to {}", thousands(s.blocks), human_bytes(h.block_size)));
  }
  line("File size",
       fmt::format("{} ({} bytes){}", human_bytes(s.file_bytes), thousands(s.file_bytes),
                   s.complete ? fmt::format(", {:.1f}% of the database",
                                            percent(s.file_bytes, s.database_bytes))
                              : ""));
  line("Complete", s.complete ? "yes (the trailer is there; 'guanxi verify' checks every block)"
                              : "NO: the file has no trailer (cut short, or still being written)");
  return out;
}

int run_backup(const BackupArguments& arguments) {
  if (arguments.info) {
    const std::string& file = arguments.file.empty() ? arguments.database : arguments.file;
    if (file.empty() || (!arguments.file.empty() && !arguments.database.empty())) {
      throw UsageError("backup --info takes one argument: the backup file");
    }
    fmt::print("{}", format_backup_summary(file, read_backup_info(file)));
    return kExitOk;
  }
  if (arguments.database.empty() || arguments.file.empty()) {
    throw UsageError("backup needs a database and a backup file: guanxi backup DB FILE");
  }
  check_existing_database(arguments.database);
  ProgressBar bar(stderr);
  BackupOptions options;
  options.compression_level = arguments.level;
  options.overwrite = arguments.force;
  if (arguments.progress) {
    options.progress = [&bar](const BackupProgress& p) {
      bar.update(
          "backup", p.bytes_copied, std::max(p.bytes_expected, p.bytes_copied),
          human_bytes(p.bytes_copied) + " copied, " + human_bytes(p.bytes_written) + " written");
    };
  }
  // Opened for writing to hold writers back for the instant the snapshot
  // starts, or for reading on read-only media.
  const BackupReport report = guanxi::backup(arguments.database, arguments.file, options);
  bar.clear();
  fmt::print(
      "Backed up '{}' to '{}' in {:.2f} s: {} nodes, {} relationships as of transaction {}; "
      "{} of database in {} ({:.1f}%), {} blocks\n",
      arguments.database, arguments.file, report.elapsed.count(), thousands(report.info.nodes),
      thousands(report.info.relationships), thousands(report.info.transaction_id),
      human_bytes(report.database_bytes), human_bytes(report.file_bytes),
      percent(report.file_bytes, report.database_bytes), thousands(report.blocks));
  return kExitOk;
}

}  // namespace guanxi::shell
