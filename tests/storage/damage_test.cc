// Damaged records: bytes flipped inside a database file are reported as
// corruption naming the record, by reads and by the integrity check; and the
// record decoders survive every truncation, bit flip and random input without
// crashing or reading out of bounds (this test also runs under ASan).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "storage/bytes.h"
#include "storage/graph.h"
#include "storage/integrity_check.h"
#include "storage/record_codec.h"
#include "tests/support/file_bytes.h"
#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

namespace fs = std::filesystem;
using test_support::read_file;
using test_support::write_file;

// Every offset at which `needle` occurs in `haystack`.
std::vector<std::size_t> find_all(const std::string& haystack, std::string_view needle) {
  std::vector<std::size_t> at;
  for (std::size_t p = haystack.find(needle); p != std::string::npos;
       p = haystack.find(needle, p + 1)) {
    at.push_back(p);
  }
  return at;
}

// The StorageError `f` throws; fails the test if it throws nothing or
// anything else.
template <typename F>
std::optional<StorageError> storage_error_of(F&& f) {
  try {
    f();
  } catch (const StorageError& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "threw a non-storage exception: " << e.what();
    return std::nullopt;
  }
  ADD_FAILURE() << "threw nothing";
  return std::nullopt;
}

bool mentions(const IntegrityReport& report, const std::string& what) {
  for (const auto& p : report.problems) {
    if (p.message.find(what) != std::string::npos) return true;
  }
  return false;
}

std::string describe(const IntegrityReport& report) {
  std::string s;
  for (const auto& p : report.problems) s += "  [" + p.table + "] " + p.message + "\n";
  return s;
}

class DamageTest : public ::testing::Test {
 protected:
  static constexpr char kNodeNeedle[] = "NEEDLE-node-7f3a9c";
  static constexpr char kRelationshipNeedle[] = "NEEDLE-relationship-b81e55";
  static constexpr char kRelationshipTruncated[] = "NEEDLE-relationship-c0ffee";

  void SetUp() override { fs::create_directories(root_); }

  // A small graph in one transaction, so each record is on disk once.
  void build(const fs::path& db) {
    EnvironmentOptions o;
    o.durable = false;
    auto graph = Graph::open(db, o);
    graph->write([&](WriteTransaction& txn) {
      auto& d = graph->dictionary();
      person_ = d.intern(txn, NameKind::kLabel, "Person");
      name_ = d.intern(txn, NameKind::kPropertyKey, "name");
      age_ = d.intern(txn, NameKind::kPropertyKey, "age");
      note_ = d.intern(txn, NameKind::kPropertyKey, "note");
      knows_ = d.intern(txn, NameKind::kType, "KNOWS");
      std::vector<NodeId> people;
      people.reserve(20);
      for (int i = 0; i < 20; ++i) {
        people.push_back(graph->create_node(
            txn, {person_},
            {{name_, Value("person-" + std::to_string(i))}, {age_, Value(20 + i)}}));
      }
      needle_node_ =
          graph->create_node(txn, {person_}, {{name_, Value(kNodeNeedle)}, {age_, Value(50)}});
      for (int i = 0; i < 10; ++i)
        graph->create_relationship(txn, people[i], people[i + 1], knows_, {});
      needle_relationship_ = {graph->create_relationship(txn, needle_node_, people[0], knows_,
                                                         {{note_, Value(kRelationshipNeedle)}}),
                              needle_node_, people[0], knows_};
      truncated_relationship_ = {
          graph->create_relationship(txn, people[3], needle_node_, knows_,
                                     {{note_, Value(kRelationshipTruncated)}}),
          people[3], needle_node_, knows_};
      intact_node_ = people[5];
      graph->create_index(txn, person_, age_, false);
    });
  }

  test_support::TempDir dir_;  // removed with the fixture
  const fs::path root_ = dir_.path();
  LabelId person_ = 0;
  PropertyKeyId name_ = 0, age_ = 0, note_ = 0;
  TypeId knows_ = 0;
  NodeId needle_node_ = 0, intact_node_ = 0;
  RelationshipRef needle_relationship_, truncated_relationship_;
};

