#include "shell/backup_command.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "shell/command_error.h"
#include "shell/open_database.h"
#include "shell/progress_bar.h"
#include "shell/text_format.h"
#include "storage/backup.h"

namespace guanxi::shell {

namespace {

// A backup needs write access to hold writers back for the instant its
// snapshot starts; on read-only media it goes ahead through a read-only open.
std::unique_ptr<storage::Graph> open_for_backup(const std::string& dir) {
  try {
    return open_existing_database(dir, /*read_only=*/false);
  } catch (const storage::StorageError& e) {
    if (e.code() != storage::ErrorCode::kIo && e.code() != storage::ErrorCode::kReadOnly) throw;
    return open_existing_database(dir, /*read_only=*/true);
  }
}

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

std::string format_backup_summary(const std::string& file, const storage::BackupSummary& s) {
  const storage::BackupHeader& h = s.header;
  std::string out;
  auto line = [&](std::string_view name, const std::string& value) {
    out += fmt::format("{:<17}{}\n", name, value);
  };
  line("Backup", file);
  line("Database id", h.database_id.is_zero() ? "none (format 2)" : h.database_id.to_string());
  line("Database format", std::to_string(h.database_format));
  line("Backup format", std::to_string(h.backup_format));
  line("Taken", utc_time(h.created_micros));
  line("Transaction", thousands(h.transaction_id));
  line("Nodes", thousands(h.nodes));
  line("Relationships", thousands(h.relationships));
  if (s.trailer) {
    line("Database size", fmt::format("{} ({} bytes)", human_bytes(s.trailer->raw_bytes),
                                      thousands(s.trailer->raw_bytes)));
    line("Blocks",
         fmt::format("{} of up to {}", thousands(s.trailer->blocks), human_bytes(h.block_size)));
  }
  line("File size",
       fmt::format("{} ({} bytes){}", human_bytes(s.file_bytes), thousands(s.file_bytes),
                   s.trailer ? fmt::format(", {:.1f}% of the database",
                                           percent(s.file_bytes, s.trailer->raw_bytes))
                             : ""));
  line("Complete", s.trailer ? "yes (the trailer is there; 'guanxi verify' checks every block)"
                             : "NO: the file has no trailer (cut short, or still being written)");
  return out;
}

int run_backup(const BackupArguments& arguments) {
  if (arguments.info) {
    const std::string& file = arguments.file.empty() ? arguments.database : arguments.file;
    if (file.empty() || (!arguments.file.empty() && !arguments.database.empty())) {
      throw UsageError("backup --info takes one argument: the backup file");
    }
    fmt::print("{}", format_backup_summary(file, storage::read_backup_summary(file)));
    return kExitOk;
  }
  if (arguments.database.empty() || arguments.file.empty()) {
    throw UsageError("backup needs a database and a backup file: guanxi backup DB FILE");
  }
  std::unique_ptr<storage::Graph> graph = open_for_backup(arguments.database);
  ProgressBar bar(stderr);
  storage::BackupOptions options;
  options.compression_level = arguments.level;
  options.overwrite = arguments.force;
  if (arguments.progress) {
    options.progress = [&bar](const storage::BackupProgress& p) {
      bar.update(
          "backup", p.bytes_copied, std::max(p.bytes_expected, p.bytes_copied),
          human_bytes(p.bytes_copied) + " copied, " + human_bytes(p.bytes_written) + " written");
    };
  }
  const storage::BackupReport report =
      storage::backup_database(graph->env(), arguments.file, options);
  bar.clear();
  fmt::print(
      "Backed up '{}' to '{}' in {:.2f} s: {} nodes, {} relationships as of transaction {}; "
      "{} of database in {} ({:.1f}%), {} blocks\n",
      arguments.database, arguments.file, report.elapsed.count(), thousands(report.header.nodes),
      thousands(report.header.relationships), thousands(report.header.transaction_id),
      human_bytes(report.database_bytes), human_bytes(report.file_bytes),
      percent(report.file_bytes, report.database_bytes), thousands(report.blocks));
  return kExitOk;
}

}  // namespace guanxi::shell
