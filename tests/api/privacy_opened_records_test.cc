// Records kept with their tagged values opened (storage/opened_record_cache.h)
// are shared by every session of the process: each session still reads them
// through its own access decision (masked, hidden) as it reads them from
// storage, a write is seen by the next statement, an erasure at once, and a
// process that keeps nothing reads the same.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "guanxi/guanxi.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

using test_support::TempDir;

constexpr const char* kCustomers =
    "CREATE (:Customer {id: 1, name: '张三', phone: '13800138000', email: 'zs@example.cn'}), "
    "(:Customer {id: 2, name: '李四', phone: '13900139000'})";

Database open_with_customers(const TempDir& dir, std::size_t opened_value_cache) {
  Options options;
  options.durable = false;
  options.opened_value_cache = opened_value_cache;
  Database db = Database::open(dir.path() / "db", options);
  Session admin = db.session({.user = "admin"});
  for (const char* statement : {
           "CREATE TAG pii ON :Customer(phone, email) MASK partial(3)",
           "CREATE PURPOSE service BASIS contract",
           "CREATE PURPOSE marketing BASIS consent",
           "ALLOW service READ pii",
           "ALLOW marketing READ pii",
           kCustomers,
           "MATCH (c:Customer {id: 1}) CALL privacy.grant(c, 'marketing')",
       }) {
    admin.execute(statement);
  }
  return db;
}

// The phones a session reads, in id order, each twice in one statement and
// once more in a second, which must agree.
std::vector<std::string> phones(Database& db, const std::string& purpose) {
  Session s = db.session({.purpose = purpose, .user = "alice"});
  std::vector<std::string> out;
  for (const Row& row :
       s.query("MATCH (c:Customer) RETURN c.phone AS p, c.phone AS again ORDER BY c.id").all()) {
    EXPECT_EQ(row["p"], row["again"]);
    out.push_back(row["p"].is_null() ? "null" : row["p"].as_string());
  }
  const auto second = s.query("MATCH (c:Customer) RETURN c.phone AS p ORDER BY c.id").all();
  EXPECT_EQ(second.size(), out.size());
  for (std::size_t i = 0; i < second.size() && i < out.size(); ++i) {
    EXPECT_EQ(second[i]["p"].is_null() ? "null" : second[i]["p"].as_string(), out[i]);
  }
  return out;
}

class PrivacyOpenedRecords : public ::testing::TestWithParam<std::size_t> {};

TEST_P(PrivacyOpenedRecords, EachSessionReadsThemThroughItsOwnDecision) {
  TempDir dir;
  Database db = open_with_customers(dir, GetParam());
  using V = std::vector<std::string>;
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(phones(db, "service"), (V{"13800138000", "13900139000"}));
    EXPECT_EQ(phones(db, ""), (V{"138***", "139***"}));
    // Customer 2 never consented to marketing: it does not exist there.
    EXPECT_EQ(phones(db, "marketing"), (V{"13800138000"}));
  }
  Session none = db.session({.user = "bob"});
  const auto rows =
      none.query("MATCH (c:Customer {id: 1}) RETURN properties(c) AS p, keys(c) AS k").all();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["p"].to_string(), "{email: 'zs@***', id: 1, name: '张三', phone: '138***'}");
}

TEST_P(PrivacyOpenedRecords, TheNextStatementSeesAWriteAndAnErasure) {
  TempDir dir;
  Database db = open_with_customers(dir, GetParam());
  using V = std::vector<std::string>;
  EXPECT_EQ(phones(db, "service"), (V{"13800138000", "13900139000"}));
  Session admin = db.session({.user = "admin"});
  admin.execute("MATCH (c:Customer {id: 1}) SET c.phone = '13700137000'");
  EXPECT_EQ(phones(db, "service"), (V{"13700137000", "13900139000"}));
  admin.execute("MATCH (c:Customer {id: 2}) REMOVE c.phone");
  EXPECT_EQ(phones(db, "service"), (V{"13700137000", "null"}));
  admin.execute("MATCH (c:Customer {id: 1}) CALL privacy.erase(c)");
  EXPECT_EQ(phones(db, "service"), (V{"null", "null"}));
  // Revoking consent hides the customer from the next statement.
  admin.execute("MATCH (c:Customer {id: 2}) SET c.phone = '13600136000'");
  EXPECT_EQ(phones(db, "service"), (V{"null", "13600136000"}));
  admin.execute("MATCH (c:Customer {id: 2}) CALL privacy.grant(c, 'marketing')");
  EXPECT_EQ(phones(db, "marketing"), (V{"null", "13600136000"}));
  admin.execute("MATCH (c:Customer {id: 2}) CALL privacy.revoke(c, 'marketing')");
  EXPECT_EQ(phones(db, "marketing"), (V{"null"}));
}

// 64 MiB (the default) and 0 (nothing kept): the same answers.
INSTANTIATE_TEST_SUITE_P(Budgets, PrivacyOpenedRecords,
                         ::testing::Values(std::size_t{64} << 20, std::size_t{0}));

}  // namespace
}  // namespace guanxi
