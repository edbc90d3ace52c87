// The embedding API end to end: open and reopen, queries with parameters,
// prepared statements, transactions, errors and their positions,
// cancellation from another thread, read-only databases, new files' permissions.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <utility>

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

std::int64_t count_customers(Session& session) {
  auto rows = session.query("MATCH (c:Customer) RETURN count(c) AS n").all();
  return rows.at(0)["n"].as_int();
}

class DatabaseTest : public ::testing::Test {
 protected:
  DatabaseTest() : db_(Database::open(dir_.path() / "db", fast())), session_(db_.session()) {}
  void add_customers() {
    session_.execute(
        "CREATE (:Customer {name: 'Ada', age: 36, city: 'Berlin'}), "
        "(:Customer {name: 'Bo', age: 41, city: 'Lyon'}), "
        "(:Customer {name: 'Chen', age: 29, city: 'Berlin'})");
  }
  TempDir dir_;
  Database db_;
  Session session_;
};

TEST(DatabaseOpenTest, CreatesAMissingDatabaseAndReopensIt) {
  TempDir dir;
  const std::string path = dir.path() / "db";
  {
    auto db = Database::open(path, fast());
    EXPECT_TRUE(db.is_open());
    EXPECT_EQ(db.path(), path);
    auto session = db.session();
    auto summary =
        session.execute("CREATE (:Customer {name: 'Ada'})-[:KNOWS]->(:Customer {name: 'Bo'})");
    EXPECT_EQ(summary.nodes_created, 2);
    EXPECT_EQ(summary.relationships_created, 1);
    EXPECT_EQ(summary.labels_added, 2);
    EXPECT_EQ(summary.properties_set, 2);
    db.close();
    EXPECT_FALSE(db.is_open());
    db.close();  // harmless twice
  }
  auto db = Database::open(path, fast());
  auto session = db.session();
  auto rows = session.query("MATCH (a)-[:KNOWS]->(b) RETURN a.name AS a, b.name AS b").all();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["a"].as_string(), "Ada");
  EXPECT_EQ(rows[0]["b"].as_string(), "Bo");
}

TEST(DatabaseOpenTest, MissingDatabaseWithoutCreateIsNotFound) {
  TempDir dir;
  const std::string path = dir.path() / "db";
  Options options = fast();
  options.create_if_missing = false;
  try {
    Database::open(path, options);
    FAIL() << "opening a missing database must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(DatabaseOpenTest, SessionsOutliveTheDatabaseHandle) {
  TempDir dir;
  const std::string path = dir.path() / "db";
  auto db = Database::open(path, fast());
  db.session().execute("CREATE PURPOSE marketing BASIS consent");
  auto session = db.session({.purpose = "marketing", .user = "crm"});
  db.close();
  EXPECT_THROW(db.session(), Error);
  EXPECT_EQ(session.options().purpose, "marketing");
  EXPECT_EQ(session.options().user, "crm");
  auto rows = session.query("RETURN 1 + 1 AS two").all();
  EXPECT_EQ(rows.at(0)["two"].as_int(), 2);
}

TEST(DatabaseOpenTest, ReadOnlyDatabaseRefusesWrites) {
  TempDir dir;
  const std::string path = dir.path() / "db";
  {
    auto db = Database::open(path, fast());
    db.session().execute("CREATE (:Customer {name: 'Ada'})");
  }
  Options options = fast();
  options.read_only = true;
  auto db = Database::open(path, options);
  auto session = db.session();
  EXPECT_EQ(count_customers(session), 1);
  // Data writes, schema writes and BEGIN: one kind, and the message names
  // the database and what was refused.
  const std::string prefix = "database '" + path + "' is open read-only: ";
  const std::pair<const char*, std::string> refusals[] = {
      {"CREATE (:Customer {name: 'Bo'})", "writing statement refused"},
      {"MATCH (c:Customer) SET c.vip = true", "writing statement refused"},
      {"CREATE INDEX FOR (c:Customer) ON (c.name)", "CREATE INDEX refused"},
      {"create  constraint FOR (c:Customer) REQUIRE c.name IS UNIQUE", "CREATE CONSTRAINT refused"},
      {"BEGIN", "BEGIN refused"},
  };
  for (const auto& [text, refused] : refusals) {
    try {
      session.execute(text);
      ADD_FAILURE() << "a write to a read-only database must throw: " << text;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kReadOnly) << e.code_name() << ": " << e.what();
      EXPECT_EQ(e.message(), prefix + refused);
    }
  }
  EXPECT_FALSE(session.in_transaction());
  EXPECT_EQ(count_customers(session), 1);
  // Reading statements, EXPLAIN of a write and schema reads still run.
  session.query("EXPLAIN CREATE (:Customer {name: 'Bo'})").all();
  session.query("CALL db.labels()").all();
}

