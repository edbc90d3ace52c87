#include "shell/verify_command.h"

#include <fmt/format.h>

#include <filesystem>

#include "shell/backup_command.h"
#include "shell/command_error.h"
#include "shell/open_database.h"
#include "shell/progress_bar.h"
#include "shell/text_format.h"
#include "storage/backup_scan.h"
#include "storage/integrity_check.h"

namespace guanxi::shell {

CLI::App* add_verify_command(CLI::App& app, VerifyArguments& arguments) {
  CLI::App* cmd = app.add_subcommand(
      "verify",
      "Check a database (records, checksums, adjacency, labels, indexes, counters) or a backup");
  cmd->add_option("database", arguments.database, "Database directory, or a backup file")
      ->required();
  cmd->add_option("--max-problems", arguments.max_problems,
                  "Print at most this many problems (all are counted; default 1000)")
      ->check(CLI::PositiveNumber);
  cmd->footer(
      "A backup file is checked block by block: every checksum, every block decompressed, the\n"
      "trailer. Exit status: 0 when clean, 1 when problems were found.");
  return cmd;
}

namespace {

int verify_backup(const VerifyArguments& arguments) {
  ProgressBar bar(stderr);
  storage::BackupScanOptions options;
  options.max_problems = arguments.max_problems;
  options.progress = [&bar](std::uint64_t done, std::uint64_t total) {
    bar.update("verify", done, total, human_bytes(done) + " read");
  };
  storage::BackupScanReport report;
  try {
    report = storage::scan_backup(arguments.database, options);
  } catch (const storage::StorageError& e) {
    if (e.code() != storage::ErrorCode::kFormat) throw;
    throw CommandError("'" + arguments.database +
                       "' is not a Guanxi database (a directory) nor a Guanxi backup (a file "
                       "that starts with GXBACKUP)");
  }
  bar.clear();
  if (report.ok()) {
    const storage::BackupHeader& h = *report.header;
    fmt::print(
        "OK: backup '{}' is sound ({} blocks, {} of database in {}; database {}, format "
        "{}, {} nodes, {} relationships as of transaction {}, {})\n",
        arguments.database, thousands(report.blocks), human_bytes(report.database_bytes),
        human_bytes(report.file_bytes),
        h.database_id.is_zero() ? "without id" : h.database_id.to_string(), h.database_format,
        thousands(h.nodes), thousands(h.relationships), thousands(h.transaction_id),
        utc_time(h.created_micros));
    return kExitOk;
  }
  for (const storage::BackupProblem& problem : report.problems) {
    fmt::print("{}: {}\n", problem.where, problem.message);
  }
  if (report.problem_count > report.problems.size()) {
    fmt::print("... and {} more\n", thousands(report.problem_count - report.problems.size()));
  }
  fmt::print("FAILED: backup '{}' has {} problem{} ({} intact blocks read)\n", arguments.database,
             thousands(report.problem_count), report.problem_count == 1 ? "" : "s",
             thousands(report.blocks));
  return kExitFailure;
}

}  // namespace

int run_verify(const VerifyArguments& arguments) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(arguments.database, ec)) return verify_backup(arguments);
  std::unique_ptr<storage::Graph> graph = open_existing_database(arguments.database);
  ProgressBar bar(stderr);
  storage::IntegrityOptions options;
  options.max_problems = arguments.max_problems;
  options.progress = [&bar](const std::string& phase, std::uint64_t done) {
    bar.update(phase, done, 0, thousands(done) + " checked");
  };
  const storage::IntegrityReport report = storage::check_integrity(*graph, options);
  bar.clear();

  auto counted = [](std::uint64_t n, const char* noun, const char* plural) {
    return thousands(n) + " " + (n == 1 ? noun : plural);
  };
  const std::string checked =
      fmt::format("{}, {}, {}, {} checked", counted(report.nodes_checked, "node", "nodes"),
                  counted(report.relationships_checked, "relationship", "relationships"),
                  counted(report.adjacency_checked, "adjacency entry", "adjacency entries"),
                  counted(report.index_entries_checked, "index entry", "index entries"));
  if (report.ok()) {
    fmt::print("OK: '{}' is consistent ({})\n", arguments.database, checked);
    return kExitOk;
  }
  for (const storage::IntegrityProblem& problem : report.problems) {
    fmt::print("{}: {}\n", problem.table, problem.message);
  }
  if (report.problem_count > report.problems.size()) {
    fmt::print("... and {} more\n", thousands(report.problem_count - report.problems.size()));
  }
  fmt::print("FAILED: '{}' has {} problem{} ({})\n", arguments.database,
             thousands(report.problem_count), report.problem_count == 1 ? "" : "s", checked);
  return kExitFailure;
}

}  // namespace guanxi::shell
