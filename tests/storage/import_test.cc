// Imports that succeed: what they store (records, adjacency, ID spaces,
// indexes) and how later imports resolve ids against it. Failing imports
// are in import_errors_test.cc.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "storage/bulk_import.h"
#include "storage/id_space.h"
#include "storage/integrity_check.h"
#include "storage/temporal.h"
#include "storage/time_zone.h"
#include "tests/storage/import_fixtures.h"
#include "tests/support/temp_graph.h"
#include "tests/support/test_data.h"

namespace guanxi::storage {
namespace {

namespace fs = std::filesystem;
using test_support::import_small_graph;
using test_support::TempGraph;

fs::path fixture(const std::string& name) { return test_support::import_fixture(name); }

NodeId node_of(Graph& graph, const Transaction& txn, const std::string& space, const Value& id) {
  IdSpaces& spaces = graph.id_spaces();
  auto info = spaces.find(txn, space);
  if (!info) throw std::runtime_error("no ID space " + space);
  auto node = spaces.lookup(txn, *info, id);
  if (!node) throw std::runtime_error("no node " + id.to_string() + " in " + space);
  return *node;
}

// A node's or relationship's properties by name.
std::map<std::string, Value> named(Graph& graph, const Transaction& txn,
                                   const PropertyList& props) {
  std::map<std::string, Value> out;
  for (const Property& p : props)
    out[graph.dictionary().name(txn, NameKind::kPropertyKey, p.key)] = p.value;
  return out;
}

std::set<std::string> labels_of(Graph& graph, const Transaction& txn, const NodeRecord& rec) {
  std::set<std::string> out;
  for (LabelId l : rec.labels) out.insert(graph.dictionary().name(txn, NameKind::kLabel, l));
  return out;
}

TypeId type_id(Graph& graph, const Transaction& txn, const std::string& name) {
  auto id = graph.dictionary().find(txn, NameKind::kType, name);
  if (!id) throw std::runtime_error("no type " + name);
  return *id;
}

// Neighbours of `node` over one type, as (other node, relationship properties by name).
std::multimap<NodeId, std::map<std::string, Value>> relationships_of(Graph& graph,
                                                                     const Transaction& txn,
                                                                     NodeId node, Direction dir,
                                                                     const std::string& type) {
  const TypeId t = type_id(graph, txn, type);
  std::multimap<NodeId, std::map<std::string, Value>> out;
  for (const AdjacencyEntry& e : neighbours(txn, node, dir, std::span<const TypeId>(&t, 1))) {
    const bool leaving = dir == Direction::kOut;
    auto rec = graph.get_relationship(
        txn, {e.relationship(), leaving ? node : e.other(), leaving ? e.other() : node, t});
    EXPECT_TRUE(rec);
    EXPECT_EQ(rec->type, t);
    EXPECT_EQ(dir == Direction::kOut ? rec->src : rec->dst, node);
    EXPECT_EQ(dir == Direction::kOut ? rec->dst : rec->src, e.other());
    out.emplace(e.other(), named(graph, txn, rec->properties));
  }
  return out;
}

void expect_clean(Graph& graph) {
  const IntegrityReport report = check_integrity(graph);
  for (const auto& p : report.problems) ADD_FAILURE() << p.table << ": " << p.message;
  EXPECT_TRUE(report.ok());
}

TEST(BulkImport, SmallGraphWithEveryPropertyType) {
  TempGraph graph;
  std::vector<std::string> phases;
  const ImportReport report = import_small_graph(*graph);
  EXPECT_EQ(report.nodes, 7u);
  EXPECT_EQ(report.relationships, 8u);
  EXPECT_EQ(report.nodes_by_label.at("Customer"), 2u);
  EXPECT_EQ(report.nodes_by_label.at("Vip"), 1u);
  EXPECT_EQ(report.nodes_by_label.at("Company"), 2u);
  EXPECT_EQ(report.nodes_by_label.at("Organisation"), 2u);
  EXPECT_EQ(report.relationships_by_type.at("KNOWS"), 3u);
  EXPECT_EQ(report.relationships_by_type.at("WORKS_AT"), 2u);
  EXPECT_EQ(report.relationships_by_type.at("CONSULTS_FOR"), 1u);
  EXPECT_EQ(report.relationships_by_type.at("LIKES"), 2u);

  auto txn = graph->read();
  EXPECT_EQ(graph->counters().node_count(txn), 7u);
  EXPECT_EQ(graph->counters().relationship_count(txn), 8u);
  EXPECT_EQ(graph->counters().relationship_count(txn, type_id(*graph, txn, "KNOWS")), 3u);
  EXPECT_EQ(graph->count_label(txn, *graph->dictionary().find(txn, NameKind::kLabel, "Customer")),
            2u);

  const NodeId ada = node_of(*graph, txn, "Person", Value(1));
  const NodeId bob = node_of(*graph, txn, "Person", Value(2));
  const NodeId multi = node_of(*graph, txn, "Person", Value(3));
  const NodeId acme = node_of(*graph, txn, "Company", Value(1));
  const NodeId globex = node_of(*graph, txn, "Company", Value(2));
  // Equal ids in two spaces are different nodes.
  EXPECT_NE(ada, acme);
  // Nodes get consecutive ids in file order.
  EXPECT_EQ(bob, ada + 1);
  EXPECT_EQ(acme, ada + 3);

  auto rec = graph->get_node(txn, ada);
  ASSERT_TRUE(rec);
  EXPECT_EQ(labels_of(*graph, txn, *rec), (std::set<std::string>{"Customer", "Vip"}));
  const std::map<std::string, Value> expected_ada = {
      {"personId", Value(1)},
      {"name", Value("Ada, Countess")},
      {"age", Value(36)},
      {"score", Value(1.5)},
      {"vip", Value(true)},
      {"born", Value(*parse_date("1815-12-10"))},
      {"seen", Value(*parse_datetime("2024-01-31T12:30:00Z"))},
      {"wait", Value(Duration{0, 1, 2LL * 3600, 0})},
      {"tags", Value(List{"math", "poetry"})},
      {"lucky", Value(List{3, 7})},
  };
  EXPECT_EQ(named(*graph, txn, rec->properties), expected_ada);

  rec = graph->get_node(txn, bob);
  EXPECT_TRUE(rec->labels.empty());
  // Empty fields are absent properties.
  const std::map<std::string, Value> expected_bob = {
      {"personId", Value(2)},
      {"name", Value("Bob \"the builder\"")},
      {"age", Value(41)},
      {"vip", Value(false)},
      {"born", Value(*parse_date("1983-01-02"))},
      {"wait", Value(Duration{0, 0, 5LL * 60, 0})},
  };
  EXPECT_EQ(named(*graph, txn, rec->properties), expected_bob);

  rec = graph->get_node(txn, multi);
  EXPECT_EQ(labels_of(*graph, txn, *rec), (std::set<std::string>{"Customer"}));
  const std::map<std::string, Value> expected_multi = {
      {"personId", Value(3)}, {"name", Value("Multi\nline")}, {"score", Value(2.25)},
      {"vip", Value(true)},   {"tags", Value(List{"solo"})},  {"lucky", Value(List{42})},
  };
  EXPECT_EQ(named(*graph, txn, rec->properties), expected_multi);

  rec = graph->get_node(txn, acme);
  EXPECT_EQ(labels_of(*graph, txn, *rec), (std::set<std::string>{"Company", "Organisation"}));
  // :IGNORE columns are dropped; the id is kept under the header's name.
  EXPECT_EQ(named(*graph, txn, rec->properties),
            (std::map<std::string, Value>{{"id", Value(1)}, {"name", Value("Acme")}}));

  // A space with a non-integer id holds string ids, "7" included.
  const NodeId red = node_of(*graph, txn, "Tag", Value("t1"));
  const NodeId seven = node_of(*graph, txn, "Tag", Value("7"));
  EXPECT_EQ(named(*graph, txn, graph->get_node(txn, seven)->properties),
            (std::map<std::string, Value>{{"tag", Value("7")}, {"name", Value("blue")}}));

  // Relationships: type from the group, or from :TYPE with the group's as fallback.
  using Relationships = std::multimap<NodeId, std::map<std::string, Value>>;
  EXPECT_EQ(relationships_of(*graph, txn, ada, Direction::kOut, "KNOWS"),
            (Relationships{{bob, {{"since", Value(2001)}, {"weight", Value(0.5)}}},
                           {multi, {{"since", Value(2010)}, {"weight", Value(1.0)}}}}));
  EXPECT_EQ(relationships_of(*graph, txn, multi, Direction::kIn, "KNOWS"),
            (Relationships{{ada, {{"since", Value(2010)}, {"weight", Value(1.0)}}}, {bob, {}}}));
  EXPECT_EQ(
      relationships_of(*graph, txn, acme, Direction::kIn, "WORKS_AT"),
      (Relationships{{ada, {{"role", Value("founder")}}}, {multi, {{"role", Value("intern")}}}}));
  EXPECT_EQ(relationships_of(*graph, txn, bob, Direction::kOut, "CONSULTS_FOR"),
            (Relationships{{globex, {}}}));
  EXPECT_EQ(relationships_of(*graph, txn, ada, Direction::kOut, "LIKES"),
            (Relationships{{red, {}}}));
  EXPECT_EQ(relationships_of(*graph, txn, bob, Direction::kOut, "LIKES"),
            (Relationships{{seven, {}}}));
  expect_clean(*graph);
}

TEST(BulkImport, TemporalColumnsKeepOffsetZoneAndNanoseconds) {
  TempGraph graph;
  bulk_import(*graph, {{"Visit", {fixture("visits.csv")}}}, {});
  auto txn = graph->read();
  constexpr std::int64_t kSecond = kNanosPerSecond;
  constexpr std::int64_t kHour = 3600, kMinute = 60;  // seconds
  const std::int64_t may1 = days_from_civil(2024, 5, 1) * kSecondsPerDay;
  auto first = graph->get_node(txn, node_of(*graph, txn, "Visit", Value(1)));
  ASSERT_TRUE(first);
  const std::map<std::string, Value> expected_first = {
      {"visitId", Value(1)},
      {"opens", Value(LocalTime{(9 * kHour + 30 * kMinute) * kSecond})},
      {"call", Value(Time{(9 * kHour + 30 * kMinute + 15) * kSecond + kSecond / 2, 8 * kHour})},
      {"booked", Value(LocalDateTime{may1 + 10 * kHour, 0})},
      {"seen",
       Value(DateTime{may1 + 2 * kHour, 123'456'789, 8 * kHour, *find_time_zone("Asia/Shanghai")})},
      {"wait", Value(Duration{0, 0, 0, 1})},
      {"slots", Value(List{Value(LocalTime{9 * kHour * kSecond}),
                           Value(LocalTime{(13 * kHour + 30 * kMinute) * kSecond + kSecond / 4})})},
  };
  EXPECT_EQ(named(*graph, txn, first->properties), expected_first);

  auto second = graph->get_node(txn, node_of(*graph, txn, "Visit", Value(2)));
  ASSERT_TRUE(second);
  const std::map<std::string, Value> expected_second = {
      {"visitId", Value(2)},
      {"opens", Value(LocalTime{kNanosPerDay - 1})},
      {"call", Value(Time{12 * kHour * kSecond, 0})},
      // 2024-W18-3 is Wednesday 1 May 2024.
      {"booked", Value(LocalDateTime{may1 + 10 * kHour, 0})},
      {"seen", Value(DateTime{days_from_civil(2024, 11, 3) * kSecondsPerDay + 17 * kHour, 0,
                              -5 * kHour, *find_time_zone("America/New_York")})},
      {"wait", Value(Duration{0, -1, -1, 500'000'000})},
  };
  EXPECT_EQ(named(*graph, txn, second->properties), expected_second);
}

TEST(BulkImport, RelationshipRecordsMatchTheCodec) {
  TempGraph graph;
  import_small_graph(*graph);
  auto txn = graph->read();
  std::size_t relationships = 0;
  graph->scan_relationship_records(txn, [&](RelationshipId id, std::string_view bytes) {
    // The importer writes record bytes itself; they must be what the codec writes.
    EXPECT_EQ(std::string(bytes), encode_relationship(decode_relationship(bytes, id)));
    ++relationships;
  });
  EXPECT_EQ(relationships, 4u);  // of the 8, those with properties
}

TEST(BulkImport, SecondImportResolvesIdsAgainstTheDatabase) {
  TempGraph graph;
  import_small_graph(*graph);
  const ImportReport report = bulk_import(*graph, {{"Customer", {fixture("persons_more.csv")}}},
                                          {{"KNOWS", {fixture("knows_more.csv")}}});
  EXPECT_EQ(report.nodes, 1u);
  EXPECT_EQ(report.relationships, 2u);
  auto txn = graph->read();
  EXPECT_EQ(graph->counters().node_count(txn), 8u);
  EXPECT_EQ(graph->counters().relationship_count(txn), 10u);
  EXPECT_EQ(graph->counters().relationship_count(txn, type_id(*graph, txn, "KNOWS")), 5u);
  const NodeId ada = node_of(*graph, txn, "Person", Value(1));
  const NodeId bob = node_of(*graph, txn, "Person", Value(2));
  const NodeId dora = node_of(*graph, txn, "Person", Value(4));
  EXPECT_GT(dora, ada);
  using Relationships = std::multimap<NodeId, std::map<std::string, Value>>;
  EXPECT_EQ(relationships_of(*graph, txn, ada, Direction::kIn, "KNOWS"),
            (Relationships{{dora, {}}}));
  EXPECT_EQ(relationships_of(*graph, txn, bob, Direction::kOut, "KNOWS").count(dora), 1u);
  EXPECT_EQ(relationships_of(*graph, txn, dora, Direction::kOut, "KNOWS"),
            (Relationships{{ada, {}}}));
  EXPECT_EQ(graph->count_label(txn, *graph->dictionary().find(txn, NameKind::kLabel, "Customer")),
            3u);
  expect_clean(*graph);
}

TEST(BulkImport, DeletedNodeIdCountsAsAbsent) {
  TempGraph graph;
  bulk_import(*graph, {{"", {fixture("persons_more.csv")}}}, {});
  graph->write([&](WriteTransaction& txn) {
    graph->delete_node(txn, node_of(*graph, txn, "Person", Value(4)));
  });
  // The id is free again: importing it anew works and the relationship resolves to the new node.
  bulk_import(*graph, {{"", {fixture("persons_more.csv")}}}, {});
  auto txn = graph->read();
  const NodeId dora = node_of(*graph, txn, "Person", Value(4));
  EXPECT_TRUE(graph->node_exists(txn, dora));
  EXPECT_EQ(graph->counters().node_count(txn), 1u);
}

TEST(BulkImport, MaintainsIndexesOnImportedLabels) {
  TempGraph graph;
  IndexInfo index;
  graph->write([&](WriteTransaction& txn) {
    const LabelId customer = graph->dictionary().intern(txn, NameKind::kLabel, "Customer");
    const PropertyKeyId name = graph->dictionary().intern(txn, NameKind::kPropertyKey, "name");
    index = graph->create_index(txn, customer, name, false);
  });
  bulk_import(*graph, {{"Customer", {fixture("persons_more.csv")}}}, {});
  auto txn = graph->read();
  EXPECT_EQ(graph->indexes().seek_equal(txn, index, Value("Dora")),
            (std::vector<NodeId>{node_of(*graph, txn, "Person", Value(4))}));
  expect_clean(*graph);
}

// Files big enough to be parsed in two chunks by two threads.
class LargeFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_.path());
    std::ofstream nodes(nodes_path());
    nodes << "id:ID|:LABEL\n";
    for (int i = 0; i < kNodes; ++i) nodes << i << (i % 2 ? "|Odd\n" : "|Even\n");
    std::ofstream relationships(relationships_path());
    relationships << ":START_ID|:END_ID|w:int\n";
    for (int i = 0; i < kRelationships; ++i)
      relationships << i % kNodes << '|' << (i * 7 + 1) % kNodes << '|' << i << '\n';
  }
  fs::path nodes_path() const { return dir_.path() / "nodes.csv"; }
  fs::path relationships_path() const { return dir_.path() / "relationships.csv"; }
  static constexpr int kNodes = 50'000;
  static constexpr int kRelationships = 300'000;
  test_support::TempDir dir_;
};

