// guanxi::compact: a database rewritten into a data file of its live pages.
// The data file never shrinks by itself, and LMDB leaves freed pages as they
// were until a later write reuses them: the room of deleted customers, and
// the values written in the clear before a tag covered them, stay in it (and
// the CREATE TAG that sealed them says so).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "guanxi/guanxi.h"
#include "tests/support/file_bytes.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

namespace fs = std::filesystem;
using test_support::read_file;
using test_support::TempDir;

constexpr int kCustomers = 3000;

std::size_t count_of(const std::string& bytes, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = bytes.find(needle); at != std::string::npos;
       at = bytes.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

class CompactionTest : public ::testing::Test {
 protected:
  // kCustomers customers written in the clear, then their e-mail addresses
  // tagged, so that CREATE TAG seals them in new pages.
  void make_tagged_after_writing() {
    Database db = Database::open(path_);
    Session admin = db.session({.user = "admin"});
    admin.execute(
        "UNWIND range(0, $n - 1) AS i CREATE (:Customer {cid: i, name: '客户' + toString(i), "
        "email: 'secret' + toString(1000000 + i) + '@mail.example'})",
        {{"n", kCustomers}});
    admin.execute("CREATE INDEX customer_cid FOR (c:Customer) ON (c.cid)");
    admin.execute(
        "MATCH (a:Customer), (b:Customer) WHERE b.cid = (a.cid * 7 + 1) % $n "
        "CREATE (a)-[:KNOWS {since: a.cid}]->(b)",
        {{"n", kCustomers}});
    admin.execute("CREATE TAG pii ON :Customer(email) MASK redact");
    admin.execute("CREATE PURPOSE service BASIS contract");
    admin.execute("ALLOW service READ pii");
  }

  std::string data_file() const { return read_file(fs::path(path_) / "data.mdb"); }

  TempDir dir_;
  const std::string path_ = (dir_.path() / "db").string();
};

TEST_F(CompactionTest, ValuesWrittenBeforeATagLeaveTheFileAndStayReadable) {
  make_tagged_after_writing();
  // What compact is for: without it, every address written before the tag
  // is still in the file (all 3,000 when measured).
  ASSERT_GT(count_of(data_file(), "@mail.example"), 0u);

  const CompactReport report = compact(path_);
  EXPECT_EQ(report.nodes, static_cast<std::uint64_t>(kCustomers));
  EXPECT_EQ(report.relationships, static_cast<std::uint64_t>(kCustomers));
  EXPECT_LT(report.bytes_after, report.bytes_before);
  EXPECT_EQ(report.bytes_after, fs::file_size(fs::path(path_) / "data.mdb"));

  const std::string bytes = data_file();
  EXPECT_EQ(count_of(bytes, "@mail.example"), 0u);
  EXPECT_NE(bytes.find("客户2999"), std::string::npos) << "untagged values stay as they are";

  Database db = Database::open(path_);
  EXPECT_TRUE(db.verify().ok());
  Session service = db.session({.purpose = "service", .user = "alice"});
  const auto rows = service
                        .query(
                            "MATCH (a:Customer {cid: 5})-[r:KNOWS]->(b) "
                            "RETURN a.email AS e, r.since AS s, b.cid AS b")
                        .all();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["e"].as_string(), "secret1000005@mail.example");
  EXPECT_EQ(rows[0]["s"].as_int(), 5);
  EXPECT_EQ(rows[0]["b"].as_int(), 36);
  Session anyone = db.session();
  EXPECT_EQ(
      anyone.query("MATCH (c:Customer {cid: 5}) RETURN c.email AS e").all()[0]["e"].as_string(),
      "***");
}