TEST(DatabaseFileModeTest, NewFilesAreOwnerOnlyUnlessOptionsSayOtherwise) {
  TempDir dir;
  const mode_t old_mask = ::umask(022);
  {
    Database::open((dir.path() / "private").string(), fast());
    Options shared = fast();
    shared.file_mode = 0640;
    Database::open((dir.path() / "shared").string(), shared);
  }
  ::umask(old_mask);
  auto mode_of = [](const std::filesystem::path& p) {
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
    return st.st_mode & 0777;
  };
  EXPECT_EQ(mode_of(dir.path() / "private" / "data.mdb"), 0600u);
  EXPECT_EQ(mode_of(dir.path() / "shared" / "data.mdb"), 0640u);
  EXPECT_EQ(mode_of(dir.path() / "shared"), 0750u);
}

TEST_F(DatabaseTest, QueryStreamsRowsWithColumnsAndTypedValues) {
  add_customers();
  auto result = session_.query(
      "MATCH (c:Customer) WHERE c.city = $city RETURN c.name AS name, c.age AS age ORDER BY age",
      {{"city", "Berlin"}});
  EXPECT_EQ(result.columns(), (std::vector<std::string>{"name", "age"}));
  std::vector<std::string> names;
  std::vector<std::int64_t> ages;
  for (const Row& row : result) {
    names.push_back(row["name"].as_string());
    ages.push_back(row[1].as_int());
    EXPECT_EQ(row.size(), 2u);
    EXPECT_EQ(row.columns()[0], "name");
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Chen", "Ada"}));
  EXPECT_EQ(ages, (std::vector<std::int64_t>{29, 36}));
  Row row;
  EXPECT_FALSE(result.next(row));  // exhausted stays exhausted
  EXPECT_FALSE(result.summary().any());
}

TEST_F(DatabaseTest, UnknownColumnNameIsNotFound) {
  add_customers();
  auto rows = session_.query("MATCH (c:Customer) RETURN c.name AS name LIMIT 1").all();
  ASSERT_EQ(rows.size(), 1u);
  try {
    (void)rows[0]["nmae"];
    FAIL() << "an unknown column must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
    EXPECT_NE(e.message().find("nmae"), std::string::npos);
    EXPECT_NE(e.message().find("name"), std::string::npos);
  }
  EXPECT_THROW((void)rows[0][3], Error);
}

TEST_F(DatabaseTest, NodesAndRelationshipsComeWithLabelsTypesAndProperties) {
  session_.execute(
      "CREATE (:Customer:VIP {name: 'Ada', age: 36})-[:KNOWS {since: 2020}]->(:Customer {name: "
      "'Bo'})");
  auto rows = session_.query("MATCH p = (a:VIP)-[k:KNOWS]->(b) RETURN a, k, b, p").all();
  ASSERT_EQ(rows.size(), 1u);
  const Node& a = rows[0]["a"].as_node();
  EXPECT_EQ(a.labels, (std::vector<std::string>{"Customer", "VIP"}));
  EXPECT_EQ(a["name"].as_string(), "Ada");
  EXPECT_EQ(a["age"].as_int(), 36);
  const Relationship& k = rows[0]["k"].as_relationship();
  EXPECT_EQ(k.type, "KNOWS");
  EXPECT_EQ(k.start, a.id);
  EXPECT_EQ(k.end, rows[0]["b"].as_node().id);
  EXPECT_EQ(k["since"].as_int(), 2020);
  EXPECT_EQ(rows[0]["a"].to_string(), "(:Customer:VIP {age: 36, name: 'Ada'})");
  EXPECT_EQ(rows[0]["k"].to_string(), "[:KNOWS {since: 2020}]");
  EXPECT_EQ(
      rows[0]["p"].to_string(),
      "(:Customer:VIP {age: 36, name: 'Ada'})-[:KNOWS {since: 2020}]->(:Customer {name: 'Bo'})");
  EXPECT_EQ(rows[0]["p"].as_path().length(), 1u);
}

// A relationship passed back in as a parameter names the relationship it
// was returned as, with or without properties, whatever its type's id.
TEST_F(DatabaseTest, ARelationshipParameterCanBeUpdatedAndDeleted) {
  session_.execute("CREATE (:A)-[:FIRST]->(:B)");  // FIRST takes the first type id
  auto rows = session_
                  .query(
                      "CREATE (a:C {n: 1})-[r:SECOND]->(b:C {n: 2}), (a)-[:SECOND]->(b) "
                      "RETURN r")
                  .all();
  ASSERT_EQ(rows.size(), 1u);
  const Value r = rows[0]["r"];
  EXPECT_EQ(r.as_relationship().type, "SECOND");
  EXPECT_EQ(session_.query("RETURN type($r) AS t", {{"r", r}}).all()[0]["t"].as_string(), "SECOND");
  session_.execute("WITH $r AS r SET r.w = 5", {{"r", r}});
  EXPECT_EQ(
      session_.query("MATCH ()-[s:SECOND]->() RETURN collect(s.w) AS w").all()[0]["w"].to_string(),
      "[5]");
  session_.execute("WITH $r AS r REMOVE r.w", {{"r", r}});
  session_.execute("WITH $r AS r DELETE r", {{"r", r}});
  auto left = session_.query("MATCH ()-[s:SECOND]->() RETURN id(s) AS id").all();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_NE(left[0]["id"].as_int(), static_cast<std::int64_t>(r.as_relationship().id));
  EXPECT_EQ(session_.query("MATCH ()-[f:FIRST]->() RETURN count(f) AS n").all()[0]["n"].as_int(),
            1);
}

TEST_F(DatabaseTest, ParametersOfEveryType) {
  auto rows =
      session_
          .query("RETURN $i AS i, $f AS f, $s AS s, $b AS b, $n AS n, $l AS l, $m AS m, $d AS d",
                 {{"i", 7},
                  {"f", 2.5},
                  {"s", "x"},
                  {"b", false},
                  {"n", nullptr},
                  {"l", List{1, "two"}},
                  {"m", Value::map({{"k", 1}})},
                  {"d", Date::from_civil(2024, 2, 29)}})
          .all();
  ASSERT_EQ(rows.size(), 1u);
  std::string printed;
  for (const Value& v : rows[0]) printed += v.to_string() + " ";
  EXPECT_EQ(printed, "7 2.5 'x' false null [1, 'two'] {k: 1} date('2024-02-29') ");
}

TEST_F(DatabaseTest, PreparedStatementRunsManyTimes) {
  auto create = session_.prepare("CREATE (:Customer {name: $name, n: $n})");
  EXPECT_EQ(create.text(), "CREATE (:Customer {name: $name, n: $n})");
  for (int i = 0; i < 50; ++i) {
    EXPECT_EQ(create.execute({{"name", "c" + std::to_string(i)}, {"n", i}}).nodes_created, 1);
  }
  auto lookup = session_.prepare("MATCH (c:Customer {n: $n}) RETURN c.name AS name");
  for (int i : {0, 17, 49}) {
    auto rows = lookup.query({{"n", i}}).all();
    ASSERT_EQ(rows.size(), 1u) << i;
    EXPECT_EQ(rows[0]["name"].as_string(), "c" + std::to_string(i));
  }
  EXPECT_TRUE(lookup.query({{"n", 50}}).all().empty());
}

TEST_F(DatabaseTest, PrepareReportsSyntaxErrorsAtOnce) {
  try {
    session_.prepare("MATCH (c:Customer) RETRUN c");
    FAIL() << "a syntax error must throw at prepare";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kSyntax);
    EXPECT_EQ(e.line(), 1);
    EXPECT_EQ(e.column(), 20);
  }
}

