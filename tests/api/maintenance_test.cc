// Database::verify, guanxi::verify and Database::statistics through the
// public API.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "guanxi/guanxi.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

using test_support::TempDir;

class MaintenanceTest : public ::testing::Test {
 protected:
  MaintenanceTest() : db_(Database::open(dir_.path() / "db")) {
    auto session = db_.session();
    session.execute("CREATE INDEX customer_name FOR (c:Customer) ON (c.name)");
    session.execute(
        "CREATE (a:Customer {name: 'Ada'}), (b:Customer {name: 'Bo'}), (c:Customer {name: "
        "'Chen'}), (s:Shop {name: 'Corner'}), (a)-[:KNOWS]->(b), (a)-[:KNOWS]->(c), "
        "(b)-[:BOUGHT_AT]->(s)");
  }
  TempDir dir_;
  Database db_;
};

TEST_F(MaintenanceTest, VerifyFindsNoProblemInAHealthyDatabase) {
  const VerifyReport report = db_.verify();
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.problem_count, 0u);
  EXPECT_TRUE(report.problems.empty());
  EXPECT_EQ(report.nodes_checked, 4u);
  EXPECT_EQ(report.relationships_checked, 3u);
  EXPECT_EQ(report.adjacency_checked, 6u);  // each relationship in both directions
  EXPECT_EQ(report.index_entries_checked, 3u);
}

TEST_F(MaintenanceTest, VerifyOnAPathChecksTheDatabaseInIt) {
  db_.close();
  const VerifyReport report = verify((dir_.path() / "db").string());
  EXPECT_TRUE(report.ok());
  EXPECT_TRUE(report.tables_opened);
  EXPECT_EQ(report.nodes_checked, 4u);
  EXPECT_EQ(report.relationships_checked, 3u);
  EXPECT_EQ(report.index_entries_checked, 3u);
}

TEST_F(MaintenanceTest, VerifyOnAPathReportsATruncatedDataFileWithoutOpeningIt) {
  db_.close();
  const std::filesystem::path data = dir_.path() / "db" / "data.mdb";
  std::filesystem::resize_file(data, std::filesystem::file_size(data) / 2);
  // Opening refuses the file; verify reports why instead.
  EXPECT_THROW(Database::open((dir_.path() / "db").string()), Error);
  const VerifyReport report = verify((dir_.path() / "db").string());
  EXPECT_FALSE(report.ok());
  EXPECT_FALSE(report.tables_opened);
  ASSERT_FALSE(report.problems.empty());
  EXPECT_EQ(report.problems[0].table, "meta pages");
  EXPECT_NE(report.problems[0].message.find("truncated"), std::string::npos)
      << report.problems[0].message;
  EXPECT_EQ(report.nodes_checked, 0u);
}

TEST_F(MaintenanceTest, VerifyOnAMissingPathIsNotFound) {
  try {
    verify((dir_.path() / "nothing-here").string());
    FAIL() << "verify of a missing database must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
  }
}

TEST_F(MaintenanceTest, StatisticsCountLabelsTypesDegreesAndIndexes) {
  const Statistics s = db_.statistics();
  EXPECT_EQ(s.nodes, 4u);
  EXPECT_EQ(s.relationships, 3u);
  ASSERT_EQ(s.labels.size(), 2u);
  EXPECT_EQ(s.labels[0], (std::pair<std::string, std::uint64_t>{"Customer", 3}));
  EXPECT_EQ(s.labels[1], (std::pair<std::string, std::uint64_t>{"Shop", 1}));
  ASSERT_EQ(s.types.size(), 2u);
  EXPECT_EQ(s.types[0], (std::pair<std::string, std::uint64_t>{"KNOWS", 2}));
  EXPECT_EQ(s.types[1], (std::pair<std::string, std::uint64_t>{"BOUGHT_AT", 1}));
  ASSERT_EQ(s.indexes.size(), 1u);
  EXPECT_NE(s.indexes[0].find(":Customer(name)"), std::string::npos) << s.indexes[0];
  EXPECT_EQ(s.out_degree.max, 2u);
  EXPECT_EQ(s.out_degree.min, 0u);
  EXPECT_DOUBLE_EQ(s.out_degree.mean, 0.75);
  EXPECT_EQ(s.in_degree.max, 1u);
  EXPECT_GT(s.bytes_on_disk, 0u);
}

TEST_F(MaintenanceTest, AClosedDatabaseRefusesBoth) {
  db_.close();
  try {
    db_.verify();
    FAIL() << "verify on a closed database must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kClosed);
  }
  EXPECT_THROW(db_.statistics(), Error);
}

}  // namespace
}  // namespace guanxi
