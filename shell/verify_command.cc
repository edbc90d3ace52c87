#include "shell/verify_command.h"

#include <fmt/format.h>

#include "shell/command_error.h"
#include "shell/open_database.h"
#include "shell/progress_bar.h"
#include "shell/text_format.h"
#include "storage/integrity_check.h"

namespace guanxi::shell {

CLI::App* add_verify_command(CLI::App& app, VerifyArguments& arguments) {
  CLI::App* cmd = app.add_subcommand(
      "verify", "Check a database: records, checksums, adjacency, labels, indexes, counters");
  cmd->add_option("database", arguments.database, "Database directory")->required();
  cmd->add_option("--max-problems", arguments.max_problems,
                  "Print at most this many problems (all are counted; default 1000)")
      ->check(CLI::PositiveNumber);
  cmd->footer("Exit status: 0 when the database is clean, 1 when problems were found.");
  return cmd;
}

int run_verify(const VerifyArguments& arguments) {
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
