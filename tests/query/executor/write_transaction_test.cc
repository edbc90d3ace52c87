// Writing clauses, explicit transactions, statement rollback, cancellation.
#include <atomic>
#include <chrono>
#include <thread>

#include "tests/query/engine_fixture.h"

namespace guanxi::query::testing {
namespace {

using WriteTest = EngineTest;

TEST_F(WriteTest, SetRemoveAndDelete) {
  run("CREATE (:P {name: 'a', n: 1})-[:R]->(:P {name: 'b'})");
  run("MATCH (p:P {name: 'a'}) SET p.n = p.n + 1, p:Q, p += {x: 'y'}");
  EXPECT_EQ(value("MATCH (p:Q) RETURN [p.n, p.x]"), "[2, 'y']");
  run("MATCH (p:Q) REMOVE p.x, p:Q");
  EXPECT_EQ(value("MATCH (p:P {name: 'a'}) RETURN [p.x, labels(p)]"), "[null, ['P']]");
  run("MATCH (p:P {name: 'a'}) SET p = {name: 'z'}");
  EXPECT_EQ(value("MATCH (p:P {name: 'z'}) RETURN keys(p)"), "['name']");
  QueryError e = error("MATCH (p:P {name: 'z'}) DELETE p");
  EXPECT_EQ(e.code(), QueryErrorCode::kHasRelationships);
  EXPECT_NE(std::string(e.what()).find("still has relationships"), std::string::npos);
  EXPECT_EQ(value("MATCH (p:P) RETURN count(p)"), "2");  // the failed statement changed nothing
  run("MATCH (p:P)-[r]-() DELETE r, p");
  EXPECT_EQ(value("MATCH (p) RETURN count(p)"), "0");
}

TEST_F(WriteTest, MergeMatchesOrCreates) {
  run("UNWIND [1, 2, 1, 3, 2] AS k MERGE (c:C {k: k}) ON CREATE SET c.created = true "
      "ON MATCH SET c.seen = coalesce(c.seen, 0) + 1");
  EXPECT_EQ(rows("MATCH (c:C) RETURN c.k, c.created, c.seen ORDER BY c.k"),
            (std::vector<std::string>{"1 | true | 1", "2 | true | 1", "3 | true | null"}));
  run("MATCH (a:C {k: 1}), (b:C {k: 2}) MERGE (a)-[:L]->(b)");
  run("MATCH (a:C {k: 1}), (b:C {k: 2}) MERGE (a)-[:L]->(b)");
  EXPECT_EQ(value("MATCH (:C)-[r:L]->(:C) RETURN count(r)"), "1");
}

TEST_F(WriteTest, UniqueConstraintViolation) {
  run("CREATE CONSTRAINT FOR (c:C) REQUIRE c.k IS UNIQUE");
  run("CREATE (:C {k: 1})");
  EXPECT_EQ(error("CREATE (:C {k: 2}), (:C {k: 1})").code(), QueryErrorCode::kConstraint);
  EXPECT_EQ(value("MATCH (c:C) RETURN count(c)"), "1");
}

TEST_F(WriteTest, ExplicitTransactionCommitAndRollback) {
  run("BEGIN");
  EXPECT_TRUE(session_.in_transaction());
  run("CREATE (:T {v: 1})");
  EXPECT_EQ(value("MATCH (t:T) RETURN count(t)"), "1");
  {
    Session other(engine_, {});
    auto r = other.run("MATCH (t:T) RETURN count(t)");
    std::vector<Value> row;
    ASSERT_TRUE(r->next(row));
    EXPECT_EQ(row[0].to_string(), "0");  // not visible before COMMIT
  }
  run("COMMIT");
  EXPECT_FALSE(session_.in_transaction());
  EXPECT_EQ(value("MATCH (t:T) RETURN count(t)"), "1");
  run("BEGIN");
  run("CREATE (:T {v: 2})");
  run("ROLLBACK");
  EXPECT_EQ(value("MATCH (t:T) RETURN count(t)"), "1");
  EXPECT_EQ(error("COMMIT").code(), QueryErrorCode::kTransaction);
}

TEST_F(WriteTest, FailingStatementInsideTransactionIsUndoneAlone) {
  run("BEGIN");
  run("CREATE (:T {v: 1})");
  EXPECT_EQ(error("CREATE (:T {v: 2}) WITH 1 AS one RETURN 1 / 0").code(),
            QueryErrorCode::kArithmetic);
  run("CREATE (:T {v: 3})");
  EXPECT_EQ(value("MATCH (t:T) RETURN collect(t.v)"), "[1, 3]");
  run("COMMIT");
  EXPECT_EQ(value("MATCH (t:T) RETURN collect(t.v)"), "[1, 3]");
}

TEST_F(WriteTest, AFailingStatementDoesNotLetAnotherWriterIntoTheTransaction) {
  run("CREATE CONSTRAINT FOR (t:T) REQUIRE t.v IS UNIQUE");
  run("BEGIN");
  run("CREATE (:T {v: 1})");
  std::atomic<bool> other_done{false};
  std::thread other([&] {
    Session writer(engine_, {});
    writer.run("CREATE (:Other)");
    other_done = true;
  });
  // Give the other session time to queue behind this transaction.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  for (int attempt = 0; attempt < 5; ++attempt) {
    EXPECT_EQ(error("UNWIND [2, 3, 1] AS v CREATE (:T {v: v})").code(),
              QueryErrorCode::kConstraint);
  }
  // The failed statements were undone within the transaction: nothing was
  // rolled back and begun again, so the waiting writer never got in.
  EXPECT_FALSE(other_done.load());
  EXPECT_EQ(value("MATCH (o:Other) RETURN count(o)"), "0");
  EXPECT_EQ(value("MATCH (t:T) RETURN collect(t.v)"), "[1]");
  run("CREATE (:T {v: 2})");
  run("COMMIT");
  other.join();
  EXPECT_EQ(rows("MATCH (t:T) RETURN t.v ORDER BY t.v"), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(value("MATCH (o:Other) RETURN count(o)"), "1");
}

TEST_F(WriteTest, CancelStopsALongQuery) {
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    session_.cancel();
  });
  QueryError e = error(
      "UNWIND range(1, 10000) AS x UNWIND range(1, 10000) AS y WITH x WHERE x < 0 RETURN count(*)");
  canceller.join();
  EXPECT_EQ(e.code(), QueryErrorCode::kCancelled);
}

TEST_F(WriteTest, PreparedStatementsAndPlanCache) {
  run("UNWIND range(1, 20) AS i CREATE (:N {i: i})");
  auto prepared = session_.prepare("MATCH (n:N {i: $i}) RETURN n.i * 2");
  for (int i : {3, 7}) {
    auto r = session_.run(*prepared, {{"i", Value(i)}});
    std::vector<Value> row;
    ASSERT_TRUE(r->next(row));
    EXPECT_EQ(row[0].as_int(), 2 * i);
  }
  // A new index replans the prepared statement.
  run("CREATE INDEX FOR (n:N) ON (n.i)");
  auto r = session_.run(*prepared, {{"i", Value(5)}});
  std::vector<Value> row;
  ASSERT_TRUE(r->next(row));
  EXPECT_EQ(row[0].as_int(), 10);
  EXPECT_EQ(error("MATCH (n:N {i: $missing}) RETURN n").code(), QueryErrorCode::kSemantic);
}

}  // namespace
}  // namespace guanxi::query::testing
