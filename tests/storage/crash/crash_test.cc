// Crash test: crash_writer commits numbered transactions in a loop and is
// killed with SIGKILL at random moments. After every kill the database must
// open, pass the integrity check, hold every transaction the child reported
// committed, and show no part of any transaction that did not commit.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "storage/graph.h"
#include "storage/integrity_check.h"
#include "tests/storage/crash/child_process.h"
#include "tests/storage/crash/crash_workload.h"
#include "tests/support/temp_dir.h"

namespace guanxi::crash {
namespace {

namespace fs = std::filesystem;
using storage::Graph;
using storage::NameKind;
using storage::NodeId;
using storage::PropertyKeyId;
using storage::ReadTransaction;

std::int64_t int_property(const storage::NodeRecord& rec, PropertyKeyId key) {
  const storage::Value* v = storage::find_property(rec.properties, key);
  return v && v->type() == storage::ValueType::kInt ? v->as_int() : -1;
}

// What the parent knows across kills.
struct History {
  std::uint64_t last_seq = 0;  // highest committed transaction seen in the database
  std::uint64_t reported = 0;  // transactions the children reported committed
  std::uint64_t kills = 0;
  std::uint64_t kills_mid_run = 0;  // kills after the child had committed at least once
};

// Checks the database after a kill. `reported` are the numbers the killed
// child printed. Returns the database's last committed number.
void check_database(const fs::path& db, const std::vector<std::uint64_t>& reported,
                    History& history) {
  std::unique_ptr<Graph> graph;
  ASSERT_NO_THROW(graph = Graph::open(db)) << "the database does not open after a kill";

  const storage::IntegrityReport report = storage::check_integrity(*graph);
  if (!report.ok()) {
    std::string problems;
    for (const auto& p : report.problems) problems += "  [" + p.table + "] " + p.message + "\n";
    FAIL() << report.problem_count << " integrity problems after a kill:\n" << problems;
  }

  ReadTransaction txn = graph->read();
  auto& dict = graph->dictionary();
  const auto progress_label = dict.find(txn, NameKind::kLabel, kProgress);
  if (!progress_label || graph->nodes_with_label(txn, *progress_label).isEmpty()) {
    // The set-up transaction never committed, so nothing else may have.
    ASSERT_TRUE(reported.empty());
    ASSERT_EQ(history.last_seq, 0u);
    ASSERT_EQ(graph->counters().node_count(txn), 0u);
    return;
  }
  const auto lbl = [&](const char* name) {
    const auto id = dict.find(txn, NameKind::kLabel, name);
    EXPECT_TRUE(id.has_value()) << "label " << name << " missing";
    return id.value_or(~0u);
  };
  const auto key = [&](const char* name) {
    const auto id = dict.find(txn, NameKind::kPropertyKey, name);
    EXPECT_TRUE(id.has_value()) << "property key " << name << " missing";
    return id.value_or(~0u);
  };
  const auto item = lbl(kItem), marker = lbl(kMarker), account = lbl(kAccount);
  const auto txn_key = key(kTxn), seq_key = key(kSeq), balance_key = key(kBalance),
             last_seq_key = key(kLastSeq);
  const auto link = dict.find(txn, NameKind::kType, kLink);
  ASSERT_TRUE(link.has_value());

  const auto progress = graph->nodes_with_label(txn, *progress_label);
  ASSERT_EQ(progress.cardinality(), 1u);
  const auto progress_rec = graph->get_node(txn, progress.minimum());
  ASSERT_TRUE(progress_rec.has_value());
  const std::int64_t last = int_property(*progress_rec, last_seq_key);
  ASSERT_GE(last, 0);
  const auto last_seq = static_cast<std::uint64_t>(last);

  // Committed transactions never disappear, and every reported one is there.
  ASSERT_GE(last_seq, history.last_seq) << "committed transactions were lost";
  for (std::uint64_t s : reported) {
    ASSERT_LE(s, last_seq) << "transaction " << s << " was reported committed but is missing";
  }
  history.last_seq = last_seq;
  history.reported += reported.size();

  // Markers: exactly one per committed transaction, none beyond.
  std::vector<int> markers(last_seq + 1, 0);
  for (NodeId id : graph->nodes_with_label(txn, marker)) {
    const auto rec = graph->get_node(txn, id);
    ASSERT_TRUE(rec.has_value()) << "label posting names missing node " << id;
    const std::int64_t s = int_property(*rec, seq_key);
    ASSERT_GE(s, 1) << "marker node " << id << " has no seq";
    ASSERT_LE(static_cast<std::uint64_t>(s), last_seq)
        << "marker of uncommitted transaction " << s << " is visible";
    ++markers[static_cast<std::size_t>(s)];
  }
  for (std::uint64_t s = 1; s <= last_seq; ++s) {
    ASSERT_EQ(markers[s], 1) << "marker of transaction " << s;
  }

  // Items and LINK relationships: each transaction's all or nothing.
  std::vector<std::uint64_t> items(last_seq + 1, 0), links(last_seq + 1, 0);
  std::uint64_t scanned_nodes = 0;
  std::int64_t balance_sum = 0;
  std::uint64_t accounts = 0;
  graph->scan_nodes(txn, [&](NodeId id, std::string_view bytes) {
    ++scanned_nodes;
    const auto rec = storage::decode_node(bytes, id);
    const auto has = [&](storage::LabelId l) {
      return std::binary_search(rec.labels.begin(), rec.labels.end(), l);
    };
    if (has(item)) {
      const std::int64_t s = int_property(rec, txn_key);
      ASSERT_GE(s, 1) << "item " << id << " has no txn";
      ASSERT_LE(static_cast<std::uint64_t>(s), last_seq)
          << "item " << id << " of uncommitted transaction " << s << " is visible";
      ++items[static_cast<std::size_t>(s)];
    }
    if (has(account)) {
      ++accounts;
      balance_sum += int_property(rec, balance_key);
    }
  });
  if (::testing::Test::HasFatalFailure()) return;
  graph->scan_relationship_records(txn, [&](storage::RelationshipId id, std::string_view bytes) {
    const auto rec = storage::decode_relationship(bytes, id);
    if (rec.type != *link) return;
    const storage::Value* s = storage::find_property(rec.properties, txn_key);
    ASSERT_TRUE(s && s->type() == storage::ValueType::kInt)
        << "LINK relationship " << id << " has no txn";
    ASSERT_GE(s->as_int(), 1);
    ASSERT_LE(static_cast<std::uint64_t>(s->as_int()), last_seq)
        << "relationship " << id << " of uncommitted transaction " << s->as_int() << " is visible";
    ++links[static_cast<std::size_t>(s->as_int())];
  });
  if (::testing::Test::HasFatalFailure()) return;
  for (std::uint64_t s = 1; s <= last_seq; ++s) {
    ASSERT_EQ(items[s], items_in_txn(s)) << "items of transaction " << s;
    ASSERT_EQ(links[s], links_in_txn(s)) << "LINK relationships of transaction " << s;
  }
  EXPECT_EQ(scanned_nodes, graph->counters().node_count(txn));
  EXPECT_EQ(accounts, 2u);
  EXPECT_EQ(balance_sum, 2 * kInitialBalance) << "a transfer was applied in part";

  // The unique index created by transaction kUniqueIndexTxn finds every marker.
  const auto index = graph->indexes().find(txn, marker, seq_key);
  if (last_seq < kUniqueIndexTxn) {
    EXPECT_FALSE(index.has_value());
  } else {
    ASSERT_TRUE(index.has_value());
    EXPECT_TRUE(index->unique);
    for (std::uint64_t s = 1; s <= last_seq; ++s) {
      const auto hits =
          graph->indexes().seek_equal(txn, *index, storage::Value(static_cast<std::int64_t>(s)));
      ASSERT_EQ(hits.size(), 1u) << "index entries for marker " << s;
    }
  }
}

std::vector<std::uint64_t> parse_reported(const ChildProcess& child) {
  std::vector<std::uint64_t> out;
  for (const auto& line : child.lines()) out.push_back(std::stoull(line));
  return out;
}

// Runs `kills` rounds of start, wait a random while, SIGKILL, check.
void run_kills(const std::string& name, int kills, std::uint64_t seed) {
  const test_support::TempDir dir("guanxi-crash-" + name);
  const fs::path& root = dir.path();
  const fs::path db = root / "db";
  std::mt19937_64 rng(seed);
  History history;
  for (int round = 0; round < kills; ++round) {
    SCOPED_TRACE("kill " + std::to_string(round + 1) + " of " + std::to_string(kills) + " (seed " +
                 std::to_string(seed) + ")");
    std::vector<std::uint64_t> reported;
    {
      ChildProcess child(GUANXI_CRASH_WRITER, {db.string(), std::to_string(rng())},
                         root / "writer.stderr");
      const auto start = std::chrono::steady_clock::now();
      // Half the kills come at any moment from process start (opening,
      // set-up, first commit); the others once the child is committing, at a
      // random point of its loop.
      if (rng() % 2 == 0) {
        if (child.wait_for_line(start + std::chrono::seconds(20))) ++history.kills_mid_run;
      }
      const auto delay = std::chrono::microseconds(rng() % 150'000);
      const bool running = child.read_until(std::chrono::steady_clock::now() + delay);
      child.kill_and_wait(SIGKILL);
      ASSERT_TRUE(running && child.killed_by(SIGKILL))
          << "the writer ended by itself (" << child.describe_end()
          << "): " << child.error_output();
      reported = parse_reported(child);
    }
    ++history.kills;
    check_database(db, reported, history);
    if (::testing::Test::HasFatalFailure()) return;
  }
  // The kills must have landed while real work was being done.
  EXPECT_GT(history.reported, static_cast<std::uint64_t>(kills));
  EXPECT_GE(history.last_seq, history.reported);
  std::printf(
      "[ crash    ] %d kills (%llu after a first commit), %llu transactions committed, %llu "
      "reported\n",
      kills, static_cast<unsigned long long>(history.kills_mid_run),
      static_cast<unsigned long long>(history.last_seq),
      static_cast<unsigned long long>(history.reported));
}

TEST(CrashTest, WriterSurvivesFiftyKills) { run_kills("fifty", 50, 20240531); }

// A clean run for contrast: a child that finishes by itself leaves exactly the
// transactions it reported, and a second child continues its numbering.
TEST(CrashTest, CleanRunsContinueNumbering) {
  const test_support::TempDir dir("guanxi-crash-clean");
  const fs::path& root = dir.path();
  const fs::path db = root / "db";
  History history;
  for (int run = 0; run < 2; ++run) {
    ChildProcess child(GUANXI_CRASH_WRITER, {db.string(), std::to_string(run), "40"},
                       root / "writer.stderr");
    child.wait();
    ASSERT_TRUE(child.exited_cleanly()) << child.describe_end() << ": " << child.error_output();
    const auto reported = parse_reported(child);
    ASSERT_EQ(reported.size(), 40u);
    EXPECT_EQ(reported.front(), 40u * run + 1);
    EXPECT_EQ(reported.back(), 40u * (run + 1));
    check_database(db, reported, history);
    if (::testing::Test::HasFatalFailure()) return;
    EXPECT_EQ(history.last_seq, 40u * (run + 1));
  }
}

#ifdef GUANXI_LONG_TESTS
TEST(CrashTest, WriterSurvivesFiveHundredKills) { run_kills("five-hundred", 500, 77); }
#endif

}  // namespace
}  // namespace guanxi::crash
