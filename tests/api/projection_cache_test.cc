// The projection cache (Options::projection_cache): a second algorithm on an
// unchanged database runs on the first one's projection, and nothing ever
// gets a projection it should not: not after a commit, not inside a
// transaction with its own changes, not for a session that sees less, and
// never one whose weights are tagged (their reads are audited).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "guanxi/guanxi.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

using test_support::TempDir;

struct CacheFigures {
  std::int64_t entries = 0, bytes = 0, budget = 0, hits = 0, misses = 0;
};

CacheFigures figures(Session& session) {
  const Row row = session.query("CALL graph.cache()").all().at(0);
  return {row["entries"].as_int(), row["bytes"].as_int(), row["budgetBytes"].as_int(),
          row["hits"].as_int(), row["misses"].as_int()};
}

std::int64_t components(Session& session, const std::string& config = "") {
  return session.query("CALL algo.wcc.stats({" + config + "}) YIELD componentCount")
      .all()
      .at(0)["componentCount"]
      .as_int();
}

std::int64_t projected_nodes(Session& session) {
  return session.query("CALL algo.pagerank.stats({}) YIELD nodeCount")
      .all()
      .at(0)["nodeCount"]
      .as_int();
}

Options with_cache(std::size_t bytes) {
  Options o;
  o.durable = false;
  o.projection_cache = bytes;
  return o;
}

// 60 customers in 30 pairs (c0-c1, c2-c3, ...), each pair KNOWS with a
// strength; the even ones consent to marketing, which sees the odd ones not.
class ProjectionCacheTest : public ::testing::Test {
 protected:
  explicit ProjectionCacheTest(std::size_t budget = std::size_t{64} << 20)
      : db_(Database::open(dir_.path() / "db", with_cache(budget))) {
    Session admin = db_.session();
    admin.execute(
        "UNWIND range(0, 59) AS i CREATE (:Customer {i: i, phone: toString(13800000000 + i)})");
    admin.execute(
        "MATCH (a:Customer), (b:Customer) WHERE a.i % 2 = 0 AND b.i = a.i + 1 "
        "CREATE (a)-[:KNOWS {strength: 0.5}]->(b)");
  }

  void add_privacy() {
    Session admin = db_.session();
    for (const char* statement :
         {"CREATE TAG pii ON :Customer(phone) MASK redact",
          "CREATE PURPOSE marketing BASIS consent", "ALLOW marketing READ pii",
          "MATCH (c:Customer) WHERE c.i % 2 = 0 CALL privacy.grant(c, 'marketing')"}) {
      admin.execute(statement);
    }
  }

  TempDir dir_;
  Database db_;
};

TEST_F(ProjectionCacheTest, ASecondAlgorithmOnTheSameStateReusesTheProjection) {
  Session session = db_.session();
  EXPECT_EQ(projected_nodes(session), 60);
  CacheFigures after_first = figures(session);
  EXPECT_EQ(after_first.entries, 1);
  EXPECT_GT(after_first.bytes, 0);
  EXPECT_EQ(after_first.budget, std::int64_t{64} << 20);
  EXPECT_EQ(after_first.hits, 0);
  EXPECT_EQ(after_first.misses, 1);

  // Another algorithm, another session: the same projection keys.
  Session other = db_.session();
  EXPECT_EQ(components(other), 30);
  CacheFigures after_second = figures(other);
  EXPECT_EQ(after_second.entries, 1);
  EXPECT_EQ(after_second.hits, 1);
  EXPECT_EQ(after_second.misses, 1);

  // Other keys are another projection.
  EXPECT_EQ(components(session, "orientation: 'UNDIRECTED'"), 30);
  EXPECT_EQ(components(session, "weight: 'strength'"), 30);
  EXPECT_EQ(figures(session).entries, 3);
  EXPECT_EQ(figures(session).misses, 3);
}

TEST_F(ProjectionCacheTest, WccProjectsWithoutInListsWhichPageRankCannotUse) {
  Session session = db_.session();
  EXPECT_EQ(components(session), 30);
  const CacheFigures after_wcc = figures(session);
  EXPECT_EQ(after_wcc.entries, 1);
  EXPECT_EQ(after_wcc.misses, 1);
  // PageRank pulls over the in-lists: WCC's projection lacks them.
  EXPECT_EQ(projected_nodes(session), 60);
  CacheFigures now = figures(session);
  EXPECT_EQ(now.entries, 2);
  EXPECT_EQ(now.hits, 0);
  EXPECT_EQ(now.misses, 2);
  EXPECT_GT(now.bytes - after_wcc.bytes, after_wcc.bytes);  // PageRank's has both lists
  // Each is found again by its own kind of call.
  EXPECT_EQ(components(session), 30);
  EXPECT_EQ(projected_nodes(session), 60);
  now = figures(session);
  EXPECT_EQ(now.hits, 2);
  EXPECT_EQ(now.misses, 2);
}