TEST_F(DamageTest, FlippedBytesInAFileCopyAreReportedNamingTheRecord) {
  const fs::path original = root_ / "original";
  const fs::path copy = root_ / "copy";
  build(original);
  fs::copy(original, copy, fs::copy_options::recursive);

  std::string data = read_file(copy / "data.mdb");
  const auto node_hits = find_all(data, kNodeNeedle);
  const auto relationship_hits = find_all(data, kRelationshipNeedle);
  const auto truncated_hits = find_all(data, kRelationshipTruncated);
  ASSERT_FALSE(node_hits.empty()) << "node value not found in data.mdb";
  ASSERT_FALSE(relationship_hits.empty());
  ASSERT_FALSE(truncated_hits.empty());
  for (std::size_t at : node_hits) data[at + 3] ^= 0x20;  // "NEEDLE" -> "NEEdLE"
  for (std::size_t at : relationship_hits) data[at + 8] ^= 0x01;
  // The length byte in front of the string: the record now claims a shorter
  // string followed by a stray byte.
  for (std::size_t at : truncated_hits) {
    ASSERT_EQ(static_cast<unsigned char>(data[at - 1]), sizeof(kRelationshipTruncated) - 1);
    data[at - 1] = static_cast<char>(sizeof(kRelationshipTruncated) - 3);
  }
  write_file(copy / "data.mdb", data);

  std::unique_ptr<Graph> graph;
  ASSERT_NO_THROW(graph = Graph::open(copy)) << "a database with damaged records must open";
  {
    ReadTransaction txn = graph->read();
    const auto node_error = storage_error_of([&] { graph->get_node(txn, needle_node_); });
    ASSERT_TRUE(node_error.has_value());
    EXPECT_EQ(node_error->code(), ErrorCode::kCorruption) << node_error->what();
    EXPECT_NE(std::string(node_error->what()).find("node " + std::to_string(needle_node_)),
              std::string::npos)
        << node_error->what();

    for (const RelationshipRef& relationship : {needle_relationship_, truncated_relationship_}) {
      const auto relationship_error =
          storage_error_of([&] { graph->get_relationship(txn, relationship); });
      ASSERT_TRUE(relationship_error.has_value());
      EXPECT_EQ(relationship_error->code(), ErrorCode::kCorruption) << relationship_error->what();
      EXPECT_NE(std::string(relationship_error->what())
                    .find("relationship " + std::to_string(relationship.id)),
                std::string::npos)
          << relationship_error->what();
    }

    // Undamaged records still read, and adjacency (separate from records) works.
    const auto intact = graph->get_node(txn, intact_node_);
    ASSERT_TRUE(intact.has_value());
    EXPECT_EQ(find_property(intact->properties, name_)->as_string(), "person-5");
    EXPECT_EQ(degree(txn, needle_node_, Direction::kBoth), 2u);
  }

  IntegrityReport report;
  ASSERT_NO_THROW(report = check_integrity(*graph));
  EXPECT_FALSE(report.ok());
  EXPECT_GE(report.problem_count, 3u) << describe(report);
  EXPECT_TRUE(mentions(report, "node " + std::to_string(needle_node_))) << describe(report);
  EXPECT_TRUE(mentions(report, "relationship " + std::to_string(needle_relationship_.id)))
      << describe(report);
  EXPECT_TRUE(mentions(report, "relationship " + std::to_string(truncated_relationship_.id)))
      << describe(report);

  // The original is untouched and clean.
  graph.reset();
  auto clean = Graph::open(original);
  const IntegrityReport clean_report = check_integrity(*clean);
  EXPECT_TRUE(clean_report.ok()) << describe(clean_report);
  ReadTransaction txn = clean->read();
  EXPECT_EQ(find_property(clean->get_node(txn, needle_node_)->properties, name_)->as_string(),
            kNodeNeedle);
}

TEST_F(DamageTest, ADamagedChecksumIsReportedForThatRecordAlone) {
  const fs::path db = root_ / "db";
  build(db);
  // Flip the last byte of the node's checksum: the 4 bytes right after its
  // last property, the int 50 (age key, type byte, one-byte zigzag varint).
  std::string data = read_file(db / "data.mdb");
  const auto hits = find_all(data, kNodeNeedle);
  ASSERT_EQ(hits.size(), 1u);
  const std::size_t after = hits[0] + sizeof(kNodeNeedle) - 1;
  // Properties are sorted by key id: name (interned before age) comes first.
  ASSERT_LT(name_, age_);
  const std::size_t checksum_at = after + 3;  // key varint, type byte, value varint
  ASSERT_EQ(static_cast<unsigned char>(data[after + 1]), static_cast<unsigned>(ValueType::kInt));
  data[checksum_at + 3] = static_cast<char>(data[checksum_at + 3] ^ 0x80);
  write_file(db / "data.mdb", data);

  auto graph = Graph::open(db);
  ReadTransaction txn = graph->read();
  const auto e = storage_error_of([&] { graph->get_node(txn, needle_node_); });
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->code(), ErrorCode::kCorruption);
  EXPECT_NE(std::string(e->what()).find("checksum"), std::string::npos) << e->what();
  const IntegrityReport report = check_integrity(*graph);
  EXPECT_FALSE(report.ok());
  const std::string named = "node " + std::to_string(needle_node_);
  EXPECT_TRUE(mentions(report, named)) << describe(report);
  for (const auto& p : report.problems) {
    EXPECT_NE(p.message.find(named), std::string::npos) << "a problem elsewhere: " << p.message;
  }
}

