// The logical dump and its loader through the public API: dump to a stream
// and to a file, load from a file, a stream and by path, with the same
// answers after the round trip; a bad statement names file:line and changes
// nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "guanxi/guanxi.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

using test_support::TempDir;

std::vector<std::string> answers(Database& db) {
  auto session = db.session();
  std::vector<std::string> out;
  for (const Row& row : session.query(
           "MATCH (a:Customer)-[k:KNOWS]->(b) RETURN a.name, a.born, k.since, b.name ORDER BY "
           "a.name, b.name")) {
    std::string line;
    for (const Value& v : row) line += v.to_string() + " ";
    out.push_back(line);
  }
  return out;
}

class DumpTest : public ::testing::Test {
 protected:
  DumpTest() : db_(Database::open(dir_.path() / "db")) {
    auto session = db_.session();
    session.execute("CREATE CONSTRAINT customer_name FOR (c:Customer) REQUIRE c.name IS UNIQUE");
    session.execute(
        "CREATE (a:Customer {name: 'Ada', born: date('1815-12-10'), tags: ['math', 'poetry']}), "
        "(b:Customer {name: 'Bo \\'the builder\\''}), (c:Customer:Vip {name: 'Chen'}), "
        "(a)-[:KNOWS {since: 2001}]->(b), (b)-[:KNOWS]->(c), (a)-[:KNOWS {since: 2010}]->(c)");
  }
  std::string file(const std::string& name) const { return dir_.path() / name; }
  TempDir dir_;
  Database db_;
};

TEST_F(DumpTest, DumpToAStreamThenLoadGivesTheSameGraph) {
  std::ostringstream out;
  const DumpReport report = db_.dump(out);
  EXPECT_EQ(report.nodes, 3u);
  EXPECT_EQ(report.relationships, 3u);
  EXPECT_EQ(report.indexes, 1u);
  EXPECT_EQ(report.bytes, out.str().size());

  auto copy = Database::open(file("copy"));
  std::istringstream in(out.str());
  const LoadReport loaded = copy.load(in, "memory.cypher");
  EXPECT_EQ(loaded.nodes, 3u);
  EXPECT_EQ(loaded.relationships, 3u);
  EXPECT_EQ(loaded.indexes, 1u);
  EXPECT_EQ(answers(copy), answers(db_));
  EXPECT_EQ(copy.statistics().indexes, db_.statistics().indexes);

  // The same database always gives the same text.
  std::ostringstream again;
  copy.dump(again);
  EXPECT_EQ(again.str(), out.str());
}

TEST_F(DumpTest, DumpToAFileThenLoadByPath) {
  std::uint64_t progress_calls = 0;
  DumpOptions options;
  options.progress = [&](const DumpProgress&) { ++progress_calls; };
  db_.dump_to_file(file("db.cypher"), options);
  EXPECT_GT(progress_calls, 0u);
  try {
    db_.dump_to_file(file("db.cypher"));
    FAIL() << "a dump over an existing file must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument) << e.what();
  }
  DumpOptions overwrite;
  overwrite.overwrite = true;
  EXPECT_NO_THROW(db_.dump_to_file(file("db.cypher"), overwrite));

  const LoadReport loaded = load(file("loaded"), file("db.cypher"));
  EXPECT_EQ(loaded.nodes, 3u);
  auto copy = Database::open(file("loaded"));
  EXPECT_EQ(answers(copy), answers(db_));
  EXPECT_TRUE(copy.verify().ok());
}

TEST_F(DumpTest, ABadStatementNamesFileAndLineAndChangesNothing) {
  std::ostringstream out;
  db_.dump(out);
  const std::string text = out.str();
  std::ofstream(file("bad.cypher")) << text << "RETURN 1;\n";
  const auto lines = std::count(text.begin(), text.end(), '\n');
  try {
    load(file("fresh"), file("bad.cypher"));
    FAIL() << "a statement that is not part of a dump must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kStorage);
    const std::string where = "bad.cypher:" + std::to_string(lines + 1);
    EXPECT_NE(std::string(e.what()).find(where), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(file("fresh")));

  auto existing = Database::open(file("existing"));
  existing.session().execute("CREATE (:Customer {name: 'Zed'})");
  EXPECT_THROW(existing.load(file("bad.cypher")), Error);
  EXPECT_EQ(existing.statistics().nodes, 1u);
}

}  // namespace
}  // namespace guanxi
