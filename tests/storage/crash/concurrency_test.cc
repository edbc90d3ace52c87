// Concurrency: readers in other threads and in another process check the
// ledger invariants (ledger_workload.h) in every snapshot while a writer
// commits thousands of small transactions into a map that starts at 1 MiB and
// has to grow several times.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "storage/graph.h"
#include "storage/integrity_check.h"
#include "tests/storage/crash/child_process.h"
#include "tests/storage/crash/ledger_workload.h"
#include "tests/support/temp_dir.h"

namespace guanxi::crash {
namespace {

namespace fs = std::filesystem;
using storage::Graph;

constexpr std::size_t kSmallMap = std::size_t{1} << 20;

std::unique_ptr<Graph> open_small(const fs::path& db) {
  storage::EnvironmentOptions options;
  options.initial_map_size = kSmallMap;
  options.durable = false;  // durability is the crash test's subject, not this one's
  return Graph::open(db, options);
}

struct ReaderResult {
  std::uint64_t snapshots = 0;
  std::uint64_t integrity_checks = 0;
  std::set<std::uint64_t> commits_seen;
  std::string problem;
};

// Checks snapshots until `done`, then once more. Reader 0 also runs the full
// integrity check now and then.
void read_until_done(Graph& graph, const std::atomic<bool>& done, int reader, ReaderResult* out) {
  std::uint64_t last_commit = 0;
  bool finished = false;
  while (!finished && out->problem.empty()) {
    finished = done.load();
    try {
      SnapshotFacts facts;
      {
        storage::ReadTransaction txn = graph.read();
        out->problem = check_ledger_snapshot(graph, txn, &facts);
      }
      if (out->problem.empty() && facts.commits < last_commit) {
        out->problem = "commit count went back from " + std::to_string(last_commit) + " to " +
                       std::to_string(facts.commits);
      }
      last_commit = facts.commits;
      out->commits_seen.insert(facts.commits);
      ++out->snapshots;
      if (reader == 0 && out->snapshots % 16 == 0) {
        const auto report = storage::check_integrity(graph);
        ++out->integrity_checks;
        if (!report.ok()) {
          out->problem = "integrity check: " + std::to_string(report.problem_count) +
                         " problems, first: " + report.problems.front().message;
        }
      }
    } catch (const std::exception& e) {
      out->problem = std::string("exception: ") + e.what();
    }
  }
}

TEST(ConcurrencyTest, FourReaderThreadsSeeConsistentSnapshotsWhileTenThousandCommit) {
  constexpr int kCommits = 10'000;
  const test_support::TempDir dir("guanxi-concurrency-threads");
  const fs::path& root = dir.path();
  auto graph = open_small(root / "db");
  LedgerWriter writer(*graph, 1234);
  writer.set_up();

  std::atomic<bool> done{false};
  std::vector<ReaderResult> results(4);
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back(read_until_done, std::ref(*graph), std::cref(done), r, &results[r]);
  }
  std::string writer_problem;
  const auto start = std::chrono::steady_clock::now();
  std::thread writer_thread([&] {
    try {
      for (int i = 0; i < kCommits; ++i) writer.commit_one();
    } catch (const std::exception& e) {
      writer_problem = e.what();
    }
    done = true;
  });
  writer_thread.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (auto& t : readers) t.join();

  ASSERT_EQ(writer_problem, "");
  std::uint64_t total_snapshots = 0;
  for (int r = 0; r < 4; ++r) {
    SCOPED_TRACE("reader " + std::to_string(r));
    EXPECT_EQ(results[r].problem, "");
    // Each reader checked snapshots while the writer ran, and its last one
    // (taken after the writer finished) saw every commit.
    EXPECT_GE(results[r].commits_seen.size(), 2u);
    EXPECT_EQ(*results[r].commits_seen.rbegin(), static_cast<std::uint64_t>(kCommits));
    total_snapshots += results[r].snapshots;
  }
  EXPECT_GE(results[0].integrity_checks, 1u);
  EXPECT_GT(graph->env().map_size(), kSmallMap) << "the map never grew";
  const auto report = storage::check_integrity(*graph);
  EXPECT_TRUE(report.ok()) << report.problem_count << " problems";
  std::printf(
      "[ concur   ] %d commits in %.2f s with 4 readers; %llu snapshots checked; map %zu KiB\n",
      kCommits, seconds, static_cast<unsigned long long>(total_snapshots),
      graph->env().map_size() / 1024);
  graph.reset();
}

TEST(ConcurrencyTest, ReaderProcessSeesConsistentSnapshotsAndAdoptsMapGrowth) {
  constexpr int kCommits = 4'000;
  const test_support::TempDir dir("guanxi-concurrency-process");
  const fs::path& root = dir.path();
  const fs::path db = root / "db";
  const fs::path stop_file = root / "stop";
  auto graph = open_small(db);
  LedgerWriter writer(*graph, 99);
  writer.set_up();
  for (int i = 0; i < 10; ++i) writer.commit_one();
  const std::size_t map_before = graph->env().map_size();

  ChildProcess reader(GUANXI_LEDGER_READER, {db.string(), stop_file.string()},
                      root / "reader.stderr");
  ASSERT_TRUE(reader.wait_for_line(std::chrono::steady_clock::now() + std::chrono::seconds(30)))
      << "the reader process did not start: " << reader.error_output();
  ASSERT_EQ(reader.lines().front(), "ready") << reader.output();

  for (int i = 0; i < kCommits; ++i) writer.commit_one();
  std::ofstream(stop_file) << "stop\n";
  reader.wait();

  ASSERT_TRUE(reader.exited_cleanly()) << reader.describe_end() << "\nstdout:\n"
                                       << reader.output() << "\nstderr:\n"
                                       << reader.error_output();
  const auto lines = reader.lines();
  ASSERT_EQ(lines.size(), 2u) << reader.output();
  unsigned long long snapshots = 0, last_commit = 0;
  std::size_t distinct = 0, map_start = 0, map_end = 0;
  ASSERT_EQ(std::sscanf(lines[1].c_str(),
                        "snapshots=%llu distinct_commits=%zu last_commit=%llu map_start=%zu "
                        "map_end=%zu",
                        &snapshots, &distinct, &last_commit, &map_start, &map_end),
            5)
      << lines[1];
  EXPECT_GE(distinct, 2u) << "the reader never saw the writer's progress";
  EXPECT_EQ(last_commit, static_cast<unsigned long long>(kCommits + 10));
  EXPECT_GT(graph->env().map_size(), map_before) << "the writer's map never grew";
  EXPECT_GT(map_end, map_start) << "the reader process never adopted the grown map";
  std::printf(
      "[ concur   ] reader process: %llu snapshots, %zu distinct commits, map %zu -> %zu KiB\n",
      snapshots, distinct, map_start / 1024, map_end / 1024);
  graph.reset();
}

}  // namespace
}  // namespace guanxi::crash
