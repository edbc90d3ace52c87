// Planner and optimizer rules, checked on EXPLAIN's plan shape.
#include "tests/query/engine_fixture.h"

namespace guanxi::query::testing {
namespace {

class PlannerTest : public EngineTest {
 protected:
  void SetUp() override {
    run("UNWIND range(1, 50) AS i CREATE (:Customer {id: i, name: 'c' + toString(i)})");
    run("UNWIND range(1, 3) AS i CREATE (:Segment {id: i})");
  }
  static bool contains(const std::string& plan, const std::string& part) {
    return plan.find(part) != std::string::npos;
  }
};

TEST_F(PlannerTest, IndexSeekWhenAnIndexCoversTheEquality) {
  EXPECT_FALSE(contains(plan("MATCH (c:Customer {id: 7}) RETURN c.name"), "NodeIndexSeek"));
  run("CREATE INDEX FOR (c:Customer) ON (c.id)");
  const std::string p = plan("MATCH (c:Customer {id: $id}) RETURN c.name");
  EXPECT_TRUE(contains(p, "NodeIndexSeek")) << p;
  EXPECT_FALSE(contains(p, "NodeByLabelScan")) << p;
  const std::string w = plan("MATCH (c:Customer) WHERE c.id = 7 RETURN c.name");
  EXPECT_TRUE(contains(w, "NodeIndexSeek")) << w;
  EXPECT_EQ(value("MATCH (c:Customer {id: $id}) RETURN c.name", {{"id", Value(7)}}), "'c7'");
  EXPECT_EQ(value("MATCH (c:Customer) WHERE c.id = 7.0 RETURN c.name"), "'c7'");
}

TEST_F(PlannerTest, RangeSeekNarrowsComparisons) {
  run("CREATE INDEX FOR (c:Customer) ON (c.id)");
  const std::string p = plan("MATCH (c:Customer) WHERE c.id > 45 AND c.id <= 48 RETURN c.id");
  EXPECT_TRUE(contains(p, "NodeIndexSeek c:Customer(")) << p;
  EXPECT_TRUE(contains(p, "id > 45 AND id <= 48")) << p;
  EXPECT_EQ(rows("MATCH (c:Customer) WHERE c.id > 45 AND c.id <= 48 RETURN c.id ORDER BY c.id"),
            (std::vector<std::string>{"46", "47", "48"}));
  EXPECT_EQ(rows("MATCH (c:Customer) WHERE 3 > c.id RETURN c.id ORDER BY c.id"),
            (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(rows("MATCH (c:Customer) WHERE c.id < 2.5 RETURN c.id ORDER BY c.id"),
            (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(rows("MATCH (c:Customer) WHERE c.id > 'x' RETURN c.id").size(), 0u);
  EXPECT_EQ(rows("MATCH (c:Customer) WHERE c.id > null RETURN c.id").size(), 0u);
}

TEST_F(PlannerTest, StartsFromTheSmallestLabel) {
  const std::string p = plan("MATCH (c:Customer)-[:IN]->(s:Segment) RETURN c, s");
  EXPECT_TRUE(contains(p, "NodeByLabelScan s:Segment")) << p;
  EXPECT_TRUE(contains(p, ":Segment")) << p;
  // The Segment scan is the leaf: the expansion goes from s to c.
  const auto scan = p.find("NodeByLabelScan");
  EXPECT_NE(p.find(":Segment", scan), std::string::npos);
  EXPECT_EQ(p.find(":Customer", scan), std::string::npos) << p;
}

TEST_F(PlannerTest, PushesFiltersDownToTheirVariables) {
  const std::string p =
      plan("MATCH (s:Segment)<-[:IN]-(c:Customer) WHERE s.id = 1 AND c.name = 'c2' RETURN c");
  // The filter on s sits right above the scan, below the Expand.
  const auto expand = p.find("Expand");
  const auto s_filter = p.find("Filter", expand);
  EXPECT_NE(s_filter, std::string::npos) << p;
  EXPECT_NE(p.find("NodeByLabelScan", s_filter), std::string::npos) << p;
}

TEST_F(PlannerTest, OrderByWithLimitBecomesTopK) {
  const std::string p = plan("MATCH (c:Customer) RETURN c.id ORDER BY c.id DESC LIMIT 3");
  EXPECT_TRUE(contains(p, "Top")) << p;
  EXPECT_FALSE(contains(p, "Sort")) << p;
  EXPECT_EQ(rows("MATCH (c:Customer) RETURN c.id ORDER BY c.id DESC SKIP 1 LIMIT 3"),
            (std::vector<std::string>{"49", "48", "47"}));
}

TEST_F(PlannerTest, DistinctFriendsOfFriendsPruneTheMiddle) {
  for (const char* q : {
           "MATCH (a:Customer {id: 1})-[:KNOWS]->()-[:KNOWS]->(c) RETURN count(DISTINCT c)",
           "MATCH (a)-->(b)-->(c) RETURN DISTINCT c",
           "MATCH (a)-->(b)-->(c) RETURN DISTINCT c.name AS name",
           "MATCH (a)-->(b)-->(c) RETURN a, collect(DISTINCT c) AS fof",
           "MATCH (a)-->(b) MATCH (b)-->(c) RETURN count(DISTINCT c)",
       }) {
    const std::string p = plan(q);
    EXPECT_TRUE(contains(p, "Expand(Pruning)")) << q << "\n" << p;
    EXPECT_FALSE(contains(p, "Expand(All)")) << q << "\n" << p;
  }
  // Whenever the middle node or a relationship is read above, or rows are
  // counted rather than de-duplicated, every path must be produced.
  for (const char* q : {
           "MATCH (a)-->(b)-->(c) RETURN count(c)",
           "MATCH (a)-->(b)-->(c) RETURN count(*)",
           "MATCH (a)-->(b)-->(c) RETURN DISTINCT c, b",
           "MATCH (a)-[r]->(b)-->(c) RETURN count(DISTINCT c), count(DISTINCT r)",
           "MATCH (a)-->(b)-->(c) RETURN b.name, count(DISTINCT c)",
           "MATCH (a)-->(b)-->(c) RETURN c",
           "MATCH (a)-->(b)-->(c) WITH DISTINCT c, b RETURN c",
       }) {
    const std::string p = plan(q);
    EXPECT_FALSE(contains(p, "Expand(Pruning)")) << q << "\n" << p;
  }
}

TEST_F(PlannerTest, MergeUsesTheUniqueIndex) {
  run("CREATE CONSTRAINT FOR (c:Customer) REQUIRE c.id IS UNIQUE");
  const std::string p = plan("MERGE (c:Customer {id: 7}) RETURN c.name");
  EXPECT_TRUE(contains(p, "Merge")) << p;
  EXPECT_TRUE(contains(p, "NodeIndexSeek")) << p;
}

TEST_F(PlannerTest, ProfileCountsRows) {
  auto result = session_.run("PROFILE MATCH (c:Customer) WHERE c.id > 40 RETURN c.id");
  std::vector<Value> row;
  int n = 0;
  while (result->next(row)) ++n;
  EXPECT_EQ(n, 10);
  ASSERT_NE(result->plan(), nullptr);
  EXPECT_EQ(result->plan()->name, "ProduceResults");
  EXPECT_EQ(result->plan()->rows, 10);
  // Somewhere below, the label scan produced all 50.
  std::function<bool(const PlanNode&)> has_scan = [&](const PlanNode& p) {
    if (p.name == "NodeByLabelScan" && p.rows == 50) return true;
    for (const auto& c : p.children) {
      if (has_scan(c)) return true;
    }
    return false;
  };
  EXPECT_TRUE(has_scan(*result->plan()));
}

}  // namespace
}  // namespace guanxi::query::testing