TEST_F(DatabaseTest, ErrorsCarryCodeMessageLineAndColumn) {
  try {
    session_.query("MATCH (c:Customer)\nRETURN x");
    FAIL() << "an unknown variable must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kSemantic);
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.column(), 8);
    EXPECT_NE(e.message().find('x'), std::string::npos);
    const std::string what = e.what();
    EXPECT_NE(what.find("(line 2, column 8)"), std::string::npos) << what;
    EXPECT_NE(what.find("RETURN x\n       ^"), std::string::npos) << what;
  }
  try {
    session_.query("RETURN 1 / 0").all();
    FAIL() << "integer division by zero must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kArithmetic);
  }
}

TEST_F(DatabaseTest, FailingStatementChangesNothing) {
  add_customers();
  EXPECT_THROW(
      session_.query("UNWIND [1, 2, 0] AS x CREATE (:Customer {name: 'z', r: 10 / x})").all(),
      Error);
  EXPECT_EQ(count_customers(session_), 3);
}

TEST_F(DatabaseTest, ExplicitTransactionCommits) {
  session_.begin();
  EXPECT_TRUE(session_.in_transaction());
  session_.execute("CREATE (:Customer {name: 'Ada'})");
  session_.execute("CREATE (:Customer {name: 'Bo'})");
  // The transaction sees its own writes; another session does not yet.
  EXPECT_EQ(count_customers(session_), 2);
  auto other = db_.session();
  EXPECT_EQ(count_customers(other), 0);
  session_.commit();
  EXPECT_FALSE(session_.in_transaction());
  EXPECT_EQ(count_customers(other), 2);
}

