// Privacy through the embedding API: a session's purpose is checked when it
// opens, values read masked or not by purpose, consent hides subjects, and
// dumps read under the dump's purpose like any query.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "guanxi/guanxi.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

using test_support::TempDir;

class PrivacyTest : public ::testing::Test {
 protected:
  PrivacyTest() : db_(Database::open(dir_.path() / "db", fast())), admin_(db_.session()) {
    admin_.execute(
        "CREATE (:Customer {id: 1, name: 'Ann', phone: '13800138000'}), "
        "(:Customer {id: 2, name: 'Ben', phone: '13900139000'})");
    for (const char* statement :
         {"CREATE TAG pii ON :Customer(phone) MASK partial(3)",
          "CREATE PURPOSE marketing BASIS consent", "CREATE PURPOSE service BASIS contract",
          "ALLOW marketing READ pii", "ALLOW service READ pii"}) {
      admin_.execute(statement);
    }
    admin_.execute("MATCH (c:Customer {id: 1}) CALL privacy.grant(c, 'marketing')");
  }
  static Options fast() {
    Options o;
    o.durable = false;
    return o;
  }
  static std::vector<std::string> phones(Session& session) {
    std::vector<std::string> out;
    for (const Row& row :
         session.query("MATCH (c:Customer) RETURN c.phone AS p ORDER BY c.id").all()) {
      out.push_back(row["p"].as_string());
    }
    return out;
  }

  TempDir dir_;
  Database db_;
  Session admin_;
};

TEST_F(PrivacyTest, UnknownPurposeIsAnErrorWhenTheSessionOpens) {
  try {
    db_.session({.purpose = "nosuch", .user = "x"});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
    EXPECT_NE(std::string(e.what()).find("'nosuch' does not exist"), std::string::npos) << e.what();
  }
}

TEST_F(PrivacyTest, ValuesReadByPurpose) {
  EXPECT_EQ(phones(admin_), (std::vector<std::string>{"138***", "139***"}));
  Session service = db_.session({.purpose = "service", .user = "support"});
  EXPECT_EQ(phones(service), (std::vector<std::string>{"13800138000", "13900139000"}));
  Session marketing = db_.session({.purpose = "marketing", .user = "campaign"});
  EXPECT_EQ(phones(marketing), (std::vector<std::string>{"13800138000"}));
}

TEST_F(PrivacyTest, ConsentCommittedDuringALongReadIsNotSeenByIt) {
  Session marketing = db_.session({.purpose = "marketing", .user = "campaign"});
  Result open = marketing.query("MATCH (c:Customer) RETURN c.id AS id ORDER BY id");
  admin_.execute("MATCH (c:Customer {id: 2}) CALL privacy.grant(c, 'marketing')");
  const auto rows = open.all();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["id"].as_int(), 1);
  EXPECT_EQ(marketing.query("MATCH (c:Customer) RETURN count(c) AS n").all()[0]["n"].as_int(), 2);
}

TEST_F(PrivacyTest, DumpReadsUnderItsPurpose) {
  std::ostringstream masked;
  db_.dump(masked);
  EXPECT_EQ(masked.str().find("13800138000"), std::string::npos);
  EXPECT_NE(masked.str().find("138***"), std::string::npos);

  std::ostringstream marketing;
  db_.dump(marketing, {.purpose = "marketing", .user = "export"});
  EXPECT_NE(marketing.str().find("13800138000"), std::string::npos);
  EXPECT_EQ(marketing.str().find("Ben"), std::string::npos) << "a subject without consent";
  EXPECT_NE(marketing.str().find("1 nodes, 0 relationships"), std::string::npos)
      << marketing.str().substr(0, 200);
}

TEST_F(PrivacyTest, ALoadedDumpKeepsTheRulesButNotTheConsents) {
  std::ostringstream service;
  db_.dump(service, {.purpose = "service", .user = "backup"});
  EXPECT_NE(service.str().find("CREATE TAG pii ON :Customer(phone) MASK partial(3);"),
            std::string::npos)
      << service.str();
  Database copy = Database::open(dir_.path() / "copy", fast());
  std::istringstream in(service.str());
  copy.load(in, "service.cypher");
  Session plain = copy.session();
  EXPECT_EQ(phones(plain), (std::vector<std::string>{"138***", "139***"}));
  Session support = copy.session({.purpose = "service", .user = "support"});
  EXPECT_EQ(phones(support), (std::vector<std::string>{"13800138000", "13900139000"}));
  Session marketing = copy.session({.purpose = "marketing", .user = "campaign"});
  EXPECT_TRUE(phones(marketing).empty()) << "nobody consented in the copy";
}

TEST_F(PrivacyTest, ANamedGraphIsRefusedOnceAConsentInItEnds) {
  Session marketing = db_.session({.purpose = "marketing", .user = "campaign"});
  marketing.execute("CALL graph.project('circle', {labels: ['Customer']})");
  EXPECT_EQ(marketing.query("CALL algo.wcc.stats('circle') YIELD nodeCount RETURN nodeCount")
                .all()[0]["nodeCount"]
                .as_int(),
            1);
  admin_.execute("MATCH (c:Customer {id: 1}) CALL privacy.revoke(c, 'marketing')");
  try {
    marketing.query("CALL algo.wcc.stats('circle')").all();
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find("may no longer see"), std::string::npos) << e.what();
  }
  marketing.execute("CALL graph.drop('circle')");
  marketing.execute("CALL graph.project('circle', {labels: ['Customer']})");
  EXPECT_EQ(marketing.query("CALL algo.wcc.stats('circle') YIELD nodeCount RETURN nodeCount")
                .all()[0]["nodeCount"]
                .as_int(),
            0);
}

TEST_F(PrivacyTest, ChangeSummaryCountsPrivacyRules) {
  const ChangeSummary summary = admin_.execute("CREATE PURPOSE billing BASIS contract");
  EXPECT_EQ(summary.privacy_rules_changed, 1);
  EXPECT_EQ(summary.to_string(), "Changed 1 privacy rule");
}

}  // namespace
}  // namespace guanxi
