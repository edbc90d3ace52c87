// The index an import creates on a tagged id property holds fingerprints,
// never the values: no key or value of the `index` table holds a phone
// number the import indexed, and a session allowed to read them still finds
// a customer by phone through the index. The import's ID spaces, which keep
// every id for later imports, hold their fingerprints too once the database
// has tags: imported under a tag, tagged afterwards, or erased.
#include <gtest/gtest.h>
#include <lmdb.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "guanxi/guanxi.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

namespace fs = std::filesystem;
using test_support::TempDir;

// Every key and value of the `table` table, read with LMDB itself.
std::vector<std::string> table_bytes(const fs::path& path, const char* table) {
  std::vector<std::string> out;
  MDB_env* env = nullptr;
  EXPECT_EQ(mdb_env_create(&env), 0);
  EXPECT_EQ(mdb_env_set_maxdbs(env, 32), 0);
  EXPECT_EQ(mdb_env_open(env, path.c_str(), MDB_RDONLY, 0644), 0);
  MDB_txn* txn = nullptr;
  EXPECT_EQ(mdb_txn_begin(env, nullptr, MDB_RDONLY, &txn), 0);
  MDB_dbi dbi;
  EXPECT_EQ(mdb_dbi_open(txn, table, 0, &dbi), 0);
  MDB_cursor* cursor = nullptr;
  EXPECT_EQ(mdb_cursor_open(txn, dbi, &cursor), 0);
  MDB_val k, v;
  for (int rc = mdb_cursor_get(cursor, &k, &v, MDB_FIRST); rc == 0;
       rc = mdb_cursor_get(cursor, &k, &v, MDB_NEXT)) {
    out.push_back(std::string(static_cast<const char*>(k.mv_data), k.mv_size) +
                  std::string(static_cast<const char*>(v.mv_data), v.mv_size));
  }
  mdb_cursor_close(cursor);
  mdb_txn_abort(txn);
  mdb_env_close(env);
  return out;
}

std::string file_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(PrivacyImportIndex, AnIndexOnATaggedIdHoldsNoValue) {
  TempDir dir;
  const fs::path path = dir.path() / "db";
  const fs::path csv = dir.path() / "customers.csv";
  std::ofstream(csv) << "phone:ID(Customer),name\n+86 13800138000,张三\n+86 13900139000,李四\n";
  {
    Database db = Database::open(path);
    Session admin = db.session({.user = "admin"});
    admin.execute("CREATE TAG pii ON :Customer(phone) MASK redact");
    admin.execute("CREATE PURPOSE service BASIS contract");
    admin.execute("ALLOW service READ pii");
    ImportOptions options;
    options.nodes = {{"Customer", {csv.string()}, {}}};
    EXPECT_EQ(db.import(options).created_indexes, std::vector<std::string>{"index_Customer_phone"});

    Session s = db.session({.purpose = "service", .user = "alice"});
    const auto rows =
        s.query("MATCH (c:Customer {phone: '+86 13900139000'}) RETURN c.name AS n").all();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0]["n"].as_string(), "李四");
    Result explained = s.query("EXPLAIN MATCH (c:Customer {phone: '+86 13900139000'}) RETURN c");
    ASSERT_NE(explained.plan(), nullptr);
    EXPECT_NE(explained.plan()->to_string().find("NodeIndexSeek"), std::string::npos)
        << explained.plan()->to_string();
  }
  // The `index` table, read with LMDB itself: keys and values hold no phone.
  const std::vector<std::string> entries = table_bytes(path, "index");
  EXPECT_EQ(entries.size(), 2u);
  for (const std::string& bytes : entries) {
    EXPECT_EQ(bytes.find("13800138000"), std::string::npos);
    EXPECT_EQ(bytes.find("13900139000"), std::string::npos);
  }
}

