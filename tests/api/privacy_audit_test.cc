// The audit log through the embedding API: reads inside explicit
// transactions (kept when the transaction rolls back), reads of writing
// statements, relationship values and algorithm weights, dumps, entries
// written out when the database closes, and no entry when nothing tagged
// is read.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

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

void set_up(Database& db) {
  Session admin = db.session({.user = "admin"});
  admin.execute(
      "CREATE (a:Customer {id: 1, name: '张三', phone: '13800138000'}), "
      "(b:Customer {id: 2, name: '李四', phone: '13900139000'}), "
      "(a)-[:REFERRED {amount: 5.0}]->(b)");
  for (const char* statement :
       {"CREATE TAG pii ON :Customer(phone) MASK redact",
        "CREATE TAG reward ON :REFERRED(amount) MASK null", "CREATE PURPOSE service BASIS contract",
        "ALLOW service READ pii", "ALLOW service READ reward"}) {
    admin.execute(statement);
  }
}

struct Entry {
  std::string kind, user, statement;
  std::vector<std::string> tags;
  std::int64_t subjects = 0, masked = 0;
};

// The entries other than schema changes and reads of the log.
std::vector<Entry> entries(Database& db) {
  Session dpo = db.session({.user = "dpo"});
  std::vector<Entry> out;
  for (const Row& row : dpo.query("CALL privacy.audit() YIELD kind, user, statement, tags, "
                                  "subjects, masked WHERE NOT kind IN ['schema', 'audit'] "
                                  "RETURN kind, user, statement, tags, subjects, masked")
                            .all()) {
    Entry e{row["kind"].as_string(),  row["user"].as_string(), row["statement"].as_string(), {},
            row["subjects"].as_int(), row["masked"].as_int()};
    for (const Value& tag : row["tags"].as_list()) e.tags.push_back(tag.as_string());
    out.push_back(std::move(e));
  }
  return out;
}

TEST(PrivacyAudit, AReadInsideARolledBackTransactionStaysRecorded) {
  TempDir dir;
  Database db = Database::open(dir.path() / "db", fast());
  set_up(db);
  {
    Session s = db.session({.purpose = "service", .user = "alice"});
    s.execute("BEGIN");
    const auto rows = s.query("MATCH (c:Customer {id: 1}) RETURN c.phone AS p").all();
    ASSERT_EQ(rows.at(0)["p"].as_string(), "13800138000");
    s.execute("ROLLBACK");
  }
  const auto log = entries(db);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].kind, "read");
  EXPECT_EQ(log[0].user, "alice");
  EXPECT_EQ(log[0].subjects, 1);
}

TEST(PrivacyAudit, AWritingStatementsReadsAreRecorded) {
  TempDir dir;
  Database db = Database::open(dir.path() / "db", fast());
  set_up(db);
  Session s = db.session({.purpose = "service", .user = "bob"});
  s.execute("MATCH (c:Customer) SET c.contact = c.phone");
  const auto log = entries(db);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].kind, "read");
  EXPECT_EQ(log[0].subjects, 2);
  EXPECT_EQ(log[0].tags, std::vector<std::string>{"pii"});
}

TEST(PrivacyAudit, RelationshipValuesAndAlgorithmWeightsAreReads) {
  TempDir dir;
  Database db = Database::open(dir.path() / "db", fast());
  set_up(db);
  Session s = db.session({.user = "carol"});  // no purpose: everything masked
  s.query(
       "CALL algo.pagerank({relationshipWeightProperty: 'amount'}) YIELD node, score "
       "RETURN count(*)")
      .all();
  s.query("MATCH ()-[r:REFERRED]->() RETURN r.amount").all();
  const auto log = entries(db);
  ASSERT_EQ(log.size(), 2u);
  for (const Entry& e : log) {
    EXPECT_EQ(e.tags, std::vector<std::string>{"reward"}) << e.statement;
    EXPECT_EQ(e.subjects, 0) << e.statement;
    EXPECT_GE(e.masked, 1) << e.statement;
  }
}

TEST(PrivacyAudit, ADumpIsRecorded) {
  TempDir dir;
  Database db = Database::open(dir.path() / "db", fast());
  set_up(db);
  std::ostringstream out;
  DumpOptions options;
  options.purpose = "service";
  options.user = "backup-job";
  db.dump(out, options);
  EXPECT_NE(out.str().find("13800138000"), std::string::npos);
  const auto log = entries(db);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].statement, "guanxi dump");
  EXPECT_EQ(log[0].user, "backup-job");
  EXPECT_EQ(log[0].subjects, 2);
}

TEST(PrivacyAudit, QueuedEntriesAreWrittenWhenTheDatabaseCloses) {
  TempDir dir;
  {
    Database db = Database::open(dir.path() / "db", fast());
    set_up(db);
    Session s = db.session({.purpose = "service", .user = "dave"});
    s.query("MATCH (c:Customer) RETURN c.phone").all();
  }
  Database db = Database::open(dir.path() / "db", fast());
  const auto log = entries(db);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].user, "dave");
}

TEST(PrivacyAudit, StatementsThatReadNothingTaggedAreNotRecorded) {
  TempDir dir;
  Database db = Database::open(dir.path() / "db", fast());
  set_up(db);
  Session s = db.session({.purpose = "service", .user = "erin"});
  s.query("MATCH (c:Customer) RETURN c.name, c.id").all();
  s.query("MATCH (c:Customer) WHERE c.phone IS NULL RETURN count(*)").all();
  const auto log = entries(db);
  // The second reads phone (to compare it), the first reads nothing tagged.
  ASSERT_EQ(log.size(), 1u);
  EXPECT_NE(log[0].statement.find("IS NULL"), std::string::npos);
}

}  // namespace
}  // namespace guanxi
