// Tagged values at rest and the right to erasure, through the embedding API:
// the data file, its index entries and its backups hold no tagged value;
// tags created over existing values seal them and dropped tags open them;
// index seeks and unique constraints still work on sealed values;
// privacy.erase makes a subject's tagged values unreadable for every
// session, and neither a restored backup of the database nor a restored
// copy of the key store brings them back.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "guanxi/guanxi.h"
#include "tests/support/file_bytes.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

namespace fs = std::filesystem;
using test_support::TempDir;

Options fast() {
  Options o;
  o.durable = false;
  return o;
}

Options with_key_file(const fs::path& key_file) {
  Options o = fast();
  o.key_file = key_file.string();
  return o;
}

const char* const kSchema[] = {
    "CREATE TAG pii ON :Customer(phone, email) MASK redact",
    "CREATE TAG note ON :REFERRED(note) MASK null",
    "CREATE PURPOSE service BASIS contract",
    "ALLOW service READ pii",
    "ALLOW service READ note",
};

void create_schema(Database& db) {
  Session admin = db.session({.user = "admin"});
  for (const char* statement : kSchema) admin.execute(statement);
}

void create_customers(Database& db) {
  Session admin = db.session({.user = "admin"});
  admin.execute(
      "CREATE (a:Customer {id: 1, name: '张三', phone: '13800138000', email: "
      "'zhangsan@example.cn'}), "
      "(b:Customer {id: 2, name: '李四', phone: '13900139000', email: 'lisi@example.cn'}), "
      "(a)-[:REFERRED {note: 'met-at-the-tea-fair', since: 2019}]->(b)");
}

Value phone_of(Database& db, int id, const std::string& purpose = "service") {
  Session s = db.session({.purpose = purpose, .user = "alice"});
  const auto rows =
      s.query("MATCH (c:Customer {id: $id}) RETURN c.phone AS p", {{"id", Value(id)}}).all();
  EXPECT_EQ(rows.size(), 1u);
  return rows.empty() ? Value() : rows[0]["p"];
}

bool file_contains(const fs::path& file, const std::string& needle) {
  return test_support::read_file(file).find(needle) != std::string::npos;
}

const char* const kSecrets[] = {"13800138000", "13900139000", "zhangsan@example.cn",
                                "lisi@example.cn", "met-at-the-tea-fair"};

TEST(PrivacyAtRest, TheDataFileHoldsNoTaggedValueNorItsIndexEntries) {
  TempDir dir;
  const fs::path path = dir.path() / "db";
  {
    Database db = Database::open(path, fast());
    create_schema(db);
    db.session({.user = "admin"}).execute("CREATE INDEX FOR (c:Customer) ON (c.phone)");
    create_customers(db);
    EXPECT_EQ(phone_of(db, 1).as_string(), "13800138000");
    Session s = db.session({.purpose = "service", .user = "alice"});
    const auto rows = s.query("MATCH (c:Customer {phone: '13900139000'}) RETURN c.id AS id").all();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0]["id"].as_int(), 2);
    const auto notes = s.query("MATCH ()-[r:REFERRED]->() RETURN r.note AS n").all();
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0]["n"].as_string(), "met-at-the-tea-fair");
  }
  for (const char* secret : kSecrets)
    EXPECT_FALSE(file_contains(path / "data.mdb", secret)) << secret;
  EXPECT_TRUE(file_contains(path / "data.mdb", "张三"));  // untagged: stored as written
  const fs::path store = dir.path() / "db.key.store";
  ASSERT_TRUE(fs::exists(store));
  EXPECT_EQ(fs::status(store).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  for (const char* secret : kSecrets) EXPECT_FALSE(file_contains(store, secret)) << secret;
}

