// The bulk writers, which put records past the graph's own writes (an import
// and a dump load), seal the values a tag covers before the records reach a
// page. Written in the clear and sealed later in the same transaction, a
// tagged value left copies in the free space of the pages it moved out of:
// the whole data file is searched here, not only the live records.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "guanxi/guanxi.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

namespace fs = std::filesystem;
using test_support::TempDir;

// Enough rows that the earlier write-then-seal left copies behind (12 of 200
// e-mail addresses, 123 of these 2,000, in data.mdb).
constexpr int kCustomers = 2000;

std::string file_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string email(int i) { return "secret" + std::to_string(1000000 + i) + "@mail.example"; }
std::string note(int i) { return "memo" + std::to_string(1000000 + i) + "xyz"; }

class PrivacyBulkWrite : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream customers(customers_);
    customers << "cid:ID(Customer),email,name\n";
    for (int i = 0; i < kCustomers; ++i) customers << i << ',' << email(i) << ",客户" << i << '\n';
    std::ofstream knows(knows_);
    knows << ":START_ID(Customer),:END_ID(Customer),note\n";
    for (int i = 0; i < kCustomers; ++i)
      knows << i << ',' << (i * 7 + 1) % kCustomers << ',' << note(i) << '\n';
  }

  static void tag(Database& db) {
    Session admin = db.session({.user = "admin"});
    admin.execute("CREATE TAG pii ON :Customer(email) MASK redact");
    admin.execute("CREATE TAG notes ON :KNOWS(note) MASK redact");
    admin.execute("CREATE PURPOSE service BASIS contract");
    admin.execute("ALLOW service READ pii");
    admin.execute("ALLOW service READ notes");
  }

  ImportOptions import_options() const {
    ImportOptions options;
    options.nodes = {{"Customer", {customers_.string()}, {}}};
    options.relationships = {{"KNOWS", {knows_.string()}, {}}};
    return options;
  }

  // No e-mail address and no note anywhere in `db`'s data file, live or free.
  // The markers are long enough that sealed bytes never hold them by chance: a
  // three-letter one turned up in 8 of 600 files, always amid sealed bytes.
  static void expect_no_tagged_value_in(const fs::path& db) {
    const std::string bytes = file_bytes(db / "data.mdb");
    ASSERT_FALSE(bytes.empty());
    const std::size_t address = bytes.find("@mail.example"), memo = bytes.find("memo100");
    EXPECT_EQ(address, std::string::npos) << "an e-mail address in the clear at byte " << address;
    EXPECT_EQ(memo, std::string::npos) << "a note in the clear at byte " << memo;
    EXPECT_NE(bytes.find("客户1999"), std::string::npos) << "untagged values stay as they are";
  }

  // A session allowed to read them reads the values as imported.
  static void expect_values_open(Database& db) {
    Session s = db.session({.purpose = "service", .user = "alice"});
    const auto rows = s.query(
                           "MATCH (a:Customer {cid: 5})-[r:KNOWS]->(b:Customer) "
                           "RETURN a.email AS e, r.note AS n, b.email AS be")
                          .all();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0]["e"].as_string(), email(5));
    EXPECT_EQ(rows[0]["n"].as_string(), note(5));
    EXPECT_EQ(rows[0]["be"].as_string(), email(36));
  }

  TempDir dir_;
  const fs::path customers_ = dir_.path() / "customers.csv";
  const fs::path knows_ = dir_.path() / "knows.csv";
};

TEST_F(PrivacyBulkWrite, AnImportUnderATagLeavesNoValueInTheDataFile) {
  const fs::path path = dir_.path() / "db";
  {
    Database db = Database::open(path);
    tag(db);
    const ImportSummary report = db.import(import_options());
    EXPECT_EQ(report.nodes, static_cast<std::uint64_t>(kCustomers));
    EXPECT_EQ(report.relationships, static_cast<std::uint64_t>(kCustomers));
    expect_values_open(db);
  }
  expect_no_tagged_value_in(path);
}

TEST_F(PrivacyBulkWrite, ALoadedDumpsTagsSealItsValuesAsTheyAreWritten) {
  // A dump of an untagged database, with the tags its schema section would
  // carry: a dump states its tags before its rows.
  std::ostringstream dump;
  {
    Database plain = Database::open(dir_.path() / "plain");
    plain.import(import_options());
    plain.dump(dump);
  }
  std::string text = dump.str();
  const std::size_t rows = text.find("UNWIND");
  ASSERT_NE(rows, std::string::npos);
  text.insert(rows,
              "CREATE TAG pii ON :Customer(email) MASK redact;\n"
              "CREATE TAG notes ON :KNOWS(note) MASK redact;\n"
              "CREATE PURPOSE service BASIS contract;\n"
              "ALLOW service READ pii;\n"
              "ALLOW service READ notes;\n");
  const fs::path path = dir_.path() / "loaded";
  {
    Database db = Database::open(path);
    std::istringstream in(text);
    const LoadReport report = db.load(in, "customers.cypher");
    EXPECT_EQ(report.nodes, static_cast<std::uint64_t>(kCustomers));
    expect_values_open(db);
  }
  expect_no_tagged_value_in(path);
}

}  // namespace
}  // namespace guanxi
