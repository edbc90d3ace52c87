// The memory budget of a session's statements through the public API
// (SessionOptions::memory_budget): what the operators hold is counted, a
// statement over the budget fails with kLimit naming it and changes
// nothing, and the session runs on.
#include <gtest/gtest.h>

#include <string>

#include "guanxi/guanxi.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

using test_support::TempDir;

constexpr std::uint64_t kMiB = 1 << 20;

Options fast() {
  Options o;
  o.durable = false;
  return o;
}

class MemoryBudgetTest : public ::testing::Test {
 protected:
  MemoryBudgetTest() : db_(Database::open(dir_.path() / "db", fast())) {}

  Session with_budget(std::uint64_t bytes) {
    SessionOptions options;
    options.user = "test";
    options.memory_budget = bytes;
    return db_.session(options);
  }

  static Error failure(Session& session, const std::string& text) {
    try {
      session.query(text).all();
    } catch (const Error& e) {
      return e;
    }
    ADD_FAILURE() << "expected an error from: " << text;
    return Error(ErrorCode::kStorage, "none");
  }

  TempDir dir_;
  Database db_;
};

TEST_F(MemoryBudgetTest, ASortPastTheBudgetIsALimitErrorNamingIt) {
  Session session = with_budget(8 * kMiB);
  const Error e = failure(session, "UNWIND range(1, 1000000) AS x RETURN x ORDER BY x DESC");
  EXPECT_EQ(e.code(), ErrorCode::kLimit);
  EXPECT_EQ(e.message(),
            "the statement needs more than 8.0 MiB of memory (memory budget, --memory-budget)");
  // The next statement starts with nothing held.
  auto rows = session.query("UNWIND range(1, 10000) AS x RETURN x ORDER BY x DESC LIMIT 1").all();
  EXPECT_EQ(rows.at(0)["x"].as_int(), 10000);
}

TEST_F(MemoryBudgetTest, TheSameStatementRunsWithTheDefaultBudget) {
  Session session = db_.session();
  EXPECT_EQ(session.options().memory_budget, 0u);
  auto rows = session.query("UNWIND range(1, 200000) AS x RETURN x ORDER BY x DESC LIMIT 1").all();
  EXPECT_EQ(rows.at(0)["x"].as_int(), 200000);
  rows = session.query("UNWIND range(1, 200000) AS x WITH x ORDER BY x DESC RETURN count(*) AS n")
             .all();
  EXPECT_EQ(rows.at(0)["n"].as_int(), 200000);
}

TEST_F(MemoryBudgetTest, CollectAndGroupsCountAgainstTheBudget) {
  Session session = with_budget(4 * kMiB);
  // A list of 100,000 values (5.6 MB) is refused before it is built.
  EXPECT_EQ(failure(session, "RETURN size(range(1, 100000)) AS n").code(), ErrorCode::kLimit);
  // 300 x 300 rows stream through in lists of 300; what is kept does not fit.
  for (const char* text : {
           "UNWIND range(1, 300) AS a UNWIND range(1, 300) AS b RETURN size(collect(a * b)) AS n",
           "UNWIND range(1, 300) AS a UNWIND range(1, 300) AS b "
           "RETURN a * 1000 + b AS k, count(*) AS n",
           "UNWIND range(1, 300) AS a UNWIND range(1, 300) AS b RETURN DISTINCT [a, b] AS pair",
           "UNWIND range(1, 300) AS a UNWIND range(1, 300) AS b "
           "RETURN size(collect(DISTINCT a * 1000 + b)) AS n",
       }) {
    const Error e = failure(session, text);
    EXPECT_EQ(e.code(), ErrorCode::kLimit) << text << ": " << e.what();
    EXPECT_NE(e.message().find("4.0 MiB"), std::string::npos) << e.message();
  }
  // Small ones run.
  auto rows = session
                  .query(
                      "UNWIND range(1, 30) AS a UNWIND range(1, 30) AS b "
                      "RETURN size(collect(a * b)) AS n")
                  .all();
  EXPECT_EQ(rows.at(0)["n"].as_int(), 900);
}

TEST_F(MemoryBudgetTest, AFailedWriteChangesNothing) {
  Session session = with_budget(4 * kMiB);
  const Error e = failure(session,
                          "UNWIND range(1, 300) AS a CREATE (:Probe {a: a}) WITH a "
                          "UNWIND range(1, 300) AS b WITH a, b ORDER BY a * b RETURN count(*)");
  EXPECT_EQ(e.code(), ErrorCode::kLimit) << e.what();
  auto rows = session.query("MATCH (p:Probe) RETURN count(p) AS n").all();
  EXPECT_EQ(rows.at(0)["n"].as_int(), 0);
  // Inside a transaction only the failed statement is undone.
  session.begin();
  session.query("CREATE (:Kept)").all();
  EXPECT_EQ(failure(session,
                    "CREATE (:Probe) WITH 1 AS one UNWIND range(1, 300) AS a "
                    "UNWIND range(1, 300) AS b WITH a, b ORDER BY a * b RETURN count(*)")
                .code(),
            ErrorCode::kLimit);
  session.commit();
  rows = session.query("MATCH (k:Kept) RETURN count(k) AS kept").all();
  EXPECT_EQ(rows.at(0)["kept"].as_int(), 1);
  rows = session.query("MATCH (p:Probe) RETURN count(p) AS n").all();
  EXPECT_EQ(rows.at(0)["n"].as_int(), 0);
}

// A writing statement's rows are held until it commits.
TEST_F(MemoryBudgetTest, TheRowsAWritingStatementHoldsCountAgainstTheBudget) {
  Session session = with_budget(4 * kMiB);
  const Error e = failure(session,
                          "UNWIND range(1, 200000) AS i CREATE (n:Held {i: i}) "
                          "RETURN n.i AS i, 'a row held until the statement commits' AS text");
  EXPECT_EQ(e.code(), ErrorCode::kLimit) << e.what();
  auto rows = session.query("MATCH (h:Held) RETURN count(h) AS n").all();
  EXPECT_EQ(rows.at(0)["n"].as_int(), 0);
  rows = session.query("UNWIND range(1, 1000) AS i CREATE (n:Held {i: i}) RETURN n.i AS i").all();
  EXPECT_EQ(rows.size(), 1000u);
}

TEST_F(MemoryBudgetTest, AVariableLengthSearchOnADenseGraphCountsItsFrames) {
  // A complete graph of 120 nodes: every open frame of the search holds 119
  // neighbours, and a path may be 20 relationships deep.
  Session writer = db_.session();
  writer.query("UNWIND range(1, 120) AS i CREATE (:K {i: i})").all();
  writer.query("MATCH (a:K), (b:K) WHERE a.i < b.i CREATE (a)-[:R]->(b)").all();
  Session session = with_budget(std::uint64_t{64} << 10);
  const Error e = failure(session, "MATCH (a:K {i: 1})-[:R*1..20]-(b) RETURN count(*) AS n");
  EXPECT_EQ(e.code(), ErrorCode::kLimit) << e.what();
  // A shallow search fits.
  auto rows = session.query("MATCH (a:K {i: 1})-[:R*1..1]-(b) RETURN count(*) AS n").all();
  EXPECT_EQ(rows.at(0)["n"].as_int(), 119);
}

}  // namespace
}  // namespace guanxi