TEST(PrivacyAtRest, ATagSealsExistingValuesAndDroppingItOpensThem) {
  TempDir dir;
  const fs::path path = dir.path() / "db";
  Database db = Database::open(path, fast());
  create_customers(db);
  create_schema(db);
  EXPECT_EQ(phone_of(db, 2).as_string(), "13900139000");
  // The pages that held the plain values are free, not yet reused; a
  // backup is a compacted copy, so the restored database holds none.
  db.backup((dir.path() / "b.gxbackup").string());
  restore((dir.path() / "b.gxbackup").string(), (dir.path() / "restored").string());
  for (const char* secret : kSecrets)
    EXPECT_FALSE(file_contains(dir.path() / "restored" / "data.mdb", secret)) << secret;

  Session admin = db.session({.user = "admin"});
  admin.execute("DROP TAG pii");
  const auto rows =
      admin.query("MATCH (c:Customer) RETURN c.phone AS p, c.email AS e ORDER BY p").all();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["p"].as_string(), "13800138000");
  EXPECT_EQ(rows[1]["e"].as_string(), "lisi@example.cn");
}

TEST(PrivacyAtRest, ALabelAddedOrRemovedSealsOrOpensTheNodesValues) {
  TempDir dir;
  Database db = Database::open(dir.path() / "db", fast());
  create_schema(db);
  Session admin = db.session({.user = "admin"});
  admin.execute("CREATE (:Prospect {id: 9, phone: '13700137000'})");
  admin.execute("MATCH (p:Prospect {id: 9}) SET p:Customer");
  EXPECT_EQ(phone_of(db, 9).as_string(), "13700137000");
  // A session without a purpose reads the tag's mask: the value is tagged now.
  EXPECT_EQ(phone_of(db, 9, "").as_string(), "***");
  admin.execute("MATCH (p:Customer {id: 9}) REMOVE p:Customer");
  const auto rows = admin.query("MATCH (p:Prospect {id: 9}) RETURN p.phone AS p").all();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["p"].as_string(), "13700137000");
}

TEST(PrivacyAtRest, AUniqueConstraintHoldsOverSealedValues) {
  TempDir dir;
  Database db = Database::open(dir.path() / "db", fast());
  create_schema(db);
  create_customers(db);
  Session admin = db.session({.user = "admin"});
  admin.execute("CREATE CONSTRAINT FOR (c:Customer) REQUIRE c.phone IS UNIQUE");
  try {
    admin.execute("CREATE (:Customer {id: 3, phone: '13800138000'})");
    FAIL() << "a duplicate tagged value was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kConstraint);
    EXPECT_EQ(std::string(e.what()).find("13800138000"), std::string::npos) << e.what();
  }
  admin.execute("CREATE (:Customer {id: 3, phone: '13600136000'})");
  EXPECT_EQ(phone_of(db, 3).as_string(), "13600136000");
}

TEST(PrivacyErasure, ErasedValuesReadAsNullForEveryPurposeAndTheRestStays) {
  TempDir dir;
  Database db = Database::open(dir.path() / "db", fast());
  create_schema(db);
  create_customers(db);
  Session admin = db.session({.user = "dpo"});
  // Read (and so decrypted and remembered) before the erasure: forgotten by it.
  EXPECT_EQ(phone_of(db, 1).as_string(), "13800138000");
  EXPECT_EQ(db.session({.purpose = "service", .user = "alice"})
                .query("MATCH (:Customer {id: 1})-[r:REFERRED]->() RETURN r.note AS note")
                .all()
                .at(0)["note"]
                .as_string(),
            "met-at-the-tea-fair");
  admin.execute("MATCH (c:Customer {id: 1}) CALL privacy.erase(c)");
  EXPECT_TRUE(phone_of(db, 1).is_null());
  EXPECT_EQ(phone_of(db, 2).as_string(), "13900139000");
  Session s = db.session({.purpose = "service", .user = "alice"});
  const auto rows =
      s.query(
           "MATCH (a:Customer {id: 1})-[r:REFERRED]->(b) "
           "RETURN a.name AS name, a.email AS email, r.note AS note, r.since AS since")
          .all();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["name"].as_string(), "张三");
  EXPECT_TRUE(rows[0]["email"].is_null());
  EXPECT_TRUE(rows[0]["note"].is_null());
  EXPECT_EQ(rows[0]["since"].as_int(), 2019);
  // A session without a purpose sees no mask either: there is no value.
  EXPECT_TRUE(phone_of(db, 1, "").is_null());
  const auto log = admin
                       .query(
                           "CALL privacy.audit() YIELD kind, user, subject, detail "
                           "WHERE kind = 'erase' RETURN user, subject, detail")
                       .all();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["user"].as_string(), "dpo");
  EXPECT_EQ(log[0]["detail"].as_string(), "3 tagged values deleted");
  // New values set later are sealed under a new key and read again.
  admin.execute("MATCH (c:Customer {id: 1}) SET c.phone = '13500135000'");
  EXPECT_EQ(phone_of(db, 1).as_string(), "13500135000");
}

