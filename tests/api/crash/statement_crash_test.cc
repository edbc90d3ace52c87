// Statement crash test: statement_writer runs MERGE, SET, CREATE and DELETE
// statements and explicit transactions on a ledger (statement_workload.h)
// through the public API and is killed with SIGKILL at random moments. After
// every kill the database must pass verify, the account balances must still
// sum to the initial total, every unit the child reported committed must be
// there (committed lost = 0), and no part of a unit that did not commit may
// be visible (partial visible = 0).
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "guanxi/database.h"
#include "tests/api/crash/statement_workload.h"
#include "tests/storage/crash/child_process.h"
#include "tests/support/temp_dir.h"

namespace guanxi::crash {
namespace {

namespace fs = std::filesystem;

// What the parent knows across kills.
struct History {
  std::uint64_t last_committed = 0;   // Ledger.committed after the previous kill
  std::uint64_t reported = 0;         // units the children reported committed
  std::uint64_t committed_lost = 0;   // reported (or seen) committed, then missing
  std::uint64_t partial_visible = 0;  // parts of units that never committed, or parts missing
  std::uint64_t kills = 0;
  std::uint64_t kills_mid_run = 0;          // kills after the child had committed at least once
  std::uint64_t kills_during_creation = 0;  // kills before the new database's tables committed
};

std::int64_t single_int(Session& session, const std::string& statement) {
  Result result = session.query(statement);
  Row row;
  if (!result.next(row)) return -1;
  return row[0].is_null() ? 0 : row[0].as_int();
}

// Checks the database after a kill; `reported` are the units the killed child
// printed. Counts what is wrong into `history` (the test asserts on those).
void check_database(const fs::path& db, const std::vector<std::uint64_t>& reported,
                    History& history) {
  if (history.last_committed == 0 && reported.empty()) {
    // A kill while the first child was creating the database may leave an
    // LMDB file whose tables were never committed. A read-only open (verify)
    // refuses it as "no 'meta' table"; the next read-write open, as the next
    // child does, creates the tables. Nothing was committed, so nothing is
    // lost: open it as the child would, then check as usual.
    try {
      (void)verify(db.string());
    } catch (const Error& e) {
      ASSERT_NE(std::string(e.what()).find("no 'meta' table"), std::string::npos) << e.what();
      ++history.kills_during_creation;
      Database::open(db.string(), {.create_if_missing = false}).close();
    }
  }
  const VerifyReport report = verify(db.string());
  if (!report.ok()) {
    std::string problems;
    for (const auto& p : report.problems) problems += "  [" + p.table + "] " + p.message + "\n";
    FAIL() << report.problem_count << " problems found by verify after a kill:\n" << problems;
  }

  Database database = Database::open(db.string(), {.create_if_missing = false});
  Session session = database.session();
  const std::int64_t ledger = single_int(session, "MATCH (l:Ledger) RETURN l.committed");
  if (ledger < 0) {
    // The set-up statement never committed, so nothing else may have.
    EXPECT_TRUE(reported.empty());
    EXPECT_EQ(history.last_committed, 0u);
    EXPECT_EQ(single_int(session, "MATCH (n) RETURN count(n)"), 0);
    return;
  }
  const auto committed = static_cast<std::uint64_t>(ledger);
  if (committed < history.last_committed)
    history.committed_lost += history.last_committed - committed;
  for (std::uint64_t s : reported) {
    if (s > committed) ++history.committed_lost;
  }
  history.last_committed = std::max(history.last_committed, committed);
  history.reported += reported.size();

  // The balances: all eight accounts, their sum unchanged.
  {
    Result result =
        session.query("MATCH (a:Account) RETURN count(a) AS n, sum(a.balance) AS total");
    Row row;
    ASSERT_TRUE(result.next(row));
    EXPECT_EQ(row["n"].as_int(), kAccounts);
    EXPECT_EQ(row["total"].as_int(), kAccounts * kInitialBalance)
        << "a transfer was applied in part";
  }

  // One Op per committed unit, none of a failed statement or a later unit.
  std::vector<int> ops(committed + 1, 0);
  for (const Row& row : session.query("MATCH (o:Op) RETURN o.seq AS seq, o.kind AS kind")) {
    const std::int64_t s = row["seq"].as_int();
    if (s < 1 || static_cast<std::uint64_t>(s) > committed || row["kind"].as_string() == "failed") {
      ++history.partial_visible;
    } else {
      ++ops[static_cast<std::size_t>(s)];
    }
  }
  // Items: exactly items_in_unit(s) per committed unit, each held by its Op.
  std::vector<std::int64_t> items(committed + 1, 0);
  for (const Row& row : session.query("MATCH (i:Item) OPTIONAL MATCH (o:Op)-[:HOLDS]->(i) "
                                      "RETURN i.seq AS seq, o.seq AS op")) {
    const std::int64_t s = row["seq"].as_int();
    if (s < 1 || static_cast<std::uint64_t>(s) > committed || row["op"].is_null() ||
        row["op"].as_int() != s) {
      ++history.partial_visible;
    } else {
      ++items[static_cast<std::size_t>(s)];
    }
  }
  std::int64_t merges = 0;
  for (std::uint64_t s = 1; s <= committed; ++s) {
    if (ops[s] != 1) ++history.partial_visible;
    if (items[s] != items_in_unit(s)) ++history.partial_visible;
    if (merges_counter(s)) ++merges;
  }
  EXPECT_EQ(single_int(session, "MATCH (c:Counter) RETURN sum(c.n)"), merges)
      << "counter merges of uncommitted units are visible, or committed ones are missing";
  EXPECT_EQ(history.committed_lost, 0u) << "units reported committed are missing";
  EXPECT_EQ(history.partial_visible, 0u) << "parts of units are visible without the rest";
}

std::vector<std::uint64_t> parse_reported(const ChildProcess& child) {
  std::vector<std::uint64_t> out;
  for (const auto& line : child.lines()) out.push_back(std::stoull(line));
  return out;
}

// Runs `kills` rounds of start, wait a random while, SIGKILL, check.
void run_kills(const std::string& name, int kills, std::uint64_t seed) {
  const test_support::TempDir dir("guanxi-statement-crash-" + name);
  const fs::path& root = dir.path();
  const fs::path db = root / "db";
  std::mt19937_64 rng(seed);
  History history;
  const auto started = std::chrono::steady_clock::now();
  for (int round = 0; round < kills; ++round) {
    SCOPED_TRACE("kill " + std::to_string(round + 1) + " of " + std::to_string(kills) + " (seed " +
                 std::to_string(seed) + ")");
    std::vector<std::uint64_t> reported;
    {
      ChildProcess child(GUANXI_STATEMENT_WRITER, {db.string(), std::to_string(rng())},
                         root / "writer.stderr");
      const auto start = std::chrono::steady_clock::now();
      // Half the kills come at any moment from process start (opening,
      // set-up, first commit); the others once the child is committing.
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
    if (::testing::Test::HasFailure()) return;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // The kills must have landed while real work was being done.
  EXPECT_GT(history.reported, static_cast<std::uint64_t>(kills));
  std::printf(
      "[ crash    ] %d cycles (%llu after a first commit, %llu while creating the database), %llu "
      "units committed, %llu reported, committed lost %llu, partial visible %llu, %.1f s\n",
      kills, static_cast<unsigned long long>(history.kills_mid_run),
      static_cast<unsigned long long>(history.kills_during_creation),
      static_cast<unsigned long long>(history.last_committed),
      static_cast<unsigned long long>(history.reported),
      static_cast<unsigned long long>(history.committed_lost),
      static_cast<unsigned long long>(history.partial_visible), seconds);
}

TEST(StatementCrash, SurvivesTwentyKills) { run_kills("twenty", 20, 20261202); }

// A clean run for contrast: a child that finishes by itself leaves exactly
// the units it reported, and a second child continues the numbering.
TEST(StatementCrash, CleanRunsContinueNumbering) {
  const test_support::TempDir dir("guanxi-statement-crash-clean");
  const fs::path db = dir.path() / "db";
  History history;
  for (int run = 0; run < 2; ++run) {
    ChildProcess child(GUANXI_STATEMENT_WRITER, {db.string(), std::to_string(run), "30"},
                       dir.path() / "writer.stderr");
    child.wait();
    ASSERT_TRUE(child.exited_cleanly()) << child.describe_end() << ": " << child.error_output();
    const auto reported = parse_reported(child);
    ASSERT_EQ(reported.size(), 30u);
    EXPECT_EQ(reported.front(), 30u * run + 1);
    EXPECT_EQ(reported.back(), 30u * (run + 1));
    check_database(db, reported, history);
    if (::testing::Test::HasFailure()) return;
    EXPECT_EQ(history.last_committed, 30u * (run + 1));
  }
}

#ifdef GUANXI_LONG_TESTS
TEST(StatementCrash, SurvivesThousandKills) { run_kills("thousand", 1000, 4242); }
#endif

}  // namespace
}  // namespace guanxi::crash
