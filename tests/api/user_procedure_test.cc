// User procedures through the embedding API: an application adds a
// procedure, every session calls it like a built-in (standalone and inside a
// query, with YIELD and WHERE), its signature is checked both ways, graph
// entities never cross into it, and a bad definition is refused.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "guanxi/guanxi.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

using test_support::TempDir;
using Rows = std::vector<std::vector<Value>>;

class UserProcedureTest : public ::testing::Test {
 protected:
  UserProcedureTest() : db_(Database::open(dir_.path() / "db", fast())), session_(db_.session()) {
    session_.execute(
        "CREATE (:Customer {name: '王芳', spend: 12000.0}), (:Customer {name: '李娜', spend: "
        "300.0}), (:Customer {name: '张伟'})");
  }
  static Options fast() {
    Options o;
    o.durable = false;
    return o;
  }
  static ProcedureDefinition tier() {
    ProcedureDefinition d;
    d.name = "crm.tier";
    d.parameters = {{"spend", "FLOAT?"}};
    d.outputs = {{"tier", "STRING"}, {"rank", "INTEGER"}};
    d.description = "The loyalty tier of a yearly spend.";
    d.body = [](const std::vector<Value>& args) {
      if (args.at(0).is_null()) return Rows{};
      const double spend = args[0].as_float();
      return Rows{{Value(spend >= 10000 ? "金卡" : "普通"),
                   Value(static_cast<std::int64_t>(spend >= 10000 ? 1 : 0))}};
    };
    return d;
  }
  Error failure(const std::string& text) {
    try {
      session_.query(text).all();
    } catch (const Error& e) {
      return e;
    }
    ADD_FAILURE() << "expected an error from: " << text;
    return Error(ErrorCode::kStorage, "none");
  }
  TempDir dir_{"guanxi-user-procedure-test"};
  Database db_;
  Session session_;
};

TEST_F(UserProcedureTest, CalledInsideAQueryAndStandalone) {
  db_.add_procedure(tier());
  auto rows = session_
                  .query(
                      "MATCH (c:Customer) CALL crm.tier(c.spend) YIELD tier "
                      "RETURN c.name AS name, tier ORDER BY name")
                  .all();
  ASSERT_EQ(rows.size(), 2u);  // no row for a customer without spend
  EXPECT_EQ(rows[0]["name"].as_string(), "李娜");
  EXPECT_EQ(rows[0]["tier"].as_string(), "普通");
  EXPECT_EQ(rows[1]["tier"].as_string(), "金卡");
  // An INTEGER argument arrives as a FLOAT; the name's case does not matter.
  rows = session_.query("CALL CRM.Tier(20000)").all();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["tier"].as_string(), "金卡");
  EXPECT_EQ(rows[0]["rank"].as_int(), 1);
  // It is listed with its signature and description.
  bool listed = false;
  for (const auto& row : session_.query("SHOW PROCEDURES").all()) {
    if (row["name"].as_string() == "crm.tier") listed = true;
  }
  EXPECT_TRUE(listed);
}

TEST_F(UserProcedureTest, SessionsOpenedBeforeSeeIt) {
  Session other = db_.session();
  EXPECT_EQ(failure("CALL crm.tier(1.0)").code(), ErrorCode::kNotFound);
  db_.add_procedure(tier());
  EXPECT_EQ(other.query("CALL crm.tier(1.0) YIELD tier RETURN tier").all().size(), 1u);
  EXPECT_EQ(session_.query("CALL crm.tier(1.0) YIELD tier RETURN tier").all().size(), 1u);
}

TEST_F(UserProcedureTest, ArgumentsAreCheckedAgainstTheSignature) {
  db_.add_procedure(tier());
  // Before anything runs: a literal of the wrong type, a wrong count.
  EXPECT_EQ(failure("CALL crm.tier('a lot')").code(), ErrorCode::kType);
  EXPECT_EQ(failure("CALL crm.tier(1.0, 2.0)").code(), ErrorCode::kSemantic);
  // While it runs: a computed value of the wrong type.
  EXPECT_EQ(failure("WITH 'a lot' AS s CALL crm.tier(s) YIELD tier RETURN tier").code(),
            ErrorCode::kInvalidArgument);
}