TEST(PrivacyErasure, IsRefusedInsideAnExplicitTransaction) {
  TempDir dir;
  Database db = Database::open(dir.path() / "db", fast());
  create_schema(db);
  create_customers(db);
  Session admin = db.session({.user = "dpo"});
  admin.execute("BEGIN");
  try {
    admin.execute("MATCH (c:Customer {id: 1}) CALL privacy.erase(c)");
    FAIL() << "an erasure ran inside a transaction";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find("explicit transaction"), std::string::npos) << e.what();
  }
  admin.execute("ROLLBACK");
  EXPECT_EQ(phone_of(db, 1).as_string(), "13800138000");
}

TEST(PrivacyErasure, ARestoredOlderBackupDoesNotBringTheValuesBack) {
  TempDir dir;
  const fs::path path = dir.path() / "db";
  const fs::path backup = dir.path() / "before.gxbackup";
  {
    Database db = Database::open(path, fast());
    create_schema(db);
    create_customers(db);
    db.backup(backup.string());
    db.session({.user = "dpo"}).execute("MATCH (c:Customer {id: 1}) CALL privacy.erase(c)");
  }
  const fs::path restored = dir.path() / "restored";
  restore(backup.string(), restored.string());
  // The restored copy with the database's key file and its current key store.
  Database db = Database::open(restored, with_key_file(dir.path() / "db.key"));
  EXPECT_TRUE(phone_of(db, 1).is_null());
  EXPECT_EQ(phone_of(db, 2).as_string(), "13900139000");
  Session dpo = db.session({.user = "dpo"});
  const auto log = dpo.query(
                          "CALL privacy.audit() YIELD kind, subject, detail "
                          "WHERE kind = 'erase' RETURN subject, detail")
                       .all();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["detail"].as_string(), "replayed from the key store");
}

TEST(PrivacyErasure, ARestoredOlderKeyStoreLosesTheErasedKeyAgain) {
  TempDir dir;
  const fs::path path = dir.path() / "db";
  const fs::path backup = dir.path() / "before.gxbackup";
  const fs::path store = dir.path() / "db.key.store";
  const fs::path old_store = dir.path() / "old.store";
  {
    Database db = Database::open(path, fast());
    create_schema(db);
    create_customers(db);
    db.backup(backup.string());
  }
  fs::copy_file(store, old_store);
  {
    Database db = Database::open(path, fast());
    db.session({.user = "dpo"}).execute("MATCH (c:Customer {id: 1}) CALL privacy.erase(c)");
  }
  // The key store comes back from before the erasure; the database, which
  // remembers the erasure, destroys the key again when it opens.
  fs::remove(store);
  fs::remove(dir.path() / "db.key.store-lock");
  fs::copy_file(old_store, store);
  { Database db = Database::open(path, fast()); }
  // So even the database restored from before the erasure cannot read it.
  const fs::path restored = dir.path() / "restored";
  restore(backup.string(), restored.string());
  Database db = Database::open(restored, with_key_file(dir.path() / "db.key"));
  EXPECT_TRUE(phone_of(db, 1).is_null());
  EXPECT_EQ(phone_of(db, 2).as_string(), "13900139000");
}

TEST(PrivacyErasure, WithoutTheKeyStoreTaggedValuesReadAsNull) {
  TempDir dir;
  const fs::path path = dir.path() / "db";
  {
    Database db = Database::open(path, fast());
    create_schema(db);
    create_customers(db);
  }
  fs::remove(dir.path() / "db.key.store");
  fs::remove(dir.path() / "db.key.store-lock");
  Database db = Database::open(path, fast());
  EXPECT_TRUE(phone_of(db, 1).is_null());
  Session s = db.session({.purpose = "service", .user = "alice"});
  const auto rows = s.query("MATCH (c:Customer {id: 2}) RETURN c.name AS n").all();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["n"].as_string(), "李四");
}

}  // namespace
}  // namespace guanxi
