// MATCH / RETURN / CREATE end to end through Session.
#include "tests/query/engine_fixture.h"

namespace guanxi::query::testing {
namespace {

class MatchTest : public EngineTest {
 protected:
  void SetUp() override {
    run("CREATE (:Customer {name: 'Ada', age: 36})-[:KNOWS {since: 2020}]->"
        "(:Customer {name: 'Bo', age: 25})-[:KNOWS {since: 2021}]->(:Customer {name: 'Cy'})");
  }
};

TEST_F(MatchTest, ReturnsPropertiesInOrder) {
  EXPECT_EQ(rows("MATCH (c:Customer) RETURN c.name AS name, c.age ORDER BY name"),
            (std::vector<std::string>{"'Ada' | 36", "'Bo' | 25", "'Cy' | null"}));
}

TEST_F(MatchTest, ExpandsRelationships) {
  EXPECT_EQ(rows("MATCH (a)-[r:KNOWS]->(b) RETURN a.name, r.since, b.name ORDER BY r.since"),
            (std::vector<std::string>{"'Ada' | 2020 | 'Bo'", "'Bo' | 2021 | 'Cy'"}));
  EXPECT_EQ(rows("MATCH (a {name: 'Bo'})<-[:KNOWS]-(b) RETURN b.name"),
            (std::vector<std::string>{"'Ada'"}));
  EXPECT_EQ(value("MATCH (a {name: 'Bo'})-[:KNOWS]-(b) RETURN count(b)"), "2");
}

TEST_F(MatchTest, CountsAndGroups) {
  EXPECT_EQ(value("MATCH (n) RETURN count(*)"), "3");
  EXPECT_EQ(value("MATCH (n:Nobody) RETURN count(*)"), "0");
  EXPECT_EQ(rows("MATCH (n) RETURN n.age IS NULL AS unknown, count(*) AS c ORDER BY unknown"),
            (std::vector<std::string>{"false | 2", "true | 1"}));
}

TEST_F(MatchTest, CreateReportsChanges) {
  auto result = session_.run("CREATE (a:X {v: 1, w: null}), (a)-[:R]->(:Y)");
  std::vector<Value> row;
  EXPECT_FALSE(result->next(row));
  EXPECT_EQ(result->summary().nodes_created, 2);
  EXPECT_EQ(result->summary().relationships_created, 1);
  EXPECT_EQ(result->summary().properties_set, 1);
  EXPECT_EQ(result->summary().labels_added, 2);
  EXPECT_EQ(value("MATCH (x:X)-[:R]->(y:Y) RETURN x.v"), "1");
}

TEST_F(MatchTest, LimitAndSkip) {
  EXPECT_EQ(rows("MATCH (c:Customer) RETURN c.name ORDER BY c.name SKIP 1 LIMIT 1"),
            (std::vector<std::string>{"'Bo'"}));
  EXPECT_EQ(rows("MATCH (c:Customer) RETURN c.name ORDER BY c.name DESC LIMIT 2"),
            (std::vector<std::string>{"'Cy'", "'Bo'"}));
  EXPECT_EQ(rows("MATCH (n) RETURN n.name LIMIT 0").size(), 0u);
}

}  // namespace
}  // namespace guanxi::query::testing
