// Database::verify, guanxi::verify and Database::statistics through the
// public API.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
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

TEST_F(MaintenanceTest, StatisticsShowEachTableItsEntriesPagesAndFill) {
  Session session = db_.session();
  session.execute("UNWIND range(1, 3000) AS i CREATE (:Customer {name: 'c' + i, i: i})");
  session.execute(
      "UNWIND range(1, 2999, 2) AS i MATCH (a:Customer {name: 'c' + i}), "
      "(b:Customer {name: 'c' + (i + 1)}) CREATE (a)-[:KNOWS {w: i}]->(b)");
  const Statistics s = db_.statistics();
  std::map<std::string, TableStatistics> by_name;
  std::uint64_t bytes = 0;
  for (std::size_t i = 0; i < s.tables.size(); ++i) {
    const TableStatistics& t = s.tables[i];
    by_name[t.name] = t;
    bytes += t.bytes;
    if (i > 0) {
      EXPECT_GE(s.tables[i - 1].bytes, t.bytes) << "largest first";
    }
    EXPECT_GT(t.entries, 0u) << t.name;
    EXPECT_GT(t.fill, 0.0) << t.name;
    EXPECT_LE(t.fill, 1.0) << t.name;
    EXPECT_EQ(t.bytes % 4096, 0u) << t.name;
  }
  EXPECT_LE(bytes, s.bytes_on_disk);
  for (const char* name : {"nodes", "edges", "out", "in", "index", "dict"})
    ASSERT_TRUE(by_name.count(name)) << name;
  EXPECT_EQ(by_name["nodes"].entries, s.nodes);
  // Records only for relationships with properties: the 1,500 made here.
  EXPECT_EQ(by_name["edges"].entries, 1500u);
  // Adjacency entries are blocks, one per (node, type) at these degrees:
  // fewer than the relationships, since a few nodes have several.
  EXPECT_LE(by_name["out"].entries, s.relationships);
  EXPECT_GE(by_name["out"].entries, 1500u);
  EXPECT_LE(by_name["in"].entries, s.relationships);
  EXPECT_GE(by_name["in"].entries, 1500u);
  // 3,004 node records written in key order: many pages, nearly full.
  EXPECT_GT(by_name["nodes"].leaf_pages, 10u);
  EXPECT_GT(by_name["nodes"].fill, 0.8);
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