TEST(ClearCopiesNotification, ATagOverWrittenValuesSaysHowManyItSealedAndNoValue) {
  TempDir dir;
  Database db = Database::open(dir.path() / "db");
  Session s = db.session();
  s.execute(
      "CREATE (:Customer {name: '王芳', email: 'wang@mail.example'}), "
      "(:Customer {name: '李娜', email: 'li@mail.example'})-[:PAID {amount: 12.5}]->"
      "(:Customer {name: 'Ada'})");

  Result tagged = s.query("CREATE TAG pii ON :Customer(email) MASK redact");
  ASSERT_EQ(tagged.notifications().size(), 1u);
  const Notification& n = tagged.notifications()[0];
  EXPECT_EQ(n.code, Notification::Code::kClearCopiesRemain);
  EXPECT_STREQ(notification_code_name(n.code), "clear-copies-remain");
  EXPECT_EQ(n.name, "pii");
  EXPECT_EQ(n.to_string(),
            "tag 'pii' sealed the values of 2 nodes written before it; their earlier copies stay "
            "in the clear in free pages of the data file until 'guanxi compact' rewrites it");

  // Relationships say so too; inside an explicit transaction as well.
  s.execute("BEGIN");
  Result paid = s.query("CREATE TAG money ON :PAID(amount) MASK null");
  ASSERT_EQ(paid.notifications().size(), 1u);
  EXPECT_NE(paid.notifications()[0].message.find("1 relationship written"), std::string::npos)
      << paid.notifications()[0].message;
  s.execute("COMMIT");

  // Nothing written before: nothing to say.
  EXPECT_TRUE(s.query("CREATE TAG phone ON :Customer(phone) MASK redact").notifications().empty());
  EXPECT_TRUE(s.query("CREATE TAG notes ON :Lead(note) MASK redact").notifications().empty());
}

TEST_F(CompactionTest, TheRoomOfDeletedCustomersComesBackAndTheRestIsKept) {
  make_tagged_after_writing();
  {
    Database db = Database::open(path_);
    db.session().execute("MATCH (c:Customer) WHERE c.cid >= 300 DETACH DELETE c");
  }
  const std::uint64_t before = fs::file_size(fs::path(path_) / "data.mdb");
  const CompactReport report = compact(path_);
  EXPECT_EQ(report.bytes_before, before);
  EXPECT_EQ(report.nodes, 300u);
  // A tenth of the customers are left; the file takes less than half.
  EXPECT_LT(report.bytes_after * 2, before);

  Database db = Database::open(path_);
  EXPECT_TRUE(db.verify().ok());
  Session s = db.session();
  EXPECT_EQ(s.query("MATCH (c:Customer) RETURN count(c) AS n").all()[0]["n"].as_int(), 300);
  // The index came along, and the database takes writes as before.
  Result explained = s.query("EXPLAIN MATCH (c:Customer {cid: 7}) RETURN c");
  ASSERT_NE(explained.plan(), nullptr);
  EXPECT_NE(explained.plan()->to_string().find("NodeIndexSeek"), std::string::npos);
  s.execute("CREATE (:Customer {cid: 5000, name: '新客户'})");
  EXPECT_EQ(s.query("MATCH (c:Customer {cid: 5000}) RETURN c.name AS n").all()[0]["n"].as_string(),
            "新客户");
}

TEST_F(CompactionTest, AnOpenDatabaseIsRefusedAndLeftAsItWas) {
  make_tagged_after_writing();
  const std::string before = data_file();
  Database db = Database::open(path_);
  try {
    compact(path_);
    FAIL() << "compacted a database open in this process";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find("open (in another process, or in this one)"),
              std::string::npos)
        << e.what();
  }
  db.close();
  EXPECT_EQ(data_file(), before);
  for (const auto& entry : fs::directory_iterator(dir_.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".db.compact"), std::string::npos)
        << "a staging directory was left: " << entry.path();
  }
}

TEST_F(CompactionTest, ADamagedDataFileIsRefusedAndLeftAsItWas) {
  make_tagged_after_writing();
  const fs::path data = fs::path(path_) / "data.mdb";
  fs::resize_file(data, fs::file_size(data) / 2);
  const std::string before = data_file();
  try {
    compact(path_);
    FAIL() << "compacted a truncated data file";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kStorage) << e.what();
  }
  EXPECT_EQ(data_file(), before);
}

TEST_F(CompactionTest, NothingThereIsNotFoundAndAForeignDirectoryIsRefused) {
  try {
    compact(path_);
    FAIL() << "compacted nothing";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound) << e.what();
  }
  make_tagged_after_writing();
  test_support::write_file(fs::path(path_) / "notes.txt", "mine");
  try {
    compact(path_);
    FAIL() << "replaced a directory holding another file";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument) << e.what();
  }
  EXPECT_EQ(read_file(fs::path(path_) / "notes.txt"), "mine");
}

}  // namespace
}  // namespace guanxi
