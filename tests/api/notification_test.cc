// Notifications through the embedding API: a statement naming a label,
// relationship type or property key the database lacks runs, and its Result
// says so with the likely spellings; prepared statements stop warning once
// the name exists.
#include <gtest/gtest.h>

#include <string>

#include "guanxi/guanxi.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

using test_support::TempDir;

class NotificationTest : public ::testing::Test {
 protected:
  NotificationTest() : db_(Database::open(dir_.path() / "db", fast())), session_(db_.session()) {
    session_.execute(
        "CREATE (:Customer {name: '王芳', city: '上海'})-[:REFERRED]->(:Customer {name: '李娜'})");
  }
  static Options fast() {
    Options o;
    o.durable = false;
    return o;
  }
  TempDir dir_{"guanxi-notification-test"};
  Database db_;
  Session session_;
};

TEST_F(NotificationTest, UnknownLabelRunsAndNamesTheClosestLabel) {
  Result result = session_.query("MATCH (c:Custmer) RETURN count(c) AS n");
  ASSERT_EQ(result.notifications().size(), 1u);
  const Notification& n = result.notifications()[0];
  EXPECT_EQ(n.code, Notification::Code::kUnknownLabel);
  EXPECT_STREQ(notification_code_name(n.code), "unknown-label");
  EXPECT_EQ(n.name, "Custmer");
  EXPECT_EQ(n.suggestions, std::vector<std::string>{"Customer"});
  EXPECT_EQ(n.line, 1);
  EXPECT_EQ(n.column, 7);
  EXPECT_EQ(n.to_string(),
            "the label Custmer does not exist in the database; did you mean Customer? "
            "(line 1, column 7)");
  // The statement still runs: no such node.
  EXPECT_EQ(result.all().at(0)["n"].as_int(), 0);
}

TEST_F(NotificationTest, TypesAndKeysOnLaterLines) {
  Result result = session_.query(
      "MATCH (a:Customer)-[:REFERED]->(b)\n"
      "RETURN b.nmae AS name, a.cty AS city");
  ASSERT_EQ(result.notifications().size(), 3u);
  EXPECT_EQ(result.notifications()[0].code, Notification::Code::kUnknownRelationshipType);
  EXPECT_EQ(result.notifications()[0].suggestions, std::vector<std::string>{"REFERRED"});
  EXPECT_EQ(result.notifications()[1].code, Notification::Code::kUnknownPropertyKey);
  EXPECT_EQ(result.notifications()[1].name, "nmae");
  EXPECT_EQ(result.notifications()[1].suggestions, std::vector<std::string>{"name"});
  EXPECT_EQ(result.notifications()[1].line, 2);
  EXPECT_EQ(result.notifications()[1].column, 8);
  EXPECT_EQ(result.notifications()[2].suggestions, std::vector<std::string>{"city"});
}

TEST_F(NotificationTest, ChineseNamesAreComparedByCharacter) {
  session_.execute("CREATE (:客户 {姓名: '张伟'})");
  Result result = session_.query("MATCH (c:客人) RETURN c.姓 AS x");
  ASSERT_EQ(result.notifications().size(), 2u);
  // One character of two differs: close enough (at least one edit is allowed).
  EXPECT_EQ(result.notifications()[0].suggestions, std::vector<std::string>{"客户"});
  EXPECT_EQ(result.notifications()[1].suggestions, std::vector<std::string>{"姓名"});
  EXPECT_EQ(result.notifications()[1].column, 21);  // characters, not bytes
}

TEST_F(NotificationTest, NoWarningForExistingOrWrittenNames) {
  EXPECT_TRUE(
      session_.query("MATCH (c:Customer)-[:REFERRED]->() RETURN c.name").notifications().empty());
  EXPECT_TRUE(session_.query("MERGE (s:Supplier {vat: 'x'}) RETURN s.vat").notifications().empty());
}

TEST_F(NotificationTest, APreparedStatementStopsWarningOnceTheNameExists) {
  Statement statement = session_.prepare("MATCH (s:Shop) RETURN count(s) AS n");
  EXPECT_EQ(statement.query().notifications().size(), 1u);
  session_.execute("CREATE (:Shop)");
  Result result = statement.query();
  EXPECT_TRUE(result.notifications().empty());
  EXPECT_EQ(result.all().at(0)["n"].as_int(), 1);
}

TEST_F(NotificationTest, InsideAnExplicitTransaction) {
  Transaction txn = session_.transaction();
  session_.execute("CREATE (:Shop)");
  // The transaction's own names count.
  EXPECT_TRUE(session_.query("MATCH (s:Shop) RETURN s").notifications().empty());
  EXPECT_EQ(session_.query("MATCH (s:Shopp) RETURN s").notifications().size(), 1u);
  txn.rollback();
}

}  // namespace
}  // namespace guanxi
