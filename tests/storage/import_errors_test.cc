// Imports that fail: each names the file, the line and the reason, and
// leaves the database exactly as it was.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "storage/bulk_import.h"
#include "tests/storage/import_fixtures.h"
#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

namespace fs = std::filesystem;
using test_support::import_small_graph;
using test_support::TempGraph;

fs::path fixture(const std::string& name) { return test_support::import_fixture(name); }

// Every key and value of every table, for byte-for-byte comparisons.
using Dump = std::map<std::string, std::vector<std::pair<std::string, std::string>>>;

Dump dump(Graph& graph) {
  Dump out;
  auto txn = graph.read();
  const Dbis& d = graph.env().dbi();
  const std::pair<const char*, MDB_dbi> tables[] = {
      {"meta", d.meta},           {"dict", d.dict},   {"nodes", d.nodes},
      {"edges", d.relationships}, {"out", d.out},     {"in", d.in},
      {"postings", d.postings},   {"index", d.index}, {"idspace", d.id_spaces}};
  for (const auto& [name, dbi] : tables) {
    auto& rows = out[name];
    MDB_cursor* cur;
    EXPECT_EQ(mdb_cursor_open(txn.raw(), dbi, &cur), MDB_SUCCESS);
    MDB_val k, v;
    for (int rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == MDB_SUCCESS;
         rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
      rows.emplace_back(std::string(from_val(k)), std::string(from_val(v)));
    }
    mdb_cursor_close(cur);
  }
  return out;
}

struct BadCase {
  const char* name;
  std::vector<const char*> node_files;          // group "Person"
  std::vector<const char*> relationship_files;  // group "KNOWS"
  ErrorCode code;
  std::string message;  // "{f}" stands for the first failing file's path
  const char* failing;
};

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

// A named function rather than a lambda: gtest's macro would make any lambda
// parameter shadow its own.
std::string case_name(const ::testing::TestParamInfo<BadCase>& test_case) {
  return test_case.param.name;
}

class BadImport : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadImport, ReportsFileLineReasonAndChangesNothing) {
  const BadCase& c = GetParam();
  TempGraph graph;
  import_small_graph(*graph);
  const Dump before = dump(*graph);
  std::vector<ImportGroup> nodes, relationships;
  if (!c.node_files.empty()) nodes.push_back({"Person", {}});
  for (const char* f : c.node_files) nodes[0].files.push_back(fixture(f));
  if (!c.relationship_files.empty()) relationships.push_back({"KNOWS", {}});
  for (const char* f : c.relationship_files) relationships[0].files.push_back(fixture(f));
  std::string expected = c.message;
  expected.replace(expected.find("{f}"), 3, fixture(c.failing).string());
  if (auto at = expected.find("{f}"); at != std::string::npos) {
    expected.replace(at, 3, fixture(c.failing).string());
  }
  try {
    bulk_import(*graph, nodes, relationships);
    FAIL() << "expected an error";
  } catch (const StorageError& e) {
    EXPECT_EQ(e.code(), c.code);
    EXPECT_EQ(std::string(e.what()), expected);
  }
  EXPECT_TRUE(dump(*graph) == before) << "the database changed";
  auto txn = graph->read();
  EXPECT_EQ(graph->counters().node_count(txn), 7u);
  EXPECT_EQ(graph->counters().relationship_count(txn), 8u);
}

