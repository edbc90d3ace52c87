// Bulk import against importing the same thing twice: nodes files need an
// :ID column, duplicate node ids fail or are skipped, relationships identical
// to existing ones are counted or skipped, and a first row that looks like
// data is a warning.
#include "storage/import_duplicates.h"

#include <gtest/gtest.h>

#include "storage/bulk_import.h"
#include "storage/error.h"
#include "storage/integrity_check.h"
#include "tests/storage/import_input_files.h"
#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

using test_support::InputFiles;
using test_support::node_by_id;
using test_support::properties_of;
using test_support::TempGraph;

const char kCustomers[] =
    "id:ID(Customer),name\n"
    "C001,Ann\n"
    "C002,Bo\n";

const char kReferrals[] =
    ":START_ID(Customer),:END_ID(Customer),since:date\n"
    "C001,C002,2024-01-01\n"
    "C001,C002,2024-01-01\n"  // repeats the first
    "C001,C002,2024-02-02\n"  // parallel, other properties
    "C002,C001,2024-01-01\n";

std::string import_error(Graph& graph, const std::vector<ImportGroup>& nodes,
                         const std::vector<ImportGroup>& relationships,
                         const ImportOptions& options = {}) {
  try {
    bulk_import(graph, nodes, relationships, options);
  } catch (const StorageError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kImport);
    return e.what();
  }
  ADD_FAILURE() << "expected an error";
  return "";
}

void expect_clean(Graph& graph) {
  const IntegrityReport report = check_integrity(graph);
  for (const auto& p : report.problems) ADD_FAILURE() << p.table << ": " << p.message;
}

std::uint64_t relationship_count(Graph& graph) {
  auto txn = graph.read();
  return graph.counters().relationship_count(txn);
}

TEST(ImportIdentity, NodesFileWithoutIdIsAnError) {
  InputFiles files;
  TempGraph graph;
  const auto path = files.write("people.csv", "name,age:int\nAnn,30\n");
  const std::string message = import_error(*graph, {{"Person", {path}}}, {});
  EXPECT_EQ(message.rfind(path.string() + ":1: a nodes file without an :ID column", 0), 0u)
      << message;
  EXPECT_NE(message.find("importing it again would duplicate every node"), std::string::npos);
  EXPECT_NE(message.find("--allow-nodes-without-id"), std::string::npos);
  auto txn = graph->read();
  EXPECT_EQ(graph->counters().node_count(txn), 0u);
}

TEST(ImportIdentity, SharedHeaderWithoutIdNamesTheHeaderFile) {
  InputFiles files;
  TempGraph graph;
  const auto header = files.write("header.csv", "name\n");
  const ImportGroup group{"Person", {files.write("part.csv", "Ann\n")}, header};
  EXPECT_EQ(import_error(*graph, {group}, {}).rfind(header.string() + ":1: ", 0), 0u);
}

TEST(ImportIdentity, NodesWithoutIdWhenAllowed) {
  InputFiles files;
  TempGraph graph;
  ImportOptions options;
  options.allow_nodes_without_id = true;
  const auto path = files.write("people.csv", "name,age:int\nAnn,30\nBo,40\n");
  const ImportReport report = bulk_import(*graph, {{"Person", {path}}}, {}, options);
  EXPECT_EQ(report.nodes, 2u);
  EXPECT_TRUE(report.warnings.empty());
}

TEST(ImportIdentity, FirstRowThatLooksLikeDataIsAWarning) {
  InputFiles files;
  TempGraph graph;
  ImportOptions options;
  options.allow_nodes_without_id = true;
  const auto path = files.write("customers.csv",
                                "C001,Ann,Shanghai,2021-03-04,1234.5\n"
                                "C002,Bo,Beijing,2022-05-06,99\n");
  const ImportReport report = bulk_import(*graph, {{"Customer", {path}}}, {}, options);
  EXPECT_EQ(report.nodes, 1u);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(report.warnings[0], path.string() +
                                    ":1: the first row looks like data, not a header; its "
                                    "values became property names");
}

TEST(ImportIdentity, MissingHeaderIsNamedInTheError) {
  InputFiles files;
  TempGraph graph;
  const auto path = files.write("customers.csv", "C001,Ann,1990-01-01\nC002,Bo,1985-12-31\n");
  const std::string message = import_error(*graph, {{"Customer", {path}}}, {});
  EXPECT_NE(message.find("(the first row looks like data, not a header)"), std::string::npos)
      << message;
  const auto knows = files.write("knows.csv", "1,2\n3,4\n");
  const std::string rel_message = import_error(*graph, {}, {{"KNOWS", {knows}}});
  EXPECT_EQ(rel_message, knows.string() +
                             ":1: a relationships file needs :START_ID and :END_ID columns (the "
                             "first row looks like data, not a header)");
}

