// Hot backups while a writer commits 10,000 ledger transactions
// (ledger_workload.h): every backup restores to a database that the
// integrity check finds clean and that shows one committed snapshot (the
// ledger's invariants hold, and its counts are the ones the backup's header
// recorded). Backups are taken from another thread of the writing process and
// from another process.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "storage/backup.h"
#include "storage/graph.h"
#include "storage/integrity_check.h"
#include "storage/restore.h"
#include "tests/storage/crash/ledger_workload.h"

namespace guanxi::crash {
namespace {

namespace fs = std::filesystem;
using storage::Graph;

constexpr int kTransactions = 10'000;
// Backups per taker, a few milliseconds apart: enough to land all through the
// writer's run without filling the disk.
constexpr int kMaxBackups = 60;
constexpr auto kPause = std::chrono::milliseconds(5);

fs::path fresh_dir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("guanxi-hot-backup-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

storage::EnvironmentOptions fast() {
  storage::EnvironmentOptions options;
  options.durable = false;
  options.initial_map_size = std::size_t{1} << 20;  // the map grows during the run
  return options;
}

// Restores `file` and checks the database it gives; returns the commits it shows.
std::uint64_t check_restored(const fs::path& file, const fs::path& into) {
  const storage::RestoreReport restored = storage::restore_database(file, into);
  auto graph = Graph::open(into, fast());
  const storage::IntegrityReport integrity = storage::check_integrity(*graph);
  EXPECT_TRUE(integrity.ok()) << file << ": " << integrity.problems.front().message;
  storage::ReadTransaction txn = graph->read();
  SnapshotFacts facts;
  EXPECT_EQ(check_ledger_snapshot(*graph, txn, &facts), "") << file;
  EXPECT_EQ(facts.nodes, restored.header.nodes) << file;
  EXPECT_EQ(facts.relationships, restored.header.relationships) << file;
  return facts.commits;
}

TEST(HotBackupTest, BackupsDuringTenThousandCommitsRestoreToCommittedSnapshots) {
  const fs::path dir = fresh_dir("threads");
  auto graph = Graph::open(dir / "db", fast());
  LedgerWriter writer(*graph, 7);
  writer.set_up();

  // Another process backs the database up in a loop until told to stop.
  const fs::path stop = dir / "stop";
  const pid_t child = ::fork();
  if (child == 0) {
    int taken = 0;
    try {
      auto own = Graph::open(dir / "db", fast());
      while ((!fs::exists(stop) && taken < kMaxBackups) || taken == 0) {
        storage::backup_database(own->env(), dir / ("process-" + std::to_string(taken++)));
        std::this_thread::sleep_for(kPause);
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "backup process: %s\n", e.what());
      ::_exit(2);
    }
    ::_exit(0);
  }

  std::atomic<bool> done{false};
  std::thread writing([&] {
    for (int i = 0; i < kTransactions; ++i) writer.commit_one();
    done = true;
  });
  int thread_backups = 0;
  while (!done && thread_backups < kMaxBackups) {
    storage::backup_database(graph->env(), dir / ("thread-" + std::to_string(thread_backups++)));
    std::this_thread::sleep_for(kPause);
  }
  writing.join();
  std::FILE* f = std::fopen(stop.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fclose(f);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the backup process failed";

  std::vector<fs::path> backups;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("thread-", 0) == 0 || name.rfind("process-", 0) == 0) {
      backups.push_back(entry.path());
    }
  }
  ASSERT_GE(backups.size(), 2u);
  std::uint64_t restored = 0, max_commits = 0, distinct_mid_run = 0;
  for (std::size_t i = 0; i < backups.size(); i += 1 + backups.size() / 40) {
    const std::uint64_t commits = check_restored(backups[i], dir / ("r" + std::to_string(i)));
    if (commits > 0 && commits < static_cast<std::uint64_t>(kTransactions)) ++distinct_mid_run;
    max_commits = std::max(max_commits, commits);
    fs::remove_all(dir / ("r" + std::to_string(i)));
    ++restored;
  }
  EXPECT_GT(restored, 1u);
  EXPECT_GT(distinct_mid_run, 0u) << "no backup was taken while the writer ran";
  fs::remove_all(dir);
}

}  // namespace
}  // namespace guanxi::crash