class PrivacyImportIdSpace : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(customers_) << "phone:ID(Customer),name\n"
                                 "+86 13800138000,张三\n+86 13900139000,李四\n";
    std::ofstream(referrals_) << ":START_ID(Customer),:END_ID(Customer)\n"
                                 "+86 13800138000,+86 13900139000\n";
  }
  void tag(Database& db) {
    Session admin = db.session({.user = "admin"});
    admin.execute("CREATE TAG pii ON :Customer(phone) MASK redact");
    admin.execute("CREATE PURPOSE service BASIS contract");
    admin.execute("ALLOW service READ pii");
  }
  ImportSummary import_customers(Database& db) {
    ImportOptions options;
    options.nodes = {{"Customer", {customers_.string()}, {}}};
    return db.import(options);
  }
  // A later import of referrals, which finds its customers by phone.
  ImportSummary import_referrals(Database& db) {
    ImportOptions options;
    options.relationships = {{"REFERRED", {referrals_.string()}, {}}};
    return db.import(options);
  }
  std::int64_t referrals(Database& db) {
    return db.session({.user = "admin"})
        .query("MATCH (:Customer)-[r:REFERRED]->(:Customer) RETURN count(r) AS n")
        .all()
        .at(0)["n"]
        .as_int();
  }
  static bool holds_a_phone(const std::string& bytes) {
    return bytes.find("13800138000") != std::string::npos ||
           bytes.find("13900139000") != std::string::npos;
  }

  TempDir dir_;
  const fs::path path_ = dir_.path() / "db";
  const fs::path customers_ = dir_.path() / "customers.csv";
  const fs::path referrals_ = dir_.path() / "referrals.csv";
};

TEST_F(PrivacyImportIdSpace, IdsImportedUnderATagAreKeptAsFingerprints) {
  {
    Database db = Database::open(path_);
    tag(db);
    import_customers(db);
    EXPECT_EQ(import_referrals(db).relationships, 1u);
    EXPECT_EQ(referrals(db), 1);
  }
  const std::vector<std::string> entries = table_bytes(path_, "idspace");
  EXPECT_EQ(entries.size(), 2u);
  for (const std::string& entry : entries) EXPECT_FALSE(holds_a_phone(entry));
  // Nowhere in the data file: not in a record, an index or an ID space.
  EXPECT_FALSE(holds_a_phone(file_bytes(path_ / "data.mdb")));

  // An id already imported is still found, and refused as a duplicate.
  Database db = Database::open(path_);
  try {
    import_customers(db);
    ADD_FAILURE() << "a duplicate id was imported";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("already exists"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(db.verify().ok());
}

TEST_F(PrivacyImportIdSpace, TaggingAfterTheImportKeysItsIdsByFingerprint) {
  {
    Database db = Database::open(path_);
    import_customers(db);
  }
  std::size_t plain = 0;
  for (const std::string& entry : table_bytes(path_, "idspace")) plain += holds_a_phone(entry);
  EXPECT_EQ(plain, 2u);  // without tags the ids are kept as they are
  {
    Database db = Database::open(path_);
    tag(db);
    EXPECT_EQ(import_referrals(db).relationships, 1u);
    EXPECT_EQ(referrals(db), 1);
    EXPECT_TRUE(db.verify().ok());
  }
  const std::vector<std::string> entries = table_bytes(path_, "idspace");
  EXPECT_EQ(entries.size(), 2u);
  for (const std::string& entry : entries) EXPECT_FALSE(holds_a_phone(entry));
}

TEST_F(PrivacyImportIdSpace, ErasingASubjectErasesTheIdItWasImportedUnder) {
  {
    Database db = Database::open(path_);
    tag(db);
    import_customers(db);
    db.session({.user = "dpo"}).execute("MATCH (c:Customer {name: '张三'}) CALL privacy.erase(c)");
  }
  EXPECT_EQ(table_bytes(path_, "idspace").size(), 1u);
  // The erased phone names nobody now: a referral from it finds no customer.
  Database db = Database::open(path_);
  try {
    import_referrals(db);
    ADD_FAILURE() << "a referral from an erased id was imported";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("13800138000"), std::string::npos) << e.what();
  }
  EXPECT_EQ(referrals(db), 0);
  EXPECT_TRUE(db.verify().ok());
}

}  // namespace
}  // namespace guanxi