TEST(ImportDuplicateNodes, DuplicateIdIsAnErrorWithFileAndLine) {
  InputFiles files;
  TempGraph graph;
  const auto first = files.write("a.csv", kCustomers);
  bulk_import(*graph, {{"Customer", {first}}}, {});
  const auto again = files.write("b.csv", "id:ID(Customer),name\nC003,Cy\nC002,Bo\n");
  EXPECT_EQ(import_error(*graph, {{"Customer", {again}}}, {}),
            again.string() + ":3: id 'C002' already exists in ID space 'Customer' in the database");
  const auto twice = files.write("c.csv", "id:ID(Customer),name\nC005,E\nC005,F\n");
  EXPECT_EQ(import_error(*graph, {{"Customer", {twice}}}, {}),
            twice.string() + ":3: duplicate id 'C005' in ID space 'Customer' (first on " +
                twice.string() + ":2)");
}

TEST(ImportDuplicateNodes, SkipsIdsOfTheDatabaseAndOfTheImport) {
  InputFiles files;
  TempGraph graph;
  bulk_import(*graph, {{"Customer", {files.write("a.csv", kCustomers)}}}, {});
  ImportOptions options;
  options.skip_duplicate_nodes = true;
  // C002 is in the database, C004 twice in this import; the relationships
  // resolve against the nodes that stay.
  const auto nodes = files.write("b.csv",
                                 "id:ID(Customer),name\n"
                                 "C002,Bo again\n"
                                 "C003,Cy\n"
                                 "C004,Di\n"
                                 "C004,Di again\n"
                                 "C005,Ed\n");
  const auto other = files.write("tags.csv", "id:ID(Tag),name\n1,red\n1,red again\n2,blue\n");
  const auto knows = files.write("knows.csv",
                                 ":START_ID(Customer),:END_ID(Customer)\n"
                                 "C002,C004\nC004,C005\n");
  const ImportReport report =
      bulk_import(*graph, {{"Customer", {nodes}}, {"Tag", {other}}}, {{"KNOWS", {knows}}}, options);
  EXPECT_EQ(report.nodes, 5u);  // C003, C004, C005, tags 1 and 2
  EXPECT_EQ(report.skipped_nodes, 3u);
  EXPECT_EQ(report.relationships, 2u);
  {
    auto txn = graph->read();
    EXPECT_EQ(graph->counters().node_count(txn), 7u);
    auto name = [&](const char* space, const Value& id) {
      const NodeId node = node_by_id(*graph, txn, space, id);
      return properties_of(*graph, txn, node).at("name").as_string();
    };
    EXPECT_EQ(name("Customer", Value("C002")), "Bo");
    EXPECT_EQ(name("Customer", Value("C004")), "Di");
    EXPECT_EQ(name("Customer", Value("C005")), "Ed");
    EXPECT_EQ(name("Tag", Value(std::int64_t{1})), "red");
    EXPECT_EQ(name("Tag", Value(std::int64_t{2})), "blue");
  }
  expect_clean(*graph);
}

TEST(ImportDuplicateNodes, ImportingTheSameFileAgainSkipsEveryNode) {
  InputFiles files;
  TempGraph graph;
  const auto path = files.write("a.csv", kCustomers);
  bulk_import(*graph, {{"Customer", {path}}}, {});
  ImportOptions options;
  options.skip_duplicate_nodes = true;
  const ImportReport report = bulk_import(*graph, {{"Customer", {path}}}, {}, options);
  EXPECT_EQ(report.nodes, 0u);
  EXPECT_EQ(report.skipped_nodes, 2u);
  auto txn = graph->read();
  EXPECT_EQ(graph->counters().node_count(txn), 2u);
}

TEST(ImportDuplicateRelationships, CountedWithinTheImport) {
  InputFiles files;
  TempGraph graph;
  const ImportReport report =
      bulk_import(*graph, {{"Customer", {files.write("c.csv", kCustomers)}}},
                  {{"REFERRED", {files.write("r.csv", kReferrals)}}});
  EXPECT_EQ(report.relationships, 4u);  // imported, with a warning
  EXPECT_EQ(report.duplicate_relationships, 1u);
  EXPECT_EQ(report.skipped_relationships, 0u);
}

TEST(ImportDuplicateRelationships, SecondImportOfTheSameFileIsCountedOrSkipped) {
  InputFiles files;
  TempGraph graph;
  const auto referrals = files.write("r.csv", kReferrals);
  bulk_import(*graph, {{"Customer", {files.write("c.csv", kCustomers)}}},
              {{"REFERRED", {referrals}}});
  ASSERT_EQ(relationship_count(*graph), 4u);

  const ImportReport warned = bulk_import(*graph, {}, {{"REFERRED", {referrals}}});
  EXPECT_EQ(warned.relationships, 4u);
  EXPECT_EQ(warned.duplicate_relationships, 4u);
  EXPECT_EQ(relationship_count(*graph), 8u);

  ImportOptions options;
  options.skip_duplicate_relationships = true;
  const ImportReport skipped = bulk_import(*graph, {}, {{"REFERRED", {referrals}}}, options);
  EXPECT_EQ(skipped.relationships, 0u);
  EXPECT_EQ(skipped.skipped_relationships, 4u);
  EXPECT_EQ(relationship_count(*graph), 8u);
  expect_clean(*graph);
}