// --- decoders on hostile bytes -----------------------------------------------

std::string seal(std::string body) {
  const std::uint32_t sum = record_checksum(body);
  ByteWriter(&body).u32le(sum);
  return body;
}

NodeRecord rich_node() {
  NodeRecord r;
  r.labels = {1, 5, 300, 70000};
  r.properties = {
      {1, Value(true)},
      {2, Value(std::int64_t{-9'000'000'000'000'000'000})},
      {3, Value(3.25)},
      {4, Value(std::string(200, 'q'))},
      {5, Value(List{Value(1), Value("two"), Value(List{Value(3.0), Value()})})},
      {6, Value::map({{"b", Value(2)}, {"a", Value(List{Value(false)})}})},
      {7, Value(Date{-719162})},
      {8, Value(DateTime{1'700'000'000, 123'456'789, 19'800, 0})},
      {9, Value(Duration{14, -3, 5, 1})},
      {10, Value(LocalTime{1})},
      {11, Value(Time{2, -3600})},
      {12, Value(LocalDateTime{3, 4})},
      {300, Value("")},
  };
  return r;
}

RelationshipRecord rich_relationship() {
  RelationshipRecord r;
  r.src = 123456789012ULL;
  r.dst = 7;
  r.type = 4;
  r.properties = rich_node().properties;
  return r;
}

// Decodes `bytes` as a node, a relationship and relationship endpoints: each must either decode
// or throw kCorruption naming the record. Returns how many threw.
int decode_all_ways(std::string_view bytes) {
  int threw = 0;
  const auto guard = [&](const char* what, const std::string& name, auto&& f) {
    try {
      f();
    } catch (const StorageError& e) {
      ++threw;
      EXPECT_EQ(e.code(), ErrorCode::kCorruption) << what << ": " << e.what();
      EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
    } catch (const std::exception& e) {
      ADD_FAILURE() << what << " threw a non-storage exception: " << e.what();
    }
  };
  guard("decode_node", "node 77", [&] { decode_node(bytes, 77); });
  guard("decode_relationship", "relationship 78", [&] { decode_relationship(bytes, 78); });
  guard("decode_relationship_endpoints", "relationship 79",
        [&] { decode_relationship_endpoints(bytes, 79); });
  return threw;
}

TEST(DecoderDamageTest, RoundTripsTheRecordsUsedBelow) {
  EXPECT_EQ(decode_node(encode_node(rich_node()), 1), rich_node());
  EXPECT_EQ(decode_relationship(encode_relationship(rich_relationship()), 1), rich_relationship());
  const RelationshipRecord ends =
      decode_relationship_endpoints(encode_relationship(rich_relationship()), 1);
  EXPECT_EQ(ends.src, rich_relationship().src);
  EXPECT_EQ(ends.dst, rich_relationship().dst);
  EXPECT_EQ(ends.type, rich_relationship().type);
}

TEST(DecoderDamageTest, EveryTruncationAndBitFlipOfASealedRecordIsCaught) {
  for (const std::string& record :
       {encode_node(rich_node()), encode_relationship(rich_relationship())}) {
    for (std::size_t len = 0; len < record.size(); ++len) {
      SCOPED_TRACE("truncated to " + std::to_string(len));
      const std::string cut = record.substr(0, len);  // own buffer: ASan sees overreads
      EXPECT_EQ(decode_all_ways(cut), 3);
    }
    for (std::size_t bit = 0; bit < record.size() * 8; ++bit) {
      std::string flipped = record;
      flipped[bit / 8] = static_cast<char>(flipped[bit / 8] ^ (1 << (bit % 8)));
      SCOPED_TRACE("bit " + std::to_string(bit));
      EXPECT_EQ(decode_all_ways(flipped), 3);
    }
  }
}

