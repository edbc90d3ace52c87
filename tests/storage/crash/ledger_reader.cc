// ledger_reader: the second process of the concurrency test.
//
//   ledger_reader DIR STOP_FILE
//
// Opens the database read-only with a small map, prints "ready", then checks
// the ledger invariants (ledger_workload.h) in one snapshot after another
// until STOP_FILE exists, and once more after that. Prints a summary line
//   snapshots=N distinct_commits=D last_commit=C map_start=S map_end=E
// and exits 0, or prints "violation: ..." and exits 1 at the first broken
// invariant (2 for any other error). map_end > map_start shows that the map
// growth of the writing process was adopted here.
#include <cstdio>
#include <exception>
#include <filesystem>
#include <set>
#include <string>

#include "storage/graph.h"
#include "tests/storage/crash/ledger_workload.h"

namespace guanxi::crash {
namespace {

int run(const std::filesystem::path& dir, const std::filesystem::path& stop_file) {
  storage::EnvironmentOptions options;
  options.read_only = true;
  options.initial_map_size = std::size_t{1} << 20;
  auto graph = storage::Graph::open(dir, options);
  const std::size_t map_start = graph->env().map_size();

  std::set<std::uint64_t> commits_seen;
  std::uint64_t snapshots = 0, last_commit = 0;
  const auto check_one = [&]() -> bool {
    SnapshotFacts facts;
    std::string problem;
    {
      storage::ReadTransaction txn = graph->read();
      problem = check_ledger_snapshot(*graph, txn, &facts);
    }
    if (problem.empty() && facts.commits < last_commit) {
      problem = "commit count went back from " + std::to_string(last_commit) + " to " +
                std::to_string(facts.commits);
    }
    if (!problem.empty()) {
      std::printf("violation: %s\n", problem.c_str());
      std::fflush(stdout);
      return false;
    }
    ++snapshots;
    last_commit = facts.commits;
    commits_seen.insert(facts.commits);
    return true;
  };

  if (!check_one()) return 1;
  std::printf("ready\n");
  std::fflush(stdout);
  bool stop = false;
  while (!stop) {
    stop = std::filesystem::exists(stop_file);
    if (!check_one()) return 1;
  }
  std::printf("snapshots=%llu distinct_commits=%zu last_commit=%llu map_start=%zu map_end=%zu\n",
              static_cast<unsigned long long>(snapshots), commits_seen.size(),
              static_cast<unsigned long long>(last_commit), map_start, graph->env().map_size());
  std::fflush(stdout);
  return 0;
}

}  // namespace
}  // namespace guanxi::crash

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s DIR STOP_FILE\n", argv[0]);
    return 2;
  }
  try {
    return guanxi::crash::run(argv[1], argv[2]);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ledger_reader: %s\n", e.what());
    return 2;
  }
}