TEST(ImportDuplicateRelationships, SkipKeepsParallelRelationshipsWithOtherProperties) {
  InputFiles files;
  TempGraph graph;
  bulk_import(*graph, {{"Customer", {files.write("c.csv", kCustomers)}}},
              {{"REFERRED",
                {files.write("first.csv",
                             ":START_ID(Customer),:END_ID(Customer),since:date\n"
                             "C001,C002,2024-01-01\n")}}});
  ImportOptions options;
  options.skip_duplicate_relationships = true;
  // Against the database: the first row; within the import: the second.
  // Another type, another direction or other properties are no duplicates.
  const auto more = files.write("more.csv",
                                ":START_ID(Customer),:END_ID(Customer),:TYPE,since:date\n"
                                "C001,C002,REFERRED,2024-01-01\n"
                                "C001,C002,REFERRED,2024-03-03\n"
                                "C001,C002,REFERRED,2024-03-03\n"
                                "C001,C002,KNOWS,2024-01-01\n"
                                "C002,C001,REFERRED,2024-01-01\n"
                                "C001,C002,REFERRED,\n");
  const ImportReport report = bulk_import(*graph, {}, {{"", {more}}}, options);
  EXPECT_EQ(report.skipped_relationships, 2u);
  EXPECT_EQ(report.relationships, 4u);
  EXPECT_EQ(report.relationships_by_type.at("REFERRED"), 3u);
  EXPECT_EQ(report.relationships_by_type.at("KNOWS"), 1u);
  EXPECT_EQ(relationship_count(*graph), 5u);
  expect_clean(*graph);

  // The same rows counted, not skipped: the two above, plus the three now stored.
  const ImportReport counted = bulk_import(*graph, {}, {{"", {more}}});
  EXPECT_EQ(counted.duplicate_relationships, 6u);
  EXPECT_EQ(counted.relationships, 6u);
}

TEST(ImportDuplicateRelationships, FirstOfEqualOnesStaysAcrossChunksAndFiles) {
  InputFiles files;
  TempGraph graph;
  ImportOptions options;
  options.skip_duplicate_relationships = true;
  const auto a = files.write("a.csv", ":START_ID(Customer),:END_ID(Customer),n:int\nC001,C002,1\n");
  const auto b = files.write("b.csv",
                             ":START_ID(Customer),:END_ID(Customer),n:int\n"
                             "C001,C002,2\nC001,C002,1\nC001,C002,2\n");
  const ImportReport report = bulk_import(
      *graph, {{"Customer", {files.write("c.csv", kCustomers)}}}, {{"R", {a, b}}}, options);
  EXPECT_EQ(report.relationships, 2u);
  EXPECT_EQ(report.skipped_relationships, 2u);
  {
    auto txn = graph->read();
    // The relationship ids stay consecutive: 0 (n 1) and 1 (n 2).
    std::vector<RelationshipId> ids;
    graph->scan_relationship_records(txn, [&](RelationshipId id, std::string_view bytes) {
      const RelationshipRecord rec = decode_relationship(bytes, id);
      ASSERT_EQ(rec.properties.size(), 1u);
      EXPECT_EQ(rec.properties[0].value, Value(static_cast<std::int64_t>(id + 1)));
      ids.push_back(id);
    });
    EXPECT_EQ(ids, (std::vector<RelationshipId>{0, 1}));
  }
  expect_clean(*graph);
}

TEST(ImportDuplicateRelationships, ManyParallelRelationshipsOfOnePair) {
  InputFiles files;
  TempGraph graph;
  // Twenty relationships between the same two customers, with three
  // different properties among them: past the size where pairs are compared
  // one by one.
  std::string rows = ":START_ID(Customer),:END_ID(Customer),n:int\n";
  for (int i = 0; i < 20; ++i) rows += "C001,C002," + std::to_string(i % 3) + "\n";
  const auto referrals = files.write("r.csv", rows);
  const auto customers = files.write("c.csv", kCustomers);
  EXPECT_EQ(bulk_import(*graph, {{"Customer", {customers}}}, {{"R", {referrals}}})
                .duplicate_relationships,
            17u);
  ImportOptions options;
  options.skip_duplicate_relationships = true;
  const ImportReport again = bulk_import(*graph, {}, {{"R", {referrals}}}, options);
  EXPECT_EQ(again.skipped_relationships, 20u);
  EXPECT_EQ(relationship_count(*graph), 20u);
}

}  // namespace
}  // namespace guanxi::storage
