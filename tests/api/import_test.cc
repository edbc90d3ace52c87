// guanxi::import and Database::import: the CSV files of tests/data/import
// through the public API, the summary they give, and a bad row that names
// file:line and changes nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "guanxi/guanxi.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

using test_support::TempDir;

std::string data(const std::string& name) {
  return std::string(GUANXI_TEST_DATA) + "/import/" + name;
}

ImportOptions people() {
  ImportOptions options;
  options.nodes = {{"Person", {data("persons.csv")}, {}}, {"", {data("companies.csv")}, {}}};
  options.relationships = {{"KNOWS", {data("knows.csv")}, {}},
                           {"WORKS_AT", {data("works_at.csv")}, {}}};
  return options;
}

std::int64_t count(Database& db, const std::string& query) {
  auto session = db.session();
  return session.query(query).all().at(0)[0].as_int();
}

TEST(ImportTest, ImportsNodesAndRelationshipsIntoANewDatabase) {
  TempDir dir;
  const std::string path = dir.path() / "db";
  std::vector<std::string> phases;
  ImportOptions options = people();
  options.progress = [&](const ImportProgress& p) { phases.push_back(p.phase); };
  const ImportSummary summary = import(path, options);
  EXPECT_EQ(summary.nodes, 5u);
  EXPECT_EQ(summary.relationships, 6u);
  EXPECT_EQ(summary.nodes_by_label.at("Person"), 3u);
  EXPECT_EQ(summary.relationships_by_type.at("KNOWS"), 3u);
  EXPECT_EQ(summary.relationships_by_type.at("CONSULTS_FOR"), 1u);
  ASSERT_FALSE(phases.empty());
  EXPECT_EQ(phases.back(), "done");

  auto db = Database::open(path);
  EXPECT_EQ(count(db, "MATCH (p:Person) RETURN count(p)"), 3);
  EXPECT_EQ(count(db, "MATCH (:Person {name: 'Ada, Countess'})-[:KNOWS]->(p) RETURN count(p)"), 2);
  EXPECT_EQ(count(db, "MATCH (p:Person)-[:WORKS_AT]->(c {name: 'Acme'}) RETURN count(p)"), 2);
}

TEST(ImportTest, ImportsIntoAnOpenDatabaseWhileSessionsExist) {
  TempDir dir;
  auto db = Database::open(dir.path() / "db");
  auto session = db.session();
  session.execute("CREATE (:Person {name: 'Zed'})");
  ImportOptions options;
  options.nodes = {{"Person", {data("persons.csv")}, {}}};
  options.relationships = {{"KNOWS", {data("knows.csv")}, {}}};
  const ImportSummary summary = db.import(options);
  EXPECT_EQ(summary.nodes, 3u);
  EXPECT_EQ(summary.relationships, 3u);
  EXPECT_EQ(session.query("MATCH (p:Person) RETURN count(p)").all().at(0)[0].as_int(), 4);
}

TEST(ImportTest, ABadRowNamesFileAndLineAndChangesNothing) {
  TempDir dir;
  const std::string path = dir.path() / "db";
  import(path, people());
  ImportOptions bad;
  bad.nodes = {{"Person", {data("persons_more.csv"), data("bad_int.csv")}, {}}};
  try {
    import(path, bad);
    FAIL() << "a bad row must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kStorage);
    EXPECT_NE(std::string(e.what()).find("bad_int.csv:3"), std::string::npos) << e.what();
  }
  auto db = Database::open(path);
  EXPECT_EQ(count(db, "MATCH (n) RETURN count(n)"), 5);
  EXPECT_EQ(count(db, "MATCH ()-[r]->() RETURN count(r)"), 6);
}

TEST(ImportTest, AFailedImportRemovesTheDatabaseItCreated) {
  TempDir dir;
  const std::string path = dir.path() / "fresh";
  ImportOptions bad;
  bad.nodes = {{"Person", {data("bad_date.csv")}, {}}};
  EXPECT_THROW(import(path, bad), Error);
  EXPECT_FALSE(std::filesystem::exists(path));

  ImportOptions missing;
  missing.nodes = {{"Person", {data("no_such_file.csv")}, {}}};
  try {
    import(path, missing);
    FAIL() << "a missing file must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
    EXPECT_NE(std::string(e.what()).find("no_such_file.csv"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(ImportTest, NothingToImportIsAnInvalidArgument) {
  TempDir dir;
  const std::string path = dir.path() / "db";
  try {
    import(path, ImportOptions{});
    FAIL() << "an import without files must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(ImportTest, AReadOnlyDatabaseRefusesAnImport) {
  TempDir dir;
  const std::string path = dir.path() / "db";
  import(path, people());
  Options options;
  options.read_only = true;
  auto db = Database::open(path, options);
  try {
    db.import(people());
    FAIL() << "an import into a read-only database must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kReadOnly) << e.what();
  }
}

}  // namespace
}  // namespace guanxi