TEST_F(UserProcedureTest, NodesNeverReachTheBody) {
  std::atomic<int> calls{0};
  ProcedureDefinition d;
  d.name = "crm.echo";
  d.parameters = {{"x", "ANY"}};
  d.outputs = {{"y", "ANY"}};
  d.body = [&](const std::vector<Value>& args) {
    ++calls;
    return Rows{{args.at(0)}};
  };
  db_.add_procedure(d);
  const Error e = failure("MATCH (c:Customer) CALL crm.echo(c) YIELD y RETURN y");
  EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(e.message().find("node, relationship or path"), std::string::npos) << e.message();
  EXPECT_EQ(failure("MATCH (c:Customer) CALL crm.echo([1, {n: c}]) YIELD y RETURN y").code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(calls.load(), 0);
  auto rows = session_.query("CALL crm.echo({a: [1, 'b']}) YIELD y RETURN y").all();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["y"].type(), Type::kMap);
}

TEST_F(UserProcedureTest, OutputsAreCheckedAgainstTheSignature) {
  ProcedureDefinition wrong;
  wrong.name = "crm.wrong";
  wrong.outputs = {{"n", "INTEGER"}};
  wrong.body = [](const std::vector<Value>&) { return Rows{{Value("seven")}}; };
  db_.add_procedure(wrong);
  EXPECT_EQ(failure("CALL crm.wrong()").code(), ErrorCode::kInvalidArgument);

  ProcedureDefinition narrow;
  narrow.name = "crm.narrow";
  narrow.outputs = {{"a", "ANY"}, {"b", "ANY"}};
  narrow.body = [](const std::vector<Value>&) { return Rows{{Value(1)}}; };
  db_.add_procedure(narrow);
  EXPECT_NE(failure("CALL crm.narrow()").message().find("row of 1 values for its 2 outputs"),
            std::string::npos);

  ProcedureDefinition smuggler;
  smuggler.name = "crm.smuggle";
  smuggler.outputs = {{"n", "ANY"}};
  smuggler.body = [](const std::vector<Value>&) {
    Node node;
    node.id = 0;
    return Rows{{Value(node)}};
  };
  db_.add_procedure(smuggler);
  EXPECT_EQ(failure("CALL crm.smuggle() YIELD n RETURN n.name").code(),
            ErrorCode::kInvalidArgument);
}

TEST_F(UserProcedureTest, AnExceptionInTheBodyFailsTheStatementAndChangesNothing) {
  ProcedureDefinition d;
  d.name = "crm.broken";
  d.parameters = {{"x", "INTEGER"}};
  d.outputs = {{"y", "INTEGER"}};
  d.body = [](const std::vector<Value>& args) -> Rows {
    if (args.at(0).as_int() > 2) throw std::runtime_error("no tier above 2");
    return Rows{{args[0]}};
  };
  db_.add_procedure(d);
  const Error e =
      failure("UNWIND [1, 2, 3] AS x CALL crm.broken(x) YIELD y CREATE (:Tiered {y: y}) RETURN y");
  EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(e.message().find("crm.broken"), std::string::npos);
  EXPECT_NE(e.message().find("no tier above 2"), std::string::npos);
  EXPECT_EQ(session_.query("MATCH (t:Tiered) RETURN count(t) AS n").all()[0]["n"].as_int(), 0);
}

TEST_F(UserProcedureTest, BadDefinitionsAreRefused) {
  auto refused = [&](ProcedureDefinition d) {
    try {
      db_.add_procedure(std::move(d));
    } catch (const Error& e) {
      return e.code() == ErrorCode::kInvalidArgument;
    }
    return false;
  };
  ProcedureDefinition d = tier();
  d.name = "db.labels";  // a built-in
  EXPECT_TRUE(refused(d));
  d.name = "crm..tier";
  EXPECT_TRUE(refused(d));
  d.name = "1crm";
  EXPECT_TRUE(refused(d));
  d = tier();
  d.parameters[0].type = "DECIMAL";
  EXPECT_TRUE(refused(d));
  d = tier();
  d.body = nullptr;
  EXPECT_TRUE(refused(d));
  db_.add_procedure(tier());
  EXPECT_TRUE(refused(tier()));  // twice
}

TEST_F(UserProcedureTest, AddedWhileOtherThreadsQuery) {
  std::atomic<bool> stop{false};
  std::thread reader([&] {
    Session s = db_.session();
    while (!stop) s.query("CALL db.labels() YIELD label RETURN count(label) AS n").all();
  });
  for (int i = 0; i < 50; ++i) {
    ProcedureDefinition d = tier();
    d.name = "crm.tier" + std::to_string(i);
    db_.add_procedure(d);
  }
  stop = true;
  reader.join();
  EXPECT_EQ(session_.query("CALL crm.tier49(1.0)").all().size(), 1u);
}

}  // namespace
}  // namespace guanxi