TEST_F(LargeFiles, ParallelChunksGiveEveryRowInOrder) {
  TempGraph graph;
  ImportOptions options;
  options.delimiter = '|';
  options.threads = 2;
  std::vector<std::string> phases;
  options.progress = [&](const ImportProgress& p) {
    if (phases.empty() || phases.back() != p.phase) phases.push_back(p.phase);
  };
  const ImportReport report =
      bulk_import(*graph, {{"", {nodes_path()}}}, {{"LINK", {relationships_path()}}}, options);
  EXPECT_EQ(report.nodes, static_cast<std::uint64_t>(kNodes));
  EXPECT_EQ(report.relationships, static_cast<std::uint64_t>(kRelationships));
  EXPECT_EQ(report.nodes_by_label.at("Odd"), static_cast<std::uint64_t>(kNodes / 2));
  EXPECT_EQ(phases, (std::vector<std::string>{"nodes", "relationships", "writing", "done"}));
  auto txn = graph->read();
  // Relationship i has id first + i and property w = i: rows keep file order across chunks.
  const NodeId first = node_of(*graph, txn, "", Value(0));
  std::uint64_t checked = 0;
  graph->scan_relationship_records(txn, [&](RelationshipId id, std::string_view bytes) {
    const RelationshipRecord rec = decode_relationship(bytes, id);
    ASSERT_EQ(rec.properties.size(), 1u);
    const std::int64_t i = rec.properties[0].value.as_int();
    EXPECT_EQ(rec.src, first + i % kNodes);
    EXPECT_EQ(rec.dst, first + (i * 7 + 1) % kNodes);
    ++checked;
  });
  EXPECT_EQ(checked, static_cast<std::uint64_t>(kRelationships));
  // Node 5 is the source of relationships 5, 50005, ... (six of them) and the target of as many.
  const NodeId five = node_of(*graph, txn, "", Value(5));
  EXPECT_EQ(degree(txn, five, Direction::kOut), 6u);
  EXPECT_EQ(degree(txn, five, Direction::kIn), 6u);
  expect_clean(*graph);
}

