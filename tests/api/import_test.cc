// guanxi::import and Database::import: the CSV files of tests/data/import
// through the public API, the summary they give, and a bad row that names
// file:line and changes nothing; the options that keep a real export from
// being lost or imported twice, on files the test writes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
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
  // The Person group's id property is indexed; companies have no group label.
  EXPECT_EQ(summary.created_indexes, std::vector<std::string>{"index_Person_personId"});

  auto db = Database::open(path);
  EXPECT_EQ(count(db, "MATCH (p:Person) RETURN count(p)"), 3);
  auto session = db.session();
  Result explained = session.query("EXPLAIN MATCH (p:Person {personId: 2}) RETURN p");
  ASSERT_NE(explained.plan(), nullptr);
  const std::string plan = explained.plan()->to_string();
  EXPECT_NE(plan.find("NodeIndexSeek p:Person(personId = 2)"), std::string::npos) << plan;
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

// Writes `bytes` to `path`.
void write(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

TEST(ImportTest, SafetyOptionsAndTheirSummary) {
  TempDir dir;
  const std::string path = dir.path() / "db";
  // A UTF-8 BOM as Excel writes it, and GBK bytes for 张伟 (D5C5 CEB0).
  write(dir.path() / "customers.csv",
        "\xEF\xBB\xBF"
        "customer_id:ID(Customer),name\nC001,Ann\nC002,Bo\n");
  write(dir.path() / "gbk.csv", "customer_id:ID(Customer),name\nC003,\xD5\xC5\xCE\xB0\n");
  write(dir.path() / "anonymous.csv", "name\nNobody\n");
  write(dir.path() / "referred.csv", ":START_ID(Customer),:END_ID(Customer)\nC001,C002\n");

  ImportOptions first;
  first.nodes = {{"Customer", {dir.path() / "customers.csv"}, {}}};
  first.relationships = {{"REFERRED", {dir.path() / "referred.csv"}, {}}};
  import(path, first);

  ImportOptions gbk;
  gbk.nodes = {{"Customer", {dir.path() / "gbk.csv"}, {}}};
  gbk.encoding = ImportEncoding::kGbk;
  import(path, gbk);

  ImportOptions anonymous;
  anonymous.nodes = {{"Ghost", {dir.path() / "anonymous.csv"}, {}}};
  try {
    import(path, anonymous);
    FAIL() << "a nodes file without :ID must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kStorage);
    EXPECT_NE(std::string(e.what()).find("anonymous.csv:1: a nodes file without an :ID column"),
              std::string::npos)
        << e.what();
  }
  anonymous.allow_nodes_without_id = true;
  EXPECT_EQ(import(path, anonymous).nodes, 1u);

  ImportOptions again = first;
  const ImportSummary warned = [&] {
    ImportOptions relationships_only;
    relationships_only.relationships = first.relationships;
    return import(path, relationships_only);
  }();
  EXPECT_EQ(warned.relationships, 1u);
  EXPECT_EQ(warned.duplicate_relationships, 1u);
  again.skip_duplicate_nodes = true;
  again.skip_duplicate_relationships = true;
  const ImportSummary skipped = import(path, again);
  EXPECT_EQ(skipped.nodes, 0u);
  EXPECT_EQ(skipped.skipped_nodes, 2u);
  EXPECT_EQ(skipped.relationships, 0u);
  EXPECT_EQ(skipped.skipped_relationships, 1u);
  EXPECT_TRUE(skipped.warnings.empty());

  auto db = Database::open(path);
  auto session = db.session();
  EXPECT_EQ(session.query("MATCH (c:Customer {customer_id: 'C001'}) RETURN c.name")
                .all()
                .at(0)[0]
                .as_string(),
            "Ann");
  EXPECT_EQ(session.query("MATCH (c:Customer {customer_id: 'C003'}) RETURN c.name")
                .all()
                .at(0)[0]
                .as_string(),
            "张伟");
  EXPECT_EQ(count(db, "MATCH (n) RETURN count(n)"), 4);
  EXPECT_EQ(count(db, "MATCH ()-[r]->() RETURN count(r)"), 2);
}

}  // namespace
}  // namespace guanxi