// Damage with a recomputed checksum reaches the decoder proper.
TEST(DecoderDamageTest, ResealedTruncationsAndBitFlipsDecodeOrReportDamage) {
  for (const std::string& record :
       {encode_node(rich_node()), encode_relationship(rich_relationship())}) {
    const std::string body = record.substr(0, record.size() - 4);
    for (std::size_t len = 0; len < body.size(); ++len) {
      SCOPED_TRACE("body truncated to " + std::to_string(len));
      decode_all_ways(seal(body.substr(0, len)));
    }
    for (std::size_t bit = 0; bit < body.size() * 8; ++bit) {
      std::string flipped = body;
      flipped[bit / 8] = static_cast<char>(flipped[bit / 8] ^ (1 << (bit % 8)));
      SCOPED_TRACE("body bit " + std::to_string(bit));
      decode_all_ways(seal(flipped));
    }
    for (std::size_t at = 0; at < body.size(); ++at) {
      for (unsigned char b : {0x00, 0x7f, 0x80, 0xff}) {
        std::string changed = body;
        changed[at] = static_cast<char>(b);
        decode_all_ways(seal(changed));
      }
    }
  }
}

TEST(DecoderDamageTest, RandomBytesDecodeOrReportDamage) {
  std::mt19937_64 rng(20240601);
  int raw_threw = 0;
  for (int i = 0; i < 20'000; ++i) {
    std::string bytes(rng() % 96, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    raw_threw += decode_all_ways(bytes) == 3;
    // Sealed random bodies biased toward small bytes, which look like counts,
    // ids and type tags.
    for (char& c : bytes) c = static_cast<char>(rng() % 3 == 0 ? rng() : rng() % 12);
    decode_all_ways(seal(bytes));
  }
  // Unsealed random bytes almost never carry a valid checksum.
  EXPECT_GE(raw_threw, 19'990);
}

TEST(DecoderDamageTest, HostileStructuresAreReportedAsDamage) {
  const auto node_body = [](std::initializer_list<std::uint64_t> varints,
                            std::string_view tail = {}) {
    std::string body;
    ByteWriter w(&body);
    for (std::uint64_t v : varints) w.varint(v);
    body += tail;
    return body;
  };
  std::vector<std::pair<std::string, std::string>> cases;
  // Lists nested far deeper than kMaxValueDepth: must not exhaust the stack.
  {
    std::string deep;
    ByteWriter w(&deep);
    w.varint(0);  // no labels
    w.varint(1);  // one property
    w.varint(1);  // key
    for (int i = 0; i < 200'000; ++i) {
      w.u8(static_cast<std::uint8_t>(ValueType::kList));
      w.varint(1);
    }
    w.u8(static_cast<std::uint8_t>(ValueType::kNull));
    cases.emplace_back("deep nesting", deep);
  }
  cases.emplace_back("huge label count", node_body({~std::uint64_t{0} >> 1}));
  cases.emplace_back("label id over 32 bits", node_body({1, std::uint64_t{1} << 40, 0}));
  cases.emplace_back("labels out of order", node_body({2, 5, 3, 0}));
  cases.emplace_back("duplicate labels", node_body({2, 5, 5, 0}));
  cases.emplace_back("huge property count", node_body({0, std::uint64_t{1} << 62}));
  cases.emplace_back("keys out of order", node_body({0, 2, 4, 0, 3, 0}));
  cases.emplace_back("unknown type", node_body({0, 1, 1}, std::string(1, '\xc8')));
  cases.emplace_back("bad bool", node_body({0, 1, 1, 1, 2}));
  cases.emplace_back("string longer than record", node_body({0, 1, 1, 4, 1000}, "abc"));
  cases.emplace_back("list count past end", node_body({0, 1, 1, 5, 1'000'000}));
  cases.emplace_back("map key past end", node_body({0, 1, 1, 6, 1, 50}, "k"));
  cases.emplace_back("float cut short", node_body({0, 1, 1, 3}, "1234"));
  cases.emplace_back("eleven-byte varint", std::string(11, '\xff') + std::string(1, '\0'));
  cases.emplace_back("trailing bytes", node_body({0, 0, 9}));
  for (const auto& [name, body] : cases) {
    SCOPED_TRACE(name);
    const std::string sealed = seal(body);
    const auto e = storage_error_of([&] { decode_node(sealed, 5); });
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->code(), ErrorCode::kCorruption) << e->what();
    EXPECT_NE(std::string(e->what()).find("node 5"), std::string::npos) << e->what();
    decode_all_ways(sealed);
  }
}

}  // namespace
}  // namespace guanxi::storage