INSTANTIATE_TEST_SUITE_P(
    EachKind, BadImport,
    ::testing::Values(BadCase{"WrongColumnCount",
                              {"persons_more.csv", "bad_columns.csv"},
                              {},
                              ErrorCode::kImport,
                              "{f}:3: expected 2 fields, found 3",
                              "bad_columns.csv"},
                      BadCase{"UnparsableInt",
                              {"bad_int.csv"},
                              {},
                              ErrorCode::kImport,
                              "{f}:3: column 'age:int': 'abc' is not an integer",
                              "bad_int.csv"},
                      BadCase{"BadDate",
                              {"bad_date.csv"},
                              {},
                              ErrorCode::kImport,
                              "{f}:2: column 'born:date': '2020-13-45' is not a date (YYYY-MM-DD)",
                              "bad_date.csv"},
                      BadCase{
                          "UnknownTimeZone",
                          {"bad_zone.csv"},
                          {},
                          ErrorCode::kImport,
                          "{f}:2: column 'seen:datetime': '2024-05-01T10:00[Mars/Olympus_Mons]' "
                          "is not a datetime",
                          "bad_zone.csv"},
                      BadCase{"BadBoolean",
                              {"bad_boolean.csv"},
                              {},
                              ErrorCode::kImport,
                              "{f}:4: column 'ok:boolean': 'yes' is not a boolean (true or false)",
                              "bad_boolean.csv"},
                      BadCase{"UnknownStartId",
                              {},
                              {"bad_start.csv"},
                              ErrorCode::kImport,
                              "{f}:3: unknown start id '999' in ID space 'Person'",
                              "bad_start.csv"},
                      BadCase{"UnknownEndId",
                              {},
                              {"bad_end.csv"},
                              ErrorCode::kImport,
                              "{f}:2: unknown end id '999' in ID space 'Person'",
                              "bad_end.csv"},
                      BadCase{"DuplicateIdInFile",
                              {"duplicate_in_file.csv"},
                              {},
                              ErrorCode::kImport,
                              "{f}:4: duplicate id '20' in ID space 'Person' (first on {f}:2)",
                              "duplicate_in_file.csv"},
                      BadCase{"DuplicateIdAgainstDatabase",
                              {"duplicate_in_database.csv"},
                              {},
                              ErrorCode::kImport,
                              "{f}:3: id '1' already exists in ID space 'Person' in the database",
                              "duplicate_in_database.csv"},
                      BadCase{"MissingFile",
                              {"persons_more.csv", "no_such_file.csv"},
                              {},
                              ErrorCode::kNotFound,
                              "{f}: no such file",
                              "no_such_file.csv"},
                      BadCase{"UnknownHeaderType",
                              {"bad_header.csv"},
                              {},
                              ErrorCode::kImport,
                              "{f}:1: column 'loc:point' has unknown type 'point'",
                              "bad_header.csv"},
                      BadCase{"UnterminatedQuote",
                              {"bad_quote.csv"},
                              {},
                              ErrorCode::kImport,
                              "{f}:2: unterminated quoted field",
                              "bad_quote.csv"}),
    case_name);

TEST(BulkImport, UnknownIdOfASpaceNewInThisImport) {
  TempGraph graph;
  try {
    bulk_import(*graph, {{"", {fixture("persons_more.csv")}}},
                {{"KNOWS", {fixture("bad_end.csv")}}});
    FAIL() << "expected an error";
  } catch (const StorageError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kImport);
    EXPECT_EQ(std::string(e.what()),
              fixture("bad_end.csv").string() + ":2: unknown start id '1' in ID space 'Person'");
  }
  auto txn = graph->read();
  EXPECT_EQ(graph->counters().node_count(txn), 0u);
  EXPECT_FALSE(graph->id_spaces().find(txn, "Person"));
}

TEST(BulkImport, UniqueConstraintViolationIsAnImportError) {
  TempGraph graph;
  bulk_import(*graph, {{"Customer", {fixture("persons_more.csv")}}}, {});
  graph->write([&](WriteTransaction& txn) {
    graph->create_index(txn, *graph->dictionary().find(txn, NameKind::kLabel, "Customer"),
                        *graph->dictionary().find(txn, NameKind::kPropertyKey, "name"), true);
  });
  const Dump before = dump(*graph);
  try {
    bulk_import(*graph, {{"Customer", {fixture("same_name.csv")}}}, {});
    FAIL() << "expected an error";
  } catch (const StorageError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kImport);
    const std::string prefix = fixture("same_name.csv").string() + ":3: ";
    EXPECT_EQ(std::string(e.what()).substr(0, prefix.size()), prefix) << e.what();
    EXPECT_NE(std::string(e.what()).find("Dora"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(dump(*graph) == before);
}

TEST(BulkImport, RelationshipsWithoutAnyTypeAreRefused) {
  TempGraph graph;
  bulk_import(*graph, {{"", {fixture("persons_more.csv")}}}, {});
  const Dump before = dump(*graph);
  try {
    bulk_import(*graph, {}, {{"", {fixture("knows_more.csv")}}});
    FAIL() << "expected an error";
  } catch (const StorageError& e) {
    EXPECT_EQ(std::string(e.what()),
              fixture("knows_more.csv").string() +
                  ":1: no relationship type: give one for the file or add a :TYPE column");
  }
  EXPECT_TRUE(dump(*graph) == before);
}

}  // namespace
}  // namespace guanxi::storage