TEST_F(LargeFiles, ErrorInSecondChunkNamesItsPhysicalLine) {
  {
    std::ofstream relationships(relationships_path(), std::ios::app);
    relationships << "1|" << kNodes + 5 << "|1\n";  // line kRelationships + 2
  }
  TempGraph graph;
  ImportOptions options;
  options.delimiter = '|';
  try {
    bulk_import(*graph, {{"", {nodes_path()}}}, {{"LINK", {relationships_path()}}}, options);
    FAIL() << "expected an error";
  } catch (const StorageError& e) {
    EXPECT_EQ(std::string(e.what()), relationships_path().string() + ":" +
                                         std::to_string(kRelationships + 2) + ": unknown end id '" +
                                         std::to_string(kNodes + 5) + "' in the global ID space");
  }
  auto txn = graph->read();
  EXPECT_EQ(graph->counters().node_count(txn), 0u);
}

// The LDBC SF0.1 sample, as `guanxi import` would load it.
TEST(BulkImport, LdbcSample) {
  // Compressed with zstd; the importer reads .zst files as they are.
  const fs::path dir = guanxi::test_support::test_data_path("ldbc-sf01-people");
  ASSERT_TRUE(fs::exists(dir / "Person.csv.zst")) << dir;
  TempGraph graph;
  ImportOptions options;
  options.delimiter = '|';
  const ImportReport report = bulk_import(
      *graph,
      {{"Person", {dir / "Person.csv.zst"}},
       {"Organisation", {dir / "Organisation.csv.zst"}},
       {"Place", {dir / "Place.csv.zst"}},
       {"Tag", {dir / "Tag.csv.zst"}}},
      {{"KNOWS", {dir / "Person_knows_Person.csv.zst", dir / "Person_knows_Person_1.csv.zst"}},
       {"HAS_INTEREST", {dir / "Person_hasInterest_Tag.csv.zst"}},
       {"IS_LOCATED_IN", {dir / "Person_isLocatedIn_Place.csv.zst"}},
       {"STUDY_AT", {dir / "Person_studyAt_Organisation.csv.zst"}},
       {"WORK_AT", {dir / "Person_workAt_Organisation.csv.zst"}}},
      options);
  EXPECT_EQ(report.nodes, 27'023u);
  EXPECT_EQ(report.nodes_by_label.at("Person"), 1'528u);
  EXPECT_EQ(report.relationships_by_type.at("KNOWS"), 14'073u);
  // The other files: rows = lines - 1.
  EXPECT_EQ(report.relationships_by_type.at("HAS_INTEREST"), 35'475u);
  EXPECT_EQ(report.relationships_by_type.at("IS_LOCATED_IN"), 1'528u);
  EXPECT_EQ(report.relationships_by_type.at("STUDY_AT"), 1'209u);
  EXPECT_EQ(report.relationships_by_type.at("WORK_AT"), 3'313u);
  auto txn = graph->read();
  EXPECT_EQ(graph->counters().node_count(txn), 27'023u);
  EXPECT_EQ(graph->count_label(txn, *graph->dictionary().find(txn, NameKind::kLabel, "Person")),
            1'528u);
  // :LABEL columns add labels: Organisation rows are Company or University.
  const auto company = graph->dictionary().find(txn, NameKind::kLabel, "Company");
  const auto university = graph->dictionary().find(txn, NameKind::kLabel, "University");
  ASSERT_TRUE(company && university);
  EXPECT_EQ(graph->count_label(txn, *company) + graph->count_label(txn, *university), 7'955u);

  const NodeId mahinda = node_of(*graph, txn, "Person", Value(933));
  const auto rec = graph->get_node(txn, mahinda);
  EXPECT_EQ(labels_of(*graph, txn, *rec), (std::set<std::string>{"Person"}));
  const auto props = named(*graph, txn, rec->properties);
  EXPECT_EQ(props.at("id"), Value(933));
  EXPECT_EQ(props.at("firstName"), Value("Mahinda"));
  EXPECT_EQ(props.at("lastName"), Value("Perera"));
  EXPECT_EQ(props.at("gender"), Value("male"));
  EXPECT_EQ(props.at("birthday"), Value(19891203));
  EXPECT_EQ(props.at("creationDate"), Value(std::int64_t{20100214153210447}));
  EXPECT_EQ(props.at("browserUsed"), Value("Firefox"));

  // KNOWS neighbours of 933, from the files.
  std::multiset<std::int64_t> expected_out, expected_in;
  for (const char* f : {"Person_knows_Person.csv.zst", "Person_knows_Person_1.csv.zst"}) {
    std::istringstream in(
        guanxi::test_support::read_test_data(std::string("ldbc-sf01-people/") + f));
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      const auto a = line.find('|'), b = line.find('|', a + 1);
      const std::int64_t src = std::stoll(line.substr(0, a)),
                         dst = std::stoll(line.substr(a + 1, b - a - 1));
      if (src == 933) expected_out.insert(dst);
      if (dst == 933) expected_in.insert(src);
    }
  }
  ASSERT_FALSE(expected_out.empty());
  const TypeId knows = type_id(*graph, txn, "KNOWS");
  auto person_ids = [&](Direction d) {
    std::multiset<std::int64_t> out;
    for (const AdjacencyEntry& e :
         neighbours(txn, mahinda, d, std::span<const TypeId>(&knows, 1))) {
      out.insert(find_property(graph->get_node(txn, e.other())->properties,
                               *graph->dictionary().find(txn, NameKind::kPropertyKey, "id"))
                     ->as_int());
    }
    return out;
  };
  EXPECT_EQ(person_ids(Direction::kOut), expected_out);
  EXPECT_EQ(person_ids(Direction::kIn), expected_in);
  expect_clean(*graph);
}

}  // namespace
}  // namespace guanxi::storage
