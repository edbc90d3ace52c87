// Session::progress: a statement publishes the rows it has produced and an
// algorithm its phase and iteration, for a reader on another thread; being
// watched changes no result.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <string>
#include <thread>

#include "guanxi/guanxi.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

using test_support::TempDir;

Options fast() {
  Options o;
  o.durable = false;
  return o;
}

// Customers with two KNOWS each, scrambled so that PageRank has work to do.
void build(Session& session, int customers) {
  const std::string n = std::to_string(customers);
  session.execute("UNWIND range(0, " + n + " - 1) AS i CREATE (:Customer {i: i})");
  session.execute("MATCH (a:Customer), (b:Customer) WHERE b.i = (a.i * 7 + 3) % " + n +
                  " OR b.i = (a.i * 13 + 5) % " + n + " CREATE (a)-[:KNOWS]->(b)");
}

std::map<std::int64_t, double> pagerank(Session& session) {
  std::map<std::int64_t, double> out;
  for (const Row& row : session.query("CALL algo.pagerank({maxIterations: 30}) YIELD node, score "
                                      "RETURN node.i AS i, score")) {
    out[row["i"].as_int()] = row["score"].as_float();
  }
  return out;
}

TEST(StatementProgressTest, CountsTheRowsAStatementProduced) {
  TempDir dir;
  Database db = Database::open((dir.path() / "db").string(), fast());
  Session session = db.session();
  EXPECT_EQ(session.progress().rows, 0u);
  Result result = session.query("UNWIND range(1, 5) AS x RETURN x");
  Row row;
  ASSERT_TRUE(result.next(row));
  ASSERT_TRUE(result.next(row));
  EXPECT_EQ(session.progress().rows, 2u);
  while (result.next(row)) {
  }
  EXPECT_EQ(session.progress().rows, 5u);
  EXPECT_EQ(session.progress().phase, "");
  // A writing statement has produced its rows before it commits.
  session.execute("UNWIND range(1, 3) AS x CREATE (:Tag {x: x}) RETURN x");
  EXPECT_EQ(session.progress().rows, 3u);
  // The next statement starts from nothing.
  session.execute("RETURN 1");
  EXPECT_EQ(session.progress().rows, 1u);
}

TEST(StatementProgressTest, AnAlgorithmReportsItsPhaseAndIteration) {
  TempDir dir;
  Database db = Database::open((dir.path() / "db").string(), fast());
  Session session = db.session();
  build(session, 1000);

  // With tolerance 0 PageRank never converges: it runs until the watcher,
  // having seen it iterate, cancels it, however fast the machine is.
  std::atomic<bool> done{false};
  StatementProgress seen;
  std::thread watcher([&] {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!done && std::chrono::steady_clock::now() < deadline) {
      StatementProgress p = session.progress();
      if (p.phase == "pageRank" && p.step >= 2) {
        seen = p;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    session.cancel();
  });
  try {
    session.execute("CALL algo.pagerank({maxIterations: 1000000, tolerance: 0})");
    ADD_FAILURE() << "PageRank ended without being cancelled";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kCancelled) << e.what();
  }
  done = true;
  watcher.join();
  EXPECT_EQ(seen.phase, "pageRank");
  EXPECT_GE(seen.step, 2u);
  EXPECT_EQ(seen.steps, 1000000u);
  EXPECT_EQ(seen.rows, 0u);
}

TEST(StatementProgressTest, BeingWatchedChangesNoResult) {
  TempDir dir;
  Database db = Database::open((dir.path() / "db").string(), fast());
  Session session = db.session();
  build(session, 500);
  const auto unwatched = pagerank(session);
  ASSERT_EQ(unwatched.size(), 500u);

  std::atomic<bool> done{false};
  std::string phases;  // each phase the watcher saw, in order
  std::thread watcher([&] {
    while (!done) {
      const std::string phase = session.progress().phase;
      if (!phase.empty() && (phases.empty() || !phases.ends_with(phase + ";"))) {
        phases += phase + ";";
      }
    }
  });
  const auto watched = pagerank(session);
  done = true;
  watcher.join();
  EXPECT_EQ(watched, unwatched);
  // After the statement, its rows are counted and no phase is left.
  EXPECT_EQ(session.progress().rows, 500u);
  EXPECT_EQ(session.progress().phase, "");
  // Whatever the watcher caught (a fast run may show it nothing) are the
  // phases the statement went through, in order.
  EXPECT_TRUE(phases.empty() || phases == "projection;" || phases == "pageRank;" ||
              phases == "projection;pageRank;")
      << phases;
}

}  // namespace
}  // namespace guanxi
