// Dump and load: a dump is stable text that loads back into the same graph
// (dump -> load -> dump gives identical text), runs as a plain Cypher script
// to the same result, reads values through the session's PropertyReader, and
// a bad dump changes nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "exchange/dump.h"
#include "exchange/dump_format.h"
#include "exchange/load.h"
#include "query/engine.h"
#include "storage/integrity_check.h"
#include "tests/exchange/run_statement.h"
#include "tests/support/file_bytes.h"
#include "tests/support/temp_dir.h"
#include "tests/support/temp_graph.h"

namespace guanxi::exchange {
namespace {

namespace fs = std::filesystem;
using test_support::TempDir;
using test_support::TempGraph;
using test_support::write_file;
using testing::run;

std::string dump(storage::Graph& graph, std::size_t batch_size = 1000) {
  std::string text;
  DumpOptions options;
  options.batch_size = batch_size;
  dump_database(
      graph, [&](std::string_view piece) { text += piece; }, options);
  return text;
}

class DumpLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_.path());
    run(*g_, "CREATE INDEX customer_city FOR (c:Customer) ON (c.city)");
    run(*g_, "CREATE CONSTRAINT FOR (c:Customer) REQUIRE c.id IS UNIQUE");
    run(*g_,
        "CREATE (a:Customer {id: 1, name: '王小明', city: '上海', tags: ['茶', 'tea'], "
        "since: date('2020-05-01'), big: 9223372036854775807}), "
        "(b:Customer {id: 2, name: 'Ada', city: 'Berlin', score: 0.1}), "
        "(c:Customer:VIP {id: 3}), (d:`标签` {`odd key`: 'x'}), (e), "
        "(a)-[:KNOWS {since: 2019}]->(b), (b)-[:KNOWS]->(a), (a)-[:KNOWS]->(a), "
        "(b)-[:REFERRED]->(c), (e)-[:`关系`]->(d)");
    // A deleted node leaves a gap in the ids; the dump numbers nodes densely.
    run(*g_, "CREATE (:Gone)");
    run(*g_, "MATCH (g:Gone) DELETE g");
    run(*g_, "CREATE (:Customer {id: 4, name: 'after the gap'})");
  }

  TempDir dir_;
  TempGraph g_;
};

TEST_F(DumpLoadTest, RoundTripGivesTheSameText) {
  const std::string one = dump(*g_);
  EXPECT_EQ(one.rfind(std::string(kDumpFirstLine) + ": 6 nodes, 5 relationships", 0), 0u) << one;
  write_file(dir_.path() / "one.cypher", one);
  TempGraph loaded;
  const LoadReport report = load_dump(*loaded, dir_.path() / "one.cypher");
  EXPECT_EQ(report.nodes, 6u);
  EXPECT_EQ(report.relationships, 5u);
  EXPECT_EQ(report.indexes, 2u);
  EXPECT_EQ(dump(*loaded), one);
  EXPECT_TRUE(storage::check_integrity(*loaded).ok());
  // A dump is the same whatever the batch size (apart from how rows are split).
  TempGraph small_batches;
  write_file(dir_.path() / "small.cypher", dump(*g_, 2));
  load_dump(*small_batches, dir_.path() / "small.cypher");
  EXPECT_EQ(dump(*small_batches), one);
}

TEST_F(DumpLoadTest, TheDumpRunsAsAPlainScript) {
  const std::string one = dump(*g_);
  TempGraph scripted;
  // Statements end with ";\n"; run them one at a time as the shell's -f does.
  std::size_t start = 0;
  for (std::size_t end = one.find(";\n"); end != std::string::npos; end = one.find(";\n", start)) {
    run(*scripted, one.substr(start, end - start));  // the first one starts with comments
    start = end + 2;
  }
  EXPECT_EQ(dump(*scripted), one);
}

TEST_F(DumpLoadTest, LoadAddsToAnExistingDatabaseAndKeepsItsIndexes) {
  const std::string one = dump(*g_);
  write_file(dir_.path() / "one.cypher", one);
  TempGraph target;
  run(*target, "CREATE CONSTRAINT FOR (c:Customer) REQUIRE c.id IS UNIQUE");
  run(*target, "CREATE (:Customer {id: 100})");
  load_dump(*target, dir_.path() / "one.cypher");
  EXPECT_TRUE(storage::check_integrity(*target).ok());
  // Loading the same customers again breaks the unique constraint: nothing changes.
  const std::string before = dump(*target);
  EXPECT_THROW(load_dump(*target, dir_.path() / "one.cypher"), storage::StorageError);
  EXPECT_EQ(dump(*target), before);
}

TEST_F(DumpLoadTest, ABadStatementNamesItsLineAndChangesNothing) {
  std::string text = dump(*g_);
  const std::size_t at = text.find("UNWIND");
  text.insert(at, "CREATE (:Oops);\n");
  write_file(dir_.path() / "bad.cypher", text);
  TempGraph target;
  try {
    load_dump(*target, dir_.path() / "bad.cypher");
    FAIL() << "no error";
  } catch (const storage::StorageError& e) {
    EXPECT_EQ(e.code(), storage::ErrorCode::kImport);
    const std::string expected =
        "bad.cypher:" +
        std::to_string(
            std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1) +
        ": not a statement of a Guanxi dump";
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
  }
  EXPECT_EQ(target->counters().node_count(target->read()), 0u);
  write_file(dir_.path() / "script.cypher", "MATCH (n) RETURN n;\n");
  EXPECT_THROW(load_dump(*target, dir_.path() / "script.cypher"), storage::StorageError);
}

}  // namespace
}  // namespace guanxi::exchange
