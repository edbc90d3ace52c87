// The index an import creates on a tagged id property holds fingerprints,
// never the values: no key or value of the `index` table holds a phone
// number the import indexed, and a session allowed to read them still finds
// a customer by phone through the index.
#include <gtest/gtest.h>
#include <lmdb.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "guanxi/guanxi.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

namespace fs = std::filesystem;
using test_support::TempDir;

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
  MDB_env* env = nullptr;
  ASSERT_EQ(mdb_env_create(&env), 0);
  ASSERT_EQ(mdb_env_set_maxdbs(env, 32), 0);
  ASSERT_EQ(mdb_env_open(env, path.c_str(), MDB_RDONLY, 0644), 0);
  MDB_txn* txn = nullptr;
  ASSERT_EQ(mdb_txn_begin(env, nullptr, MDB_RDONLY, &txn), 0);
  MDB_dbi dbi;
  ASSERT_EQ(mdb_dbi_open(txn, "index", 0, &dbi), 0);
  MDB_cursor* cursor = nullptr;
  ASSERT_EQ(mdb_cursor_open(txn, dbi, &cursor), 0);
  MDB_val k, v;
  std::size_t entries = 0;
  for (int rc = mdb_cursor_get(cursor, &k, &v, MDB_FIRST); rc == 0;
       rc = mdb_cursor_get(cursor, &k, &v, MDB_NEXT)) {
    const std::string bytes = std::string(static_cast<const char*>(k.mv_data), k.mv_size) +
                              std::string(static_cast<const char*>(v.mv_data), v.mv_size);
    EXPECT_EQ(bytes.find("13800138000"), std::string::npos);
    EXPECT_EQ(bytes.find("13900139000"), std::string::npos);
    ++entries;
  }
  EXPECT_EQ(entries, 2u);
  mdb_cursor_close(cursor);
  mdb_txn_abort(txn);
  mdb_env_close(env);
}

}  // namespace
}  // namespace guanxi
