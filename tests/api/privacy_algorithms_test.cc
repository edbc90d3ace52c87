// Consent-aware algorithms: under a consent purpose, PageRank, Louvain and
// WCC give exactly what they give on a copy of the graph from which the
// customers without consent (and their relationships) were deleted.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "guanxi/guanxi.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

using test_support::TempDir;

constexpr int kCustomers = 150;

Options fast() {
  Options o;
  o.durable = false;
  return o;
}

// Customers c0..c149 with two KNOWS each (a deterministic scramble), all of
// them (`all`) or only those that consent (i % 3 != 0).
void build(Session& session, bool all) {
  const std::string keep = all ? "true" : "i % 3 <> 0";
  session.execute("UNWIND range(0, " + std::to_string(kCustomers - 1) + ") AS i WITH i WHERE " +
                  keep +
                  " CREATE (:Customer {name: 'c' + i, i: i, phone: toString(13800000000 + i)})");
  session.execute(
      "MATCH (a:Customer), (b:Customer) WHERE b.i = (a.i * 7 + 3) % 150 OR b.i = (a.i * 13 + 5) % "
      "150 OR (a.i < 20 AND b.i = a.i + 1) CREATE (a)-[:KNOWS]->(b)");
}

std::map<std::string, double> scores(Session& session, const std::string& call) {
  std::map<std::string, double> out;
  for (const Row& row :
       session.query(call + " YIELD node, score RETURN node.name AS name, score").all()) {
    out[row["name"].as_string()] = row["score"].as_float();
  }
  return out;
}

// The partition as sets of names, whatever ids name the groups.
std::set<std::set<std::string>> groups(Session& session, const std::string& call,
                                       const std::string& column) {
  std::map<std::int64_t, std::set<std::string>> by_id;
  std::string query = call;
  query += " YIELD node, ";
  query += column;
  query += " RETURN node.name AS name, ";
  query += column;
  query += " AS g";
  for (const Row& row : session.query(query).all()) {
    by_id[row["g"].as_int()].insert(row["name"].as_string());
  }
  std::set<std::set<std::string>> out;
  for (auto& [id, names] : by_id) out.insert(names);
  return out;
}

class PrivacyAlgorithmsTest : public ::testing::Test {
 protected:
  PrivacyAlgorithmsTest()
      : full_(Database::open(dir_.path() / "full", fast())),
        copy_(Database::open(dir_.path() / "copy", fast())) {
    Session admin = full_.session();
    build(admin, /*all=*/true);
    for (const char* statement :
         {"CREATE TAG pii ON :Customer(phone) MASK redact",
          "CREATE PURPOSE marketing BASIS consent", "ALLOW marketing READ pii",
          "MATCH (c:Customer) WHERE c.i % 3 <> 0 CALL privacy.grant(c, 'marketing')"}) {
      admin.execute(statement);
    }
    Session writer = copy_.session();
    build(writer, /*all=*/false);
  }

  TempDir dir_;
  Database full_;
  Database copy_;
};

TEST_F(PrivacyAlgorithmsTest, PageRankEqualsTheCopyWithoutNonConsentingCustomers) {
  Session marketing = full_.session({.purpose = "marketing", .user = "campaign"});
  Session plain = copy_.session();
  const auto consented = scores(marketing, "CALL algo.pagerank({})");
  const auto copied = scores(plain, "CALL algo.pagerank({})");
  ASSERT_EQ(consented.size(), 100u);
  ASSERT_EQ(copied.size(), 100u);
  for (const auto& [name, score] : copied) {
    ASSERT_TRUE(consented.count(name)) << name;
    EXPECT_DOUBLE_EQ(consented.at(name), score) << name;
  }
}

TEST_F(PrivacyAlgorithmsTest, WccAndLouvainEqualTheCopy) {
  Session marketing = full_.session({.purpose = "marketing", .user = "campaign"});
  Session plain = copy_.session();
  EXPECT_EQ(groups(marketing, "CALL algo.wcc({})", "component"),
            groups(plain, "CALL algo.wcc({})", "component"));
  const auto louvain = groups(marketing, "CALL algo.louvain({})", "community");
  EXPECT_EQ(louvain, groups(plain, "CALL algo.louvain({})", "community"));
  EXPECT_GT(louvain.size(), 1u);
}

TEST_F(PrivacyAlgorithmsTest, WithoutAPurposeEveryCustomerIsProjected) {
  Session plain = full_.session();
  EXPECT_EQ(scores(plain, "CALL algo.pagerank({})").size(), static_cast<std::size_t>(kCustomers));
}

}  // namespace
}  // namespace guanxi
