// Map growth on every write path: each statement below runs on a database
// reopened with the smallest map LMDB allows (exactly the pages in use), so
// its first new page fills the map; the write must grow the map and succeed,
// never fail with "the database map is full".
#include <gtest/gtest.h>

#include "guanxi/guanxi.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

using test_support::TempDir;

class MapGrowthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Database db = open_tiny();
    db.session().execute(
        "UNWIND range(1, 4000) AS i CREATE (:N {id: i, name: 'node number ' + toString(i)})");
  }
  // The database with its map shrunk to the pages in use.
  Database open_tiny() {
    Options o;
    o.durable = false;
    o.map_size = 1;
    return Database::open((dir_.path() / "db").string(), o);
  }
  std::int64_t count(const std::string& query) {
    Database db = open_tiny();
    return db.session().query(query).all().at(0).values().at(0).as_int();
  }
  std::size_t rows(const std::string& query) {
    Database db = open_tiny();
    return db.session().query(query).all().size();
  }
  TempDir dir_;
};

TEST_F(MapGrowthTest, IndexCreation) {
  open_tiny().session().execute("CREATE INDEX FOR (n:N) ON (n.id)");
  EXPECT_EQ(rows("SHOW INDEXES"), 1u);
  EXPECT_EQ(count("MATCH (n:N) WHERE n.id = 1234 RETURN count(n)"), 1);
}

TEST_F(MapGrowthTest, ConstraintCreation) {
  open_tiny().session().execute("CREATE CONSTRAINT FOR (n:N) REQUIRE n.name IS UNIQUE");
  EXPECT_EQ(rows("SHOW CONSTRAINTS"), 1u);
}

TEST_F(MapGrowthTest, IndexCreationInsideATransaction) {
  Database db = open_tiny();
  Session s = db.session();
  s.execute("BEGIN");
  s.execute("CREATE (:M {id: 1})");
  s.execute("CREATE INDEX FOR (n:N) ON (n.name)");
  s.execute("COMMIT");
  EXPECT_EQ(s.query("SHOW INDEXES").all().size(), 1u);
  EXPECT_EQ(s.query("MATCH (m:M) RETURN count(m)").all().at(0).values().at(0).as_int(), 1);
}

TEST_F(MapGrowthTest, Merge) {
  open_tiny().session().execute("CREATE INDEX FOR (m:M) ON (m.id)");
  open_tiny().session().execute(
      "UNWIND range(1, 4000) AS i MERGE (m:M {id: i}) ON CREATE SET m.name = 'merged ' + "
      "toString(i)");
  EXPECT_EQ(count("MATCH (m:M) RETURN count(m)"), 4000);
}

TEST_F(MapGrowthTest, AlgorithmWriteBack) {
  open_tiny().session().execute("CREATE INDEX FOR (n:N) ON (n.id)");
  open_tiny().session().execute(
      "UNWIND range(1, 3999) AS i MATCH (a:N {id: i}), (b:N {id: i + 1}) CREATE (a)-[:NEXT]->(b)");
  open_tiny().session().execute("CALL algo.pagerank.write({writeProperty: 'rank'})");
  EXPECT_EQ(count("MATCH (n:N) WHERE n.rank IS NOT NULL RETURN count(n)"), 4000);
}

// Each batch may fill the map: only that batch runs again, so nothing is
// written twice and the change summary counts every write once.
TEST_F(MapGrowthTest, BatchedSubquery) {
  const ChangeSummary created = open_tiny().session().execute(
      "UNWIND range(1, 3000) AS i CALL { WITH i CREATE (:B {i: i, text: 'batched node ' + "
      "toString(i)}) } IN TRANSACTIONS OF 700 ROWS");
  EXPECT_EQ(created.nodes_created, 3000);
  EXPECT_EQ(count("MATCH (b:B) RETURN count(b)"), 3000);
  EXPECT_EQ(count("MATCH (b:B) RETURN count(DISTINCT b.i)"), 3000);
  open_tiny().session().execute(
      "MATCH (n:N) CALL { WITH n SET n.note = 'a longer note for node ' + toString(n.id) } "
      "IN TRANSACTIONS OF 500 ROWS");
  EXPECT_EQ(count("MATCH (n:N) WHERE n.note STARTS WITH 'a longer' RETURN count(n)"), 4000);
}

// A subquery that only reads runs its batches in the statement's one read
// transaction: a failure there has committed nothing, and says nothing of it.
TEST_F(MapGrowthTest, AReadingBatchedSubqueryCommitsNothing) {
  try {
    open_tiny()
        .session()
        .query(
            "UNWIND range(1, 5) AS i CALL { WITH i RETURN 10 / (3 - i) AS x } "
            "IN TRANSACTIONS OF 2 ROWS RETURN x")
        .all();
    ADD_FAILURE() << "division by zero expected";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kArithmetic);
    EXPECT_EQ(std::string(e.message()).find("committed"), std::string::npos) << e.message();
  }
}

TEST_F(MapGrowthTest, ExplainNamesTheBatchedApply) {
  auto result = open_tiny().session().query(
      "EXPLAIN MATCH (n:N) CALL { WITH n SET n.seen = true } IN TRANSACTIONS OF 50 ROWS");
  ASSERT_NE(result.plan(), nullptr);
  const std::string plan = result.plan()->to_string();
  EXPECT_NE(plan.find("TransactionApply"), std::string::npos) << plan;
  EXPECT_NE(plan.find("OF 50 ROWS"), std::string::npos) << plan;
}

}  // namespace
}  // namespace guanxi