TEST_F(ProjectionCacheTest, SccAndModularityRunOnWccsProjectionWithoutInLists) {
  Session session = db_.session();
  EXPECT_EQ(components(session), 30);
  // Each pair's one relationship joins no cycle: every customer is alone.
  EXPECT_EQ(session.query("CALL algo.scc.stats({}) YIELD componentCount")
                .all()
                .at(0)["componentCount"]
                .as_int(),
            60);
  EXPECT_EQ(session.query("CALL algo.modularity({communityProperty: 'i'}) YIELD communityCount")
                .all()
                .at(0)["communityCount"]
                .as_int(),
            60);
  const CacheFigures now = figures(session);
  EXPECT_EQ(now.entries, 1);
  EXPECT_EQ(now.misses, 1);
  EXPECT_EQ(now.hits, 2);
}

TEST_F(ProjectionCacheTest, ACommitDropsEveryProjectionAndTheNextSeesTheWrite) {
  Session session = db_.session();
  EXPECT_EQ(components(session), 30);
  session.execute("MATCH (a:Customer {i: 1}), (b:Customer {i: 2}) CREATE (a)-[:KNOWS]->(b)");
  EXPECT_EQ(figures(session).entries, 0);
  EXPECT_EQ(components(session), 29);
  EXPECT_EQ(figures(session).hits, 0);
}

TEST_F(ProjectionCacheTest, ATransactionSeesItsOwnChangesNotTheCache) {
  Session session = db_.session();
  EXPECT_EQ(components(session), 30);
  session.execute("BEGIN");
  session.execute("MATCH (a:Customer {i: 1}), (b:Customer {i: 2}) CREATE (a)-[:KNOWS]->(b)");
  EXPECT_EQ(components(session), 29);
  session.execute("ROLLBACK");
  EXPECT_EQ(components(session), 30);
  EXPECT_EQ(figures(session).hits, 1);
}

TEST_F(ProjectionCacheTest, ASessionThatSeesLessNeverGetsTheFullProjection) {
  add_privacy();
  Session plain = db_.session();
  Session marketing = db_.session({.purpose = "marketing", .user = "campaign"});
  EXPECT_EQ(projected_nodes(plain), 60);
  EXPECT_EQ(projected_nodes(marketing), 30);
  EXPECT_EQ(projected_nodes(plain), 60);
  EXPECT_EQ(projected_nodes(marketing), 30);
  EXPECT_EQ(figures(plain).hits, 2);
  // Each view learns only of its own projections.
  EXPECT_EQ(figures(plain).entries, 1);
  EXPECT_EQ(figures(marketing).entries, 1);
}

TEST_F(ProjectionCacheTest, ConsentGivenSinceIsSeenByTheNextCall) {
  add_privacy();
  Session marketing = db_.session({.purpose = "marketing", .user = "campaign"});
  EXPECT_EQ(projected_nodes(marketing), 30);
  db_.session().execute("MATCH (c:Customer {i: 1}) CALL privacy.grant(c, 'marketing')");
  EXPECT_EQ(projected_nodes(marketing), 31);
}

TEST_F(ProjectionCacheTest, TaggedWeightsAreReadAgainEachTime) {
  Session admin = db_.session();
  admin.execute("CREATE TAG ties ON :KNOWS(strength) MASK redact");
  admin.execute("CREATE PURPOSE analysis BASIS legitimate_interest");
  admin.execute("ALLOW analysis READ ties");
  Session analysis = db_.session({.purpose = "analysis", .user = "analyst"});
  EXPECT_EQ(components(analysis, "weight: 'strength'"), 30);
  EXPECT_EQ(components(analysis, "weight: 'strength'"), 30);
  const CacheFigures f = figures(analysis);
  EXPECT_EQ(f.entries, 0);
  EXPECT_EQ(f.hits, 0);
}

class NoProjectionCacheTest : public ProjectionCacheTest {
 protected:
  NoProjectionCacheTest() : ProjectionCacheTest(0) {}
};

TEST_F(NoProjectionCacheTest, ABudgetOfZeroKeepsNothing) {
  Session session = db_.session();
  EXPECT_EQ(components(session), 30);
  EXPECT_EQ(components(session), 30);
  const CacheFigures f = figures(session);
  EXPECT_EQ(f.entries, 0);
  EXPECT_EQ(f.budget, 0);
  EXPECT_EQ(f.hits, 0);
}

}  // namespace
}  // namespace guanxi