TEST_F(DatabaseTest, ExplicitTransactionRollsBack) {
  add_customers();
  session_.begin();
  session_.execute("MATCH (c:Customer) DETACH DELETE c");
  EXPECT_EQ(count_customers(session_), 0);
  session_.rollback();
  EXPECT_EQ(count_customers(session_), 3);
}

TEST_F(DatabaseTest, FailingStatementInsideATransactionIsUndoneAlone) {
  session_.begin();
  session_.execute("CREATE (:Customer {name: 'Ada'})");
  EXPECT_THROW(session_.execute("CREATE (:Customer {name: 'Bo', r: 1 / 0})"), Error);
  EXPECT_TRUE(session_.in_transaction());
  session_.execute("CREATE (:Customer {name: 'Chen'})");
  session_.commit();
  auto rows = session_.query("MATCH (c:Customer) RETURN c.name AS name ORDER BY name").all();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["name"].as_string(), "Ada");
  EXPECT_EQ(rows[1]["name"].as_string(), "Chen");
}

TEST_F(DatabaseTest, TransactionObjectRollsBackUnlessCommitted) {
  {
    auto txn = session_.transaction();
    EXPECT_TRUE(txn.active());
    session_.execute("CREATE (:Customer {name: 'Ada'})");
  }  // no commit: rolled back
  EXPECT_FALSE(session_.in_transaction());
  EXPECT_EQ(count_customers(session_), 0);
  {
    auto txn = session_.transaction();
    session_.execute("CREATE (:Customer {name: 'Bo'})");
    txn.commit();
    EXPECT_FALSE(txn.active());
    EXPECT_THROW(txn.commit(), Error);
  }
  EXPECT_EQ(count_customers(session_), 1);
}

TEST_F(DatabaseTest, TransactionMisuseIsATransactionError) {
  try {
    session_.commit();
    FAIL() << "COMMIT outside a transaction must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kTransaction);
  }
  session_.begin();
  EXPECT_THROW(session_.begin(), Error);
  session_.rollback();
  EXPECT_THROW(session_.rollback(), Error);
}

