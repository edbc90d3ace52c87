#include "shell/verify_command.h"

#include <fmt/format.h>

#include <filesystem>

#include "guanxi/backup.h"
#include "guanxi/database.h"
#include "guanxi/maintenance.h"
#include "shell/backup_command.h"
#include "shell/command_error.h"
#include "shell/open_database.h"
#include "shell/progress_bar.h"
#include "shell/text_format.h"

namespace guanxi::shell {

CLI::App* add_verify_command(CLI::App& app, VerifyArguments& arguments) {
  CLI::App* cmd = app.add_subcommand(
      "verify",
      "Check a database (records, checksums, adjacency, labels, indexes, counters) or a backup");
  cmd->add_option("database", arguments.database, "Database directory, or a backup file")
      ->required();
  cmd->add_option("--max-problems", arguments.max_problems,
                  "Print at most this many problems (all are counted; default 1000)")
      ->check(CLI::Validator(
          [](const std::string& text) -> std::string {
            // CLI::PositiveNumber would name its bound, a 309-digit double.
            const bool digits =
                !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
            if (!digits || text.find_first_not_of('0') == std::string::npos)
              return "takes a whole number of 1 or more, not '" + text + "'";
            return {};
          },
          "N >= 1", "WHOLE_NUMBER"));
  cmd->footer(
      "A backup file is checked block by block: every checksum, every block decompressed, the\n"
      "trailer. Exit status: 0 when clean, 1 when problems were found.");
  return cmd;
}

namespace {

int verify_backup_file(const VerifyArguments& arguments) {
  ProgressBar bar(stderr);
  BackupVerifyOptions options;
  options.max_problems = arguments.max_problems;
  options.progress = [&bar](std::uint64_t done, std::uint64_t total) {
    bar.update("verify", done, total, human_bytes(done) + " read");
  };
  BackupVerifyReport report;
  try {
    report = guanxi::verify_backup(arguments.database, options);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::kInvalidArgument) throw;
    throw CommandError("'" + arguments.database +
                       "' is not a Guanxi database (a directory) nor a Guanxi backup (a file "
                       "that starts with GXBACKUP)");
  }
  bar.clear();
  if (report.ok()) {
    const BackupInfo& h = *report.info;
    fmt::print(
        "OK: backup '{}' is sound ({} blocks, {} of database in {}; database {}, format "
        "{}, {} nodes, {} relationships as of transaction {}, {})\n",
        arguments.database, thousands(report.blocks), human_bytes(report.database_bytes),
        human_bytes(report.file_bytes), h.database_id.empty() ? "without id" : h.database_id,
        h.database_format, thousands(h.nodes), thousands(h.relationships),
        thousands(h.transaction_id), utc_time(h.created_micros));
    return kExitOk;
  }
  for (const BackupProblem& problem : report.problems) {
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
  if (std::filesystem::is_regular_file(arguments.database, ec)) {
    return verify_backup_file(arguments);
  }
  check_existing_database(arguments.database);
  ProgressBar bar(stderr);
  VerifyOptions options;
  options.max_problems = arguments.max_problems;
  options.progress = [&bar](const std::string& phase, std::uint64_t done) {
    bar.update(phase, done, 0, thousands(done) + " checked");
  };
  const VerifyReport report = guanxi::verify(arguments.database, options);
  bar.clear();

  const std::string checked =
      fmt::format("{}, {}, {}, {} checked", counted(report.nodes_checked, "node", "nodes"),
                  counted(report.relationships_checked, "relationship", "relationships"),
                  counted(report.adjacency_checked, "adjacency entry", "adjacency entries"),
                  counted(report.index_entries_checked, "index entry", "index entries"));
  if (report.ok()) {
    fmt::print("OK: '{}' is consistent ({})\n", arguments.database, checked);
    return kExitOk;
  }
  for (const VerifyProblem& problem : report.problems) {
    fmt::print("{}: {}\n", problem.table, problem.message);
  }
  if (report.problem_count > report.problems.size()) {
    fmt::print("... and {} more\n", thousands(report.problem_count - report.problems.size()));
  }
  fmt::print("FAILED: '{}' has {} problem{} ({})\n", arguments.database,
             thousands(report.problem_count), report.problem_count == 1 ? "" : "s",
             report.tables_opened ? checked : "the tables could not be opened");
  return kExitFailure;
}

}  // namespace guanxi::shell
