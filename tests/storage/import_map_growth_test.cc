// An import into an existing database grows the map like any write: the
// database is reopened with the smallest map LMDB allows (the pages in use),
// so the import's first new page fills it.
#include <gtest/gtest.h>

#include <filesystem>

#include "storage/bulk_import.h"
#include "storage/graph.h"
#include "storage/integrity_check.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_data.h"

namespace guanxi::storage {
namespace {

namespace fs = std::filesystem;

TEST(ImportMapGrowth, AnImportIntoAnExistingDatabaseGrowsASmallMap) {
  const fs::path data = guanxi::test_support::test_data_path("ldbc-sf01-people");
  ASSERT_TRUE(fs::exists(data / "Person.csv.zst")) << data;
  test_support::TempDir dir;
  const fs::path db = dir.path() / "db";
  EnvironmentOptions options;
  options.durable = false;
  {
    auto graph = Graph::open(db, options);
    graph->write([&](WriteTransaction& txn) { graph->create_node(txn, {}, {}); });
  }
  options.initial_map_size = 1;
  auto graph = Graph::open(db, options);
  const std::size_t map_before = graph->env().map_size();
  ImportOptions import;
  import.delimiter = '|';
  const ImportReport report =
      bulk_import(*graph, {{"Person", {data / "Person.csv.zst"}}, {"Tag", {data / "Tag.csv.zst"}}},
                  {{"HAS_INTEREST", {data / "Person_hasInterest_Tag.csv.zst"}}}, import);
  EXPECT_GT(report.nodes, 1000u);
  EXPECT_GT(graph->env().map_size(), map_before);
  ReadTransaction txn = graph->read();
  EXPECT_EQ(graph->counters().node_count(txn), report.nodes + 1);
  EXPECT_TRUE(check_integrity(*graph).ok());
}

}  // namespace
}  // namespace guanxi::storage