TEST_F(DatabaseTest, CancelFromAnotherThreadStopsARunningQuery) {
  std::atomic<bool> started{false};
  std::thread canceller([&] {
    while (!started) std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    session_.cancel();
  });
  const auto begin = std::chrono::steady_clock::now();
  try {
    started = true;
    auto rows = session_
                    .query(
                        "UNWIND range(1, 1000000) AS x UNWIND range(1, 1000000) AS y "
                        "WITH x, y WHERE (x + y) % 7 = 0 RETURN count(*)")
                    .all();
    canceller.join();
    FAIL() << "the query was not cancelled";
  } catch (const Error& e) {
    canceller.join();
    EXPECT_EQ(e.code(), ErrorCode::kCancelled) << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::seconds(20));
  // The session works on afterwards.
  EXPECT_EQ(session_.query("RETURN 1 AS one").all().at(0)["one"].as_int(), 1);
}

TEST_F(DatabaseTest, CancelledWriteChangesNothing) {
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    session_.cancel();
  });
  try {
    session_.execute(
        "UNWIND range(1, 1000000) AS x UNWIND range(1, 1000) AS y CREATE (:Customer {n: x})");
    canceller.join();
    FAIL() << "the write was not cancelled";
  } catch (const Error& e) {
    canceller.join();
    EXPECT_EQ(e.code(), ErrorCode::kCancelled) << e.what();
  }
  EXPECT_EQ(count_customers(session_), 0);
}

TEST_F(DatabaseTest, SessionsOnSeveralThreadsReadAtOnce) {
  add_customers();
  std::vector<std::thread> threads;
  threads.reserve(4);
  std::atomic<int> good{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      auto session = db_.session();
      for (int i = 0; i < 50; ++i) {
        if (count_customers(session) == 3) ++good;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(good, 200);
}

TEST_F(DatabaseTest, ExplainGivesAPlanWithoutRunning) {
  add_customers();
  auto result = session_.query("EXPLAIN MATCH (c:Customer) WHERE c.age > 30 RETURN c.name");
  EXPECT_TRUE(result.all().empty());
  const PlanNode* plan = result.plan();
  ASSERT_NE(plan, nullptr);
  EXPECT_FALSE(plan->name.empty());
  EXPECT_FALSE(plan->to_string().empty());
  EXPECT_EQ(session_.query("MATCH (c:Customer) RETURN c").plan(), nullptr);
}

TEST_F(DatabaseTest, ChangeSummaryText) {
  auto summary = session_.execute("CREATE (:Customer {name: 'Ada'})-[:KNOWS]->(:Customer)");
  EXPECT_EQ(summary.to_string(),
            "Created 2 nodes, created 1 relationship, set 1 property, added 2 labels");
  EXPECT_EQ(ChangeSummary{}.to_string(), "");
}

TEST_F(DatabaseTest, MovedFromHandlesThrowClosed) {
  Session moved = std::move(session_);
  try {
    session_.query("RETURN 1");
    FAIL() << "a moved-from session must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kClosed);
  }
  EXPECT_EQ(moved.query("RETURN 2 AS two").all().at(0)["two"].as_int(), 2);
}

TEST(DatabaseOpenTest, ShowProceduresAndFunctionsListWhatCallAndExpressionsUse) {
  TempDir dir;
  auto db = Database::open(dir.path() / "db", fast());
  auto session = db.session();
  auto names = [&](const std::string& text) {
    std::vector<std::string> out;
    for (const Row& row : session.query(text).all()) out.push_back(row["name"].as_string());
    return out;
  };
  const auto shown = names("SHOW PROCEDURES");
  EXPECT_EQ(shown, names("CALL dbms.procedures()"));
  EXPECT_NE(std::find(shown.begin(), shown.end(), "algo.pagerank"), shown.end());
  const auto functions = names("SHOW FUNCTIONS");
  EXPECT_NE(std::find(functions.begin(), functions.end(), "toUpper"), functions.end());
  EXPECT_EQ(session.query("SHOW FUNCTIONS").columns(),
            (std::vector<std::string>{"name", "arguments", "aggregating"}));
}

}  // namespace
}  // namespace guanxi
