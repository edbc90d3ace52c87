// Sealing tagged values at rest (storage/value_cipher.h) through Graph: a
// sealed value opens only where it was sealed, equal values share a
// fingerprint whatever their nonce, index entries are fingerprints, a value
// whose subject key is erased no longer opens, the upgrade to format 6
// seals a format-5 database's tagged values, and the upgrade to format 10
// keys a format-9 database's import ID spaces by fingerprint.
#include "storage/value_cipher.h"

#include <gtest/gtest.h>

#include "storage/erasure.h"
#include "storage/format_upgrade.h"
#include "storage/graph.h"
#include "storage/index_key_codec.h"
#include "storage/integrity_check.h"
#include "storage/privacy_catalog.h"
#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

namespace fs = std::filesystem;
using test_support::TempGraph;

struct Names {
  LabelId customer = 0;
  PropertyKeyId phone = 0, name = 0;
};

Names intern(Graph& g) {
  return g.write([&](WriteTransaction& txn) {
    Names n;
    n.customer = g.dictionary().intern(txn, NameKind::kLabel, "Customer");
    n.phone = g.dictionary().intern(txn, NameKind::kPropertyKey, "phone");
    n.name = g.dictionary().intern(txn, NameKind::kPropertyKey, "name");
    return n;
  });
}

void tag_phone(Graph& g, const Names& n, bool seal) {
  g.write([&](WriteTransaction& txn) {
    put_tag(txn, {"pii", {MaskKind::kRedact, 0}, TaggedEntity::kNode, n.customer, {n.phone}});
    if (seal) g.reseal(txn, TaggedEntity::kNode, n.customer);
  });
}

const Value& stored(const NodeRecord& record, PropertyKeyId key) {
  const Value* v = find_property(record.properties, key);
  EXPECT_NE(v, nullptr);
  static const Value kNull;
  return v ? *v : kNull;
}

std::optional<Value> open_phone(Graph& g, NodeId id, const Names& n, NodeId as = 0,
                                std::optional<NodeId> subject = std::nullopt) {
  auto txn = g.read();
  const NodeRecord record = *g.get_node(txn, id);
  return g.cipher().unseal(txn, SealedEntity::kNode, as ? as : id, subject.value_or(id), n.phone,
                           stored(record, n.phone).as_sealed());
}

TEST(ValueCipher, TaggedValuesAreSealedAndOpenOnlyWhereTheyWereSealed) {
  TempGraph g;
  const Names n = intern(*g);
  tag_phone(*g, n, true);
  NodeId a = 0, b = 0;
  g->write([&](WriteTransaction& txn) {
    a = g->create_node(txn, {n.customer}, {{n.phone, "13800138000"}, {n.name, "张三"}});
    b = g->create_node(txn, {n.customer}, {{n.phone, "13800138000"}});
  });
  auto txn = g->read();
  const NodeRecord ra = *g->get_node(txn, a), rb = *g->get_node(txn, b);
  ASSERT_EQ(stored(ra, n.phone).type(), ValueType::kSealed);
  EXPECT_EQ(stored(ra, n.name), Value("张三"));
  const Sealed& sa = stored(ra, n.phone).as_sealed();
  const Sealed& sb = stored(rb, n.phone).as_sealed();
  // Equal values: one fingerprint, but different nonces and subject keys.
  EXPECT_EQ(sa.fingerprint, sb.fingerprint);
  EXPECT_NE(sa.box, sb.box);
  EXPECT_EQ(*open_phone(*g, a, n), Value("13800138000"));
  // Presented as another node's, or under another subject's key: no value.
  EXPECT_FALSE(open_phone(*g, a, n, /*as=*/b).has_value());
  EXPECT_FALSE(open_phone(*g, a, n, 0, /*subject=*/b).has_value());
  // Seeking by the plain value's fingerprint finds the sealed entries.
  const auto fingerprint = g->cipher().fingerprint(txn, Value("13800138000"));
  ASSERT_TRUE(fingerprint.has_value());
  EXPECT_EQ(encode_index_key(*fingerprint), encode_index_key(stored(ra, n.phone)));
}

TEST(ValueCipher, IndexEntriesOverTaggedValuesAreFingerprints) {
  TempGraph g;
  const Names n = intern(*g);
  g->write([&](WriteTransaction& txn) {
    g->create_index(txn, n.customer, n.phone, /*unique=*/true);
    g->create_node(txn, {n.customer}, {{n.phone, "13800138000"}});
  });
  tag_phone(*g, n, true);
  auto txn = g->read();
  const auto index = g->indexes().find(txn, n.customer, n.phone);
  ASSERT_TRUE(index.has_value());
  int entries = 0;
  g->indexes().for_each_entry(txn, *index, [&](NodeId, std::string_view key) {
    ++entries;
    EXPECT_EQ(static_cast<unsigned char>(key[0]), 0x70);
    EXPECT_EQ(key.find("13800138000"), std::string_view::npos);
  });
  EXPECT_EQ(entries, 1);
  EXPECT_TRUE(g->indexes().seek_equal(txn, *index, Value("13800138000")).empty());
  EXPECT_EQ(
      g->indexes().seek_equal(txn, *index, *g->cipher().fingerprint(txn, "13800138000")).size(),
      1u);
}

TEST(ValueCipher, AnErasedSubjectsValuesNoLongerOpen) {
  TempGraph g;
  const Names n = intern(*g);
  tag_phone(*g, n, true);
  NodeId a = 0, b = 0;
  g->write([&](WriteTransaction& txn) {
    a = g->create_node(txn, {n.customer}, {{n.phone, "13800138000"}});
    b = g->create_node(txn, {n.customer}, {{n.phone, "13900139000"}});
  });
  // The key alone goes (as when the database write after it failed).
  {
    auto txn = g->read();
    g->cipher().erase_subject_key(txn, a, 1);
  }
  EXPECT_FALSE(open_phone(*g, a, n).has_value());
  EXPECT_EQ(*open_phone(*g, b, n), Value("13900139000"));
  // The database lacks the erasure the key store lists: reopening applies it.
  {
    auto txn = g->read();
    EXPECT_TRUE(erasures_differ(*g, txn));
  }
  g.reopen();
  auto txn = g->read();
  EXPECT_FALSE(erasures_differ(*g, txn));
  EXPECT_EQ(find_property(g->get_node(txn, a)->properties, n.phone), nullptr);
  ASSERT_EQ(recorded_erasures(txn).size(), 1u);
  EXPECT_EQ(recorded_erasures(txn)[0], (Erasure{a, 1}));
}

TEST(ValueCipher, TheUpgradeToFormat6SealsTaggedValues) {
  TempGraph g;
  const Names n = intern(*g);
  NodeId a = 0;
  g->write([&](WriteTransaction& txn) {
    a = g->create_node(txn, {n.customer}, {{n.phone, "13800138000"}});
  });
  // A format-5 database: the tag's values stored as written.
  tag_phone(*g, n, /*seal=*/false);
  g->write([&](WriteTransaction& txn) {
    char version[4] = {0, 0, 0, 5};
    txn.put(txn.env().dbi().meta, kFormatMetaKey, std::string_view(version, 4));
  });
  g.close();
  const UpgradeReport report = upgrade_database(g.path());
  EXPECT_EQ(report.from, 5u);
  EXPECT_EQ(report.to, kFormatVersion);
  g.reopen();
  {
    auto txn = g->read();
    EXPECT_EQ(stored(*g->get_node(txn, a), n.phone).type(), ValueType::kSealed);
  }
  EXPECT_EQ(*open_phone(*g, a, n), Value("13800138000"));
}

TEST(ValueCipher, TheUpgradeToFormat10KeysTheIdSpacesByFingerprint) {
  TempGraph g;
  const Names n = intern(*g);
  // A long id is kept as a prefix and a hash (index_key_codec.h): its
  // fingerprint is taken from that encoding when converted, and must be the
  // one a lookup takes from the whole id.
  const std::string phone = "13800138000", long_id(200, 'x');
  NodeId a = 0, b = 0;
  IdSpaceInfo space;
  tag_phone(*g, n, /*seal=*/true);
  // A format-9 database with tags: its ids kept as they were imported.
  g->write([&](WriteTransaction& txn) {
    a = g->create_node(txn, {n.customer}, {{n.phone, phone}});
    b = g->create_node(txn, {n.customer}, {{n.phone, long_id}});
    space = g->id_spaces().create(txn, "Customer", IdKind::kString);
    txn.del(txn.env().dbi().meta, "idspace.fingerprints");
    for (const auto& [id, node] : {std::pair{phone, a}, std::pair{long_id, b}}) {
      char value[8];
      put_be64(value, node);
      txn.put(txn.env().dbi().id_spaces, IdSpaces::plain_entry_key(space.id, Value(id)),
              std::string_view(value, 8));
    }
    EXPECT_FALSE(g->id_spaces().keyed_by_fingerprint(txn));
    char version[4] = {0, 0, 0, 9};
    txn.put(txn.env().dbi().meta, kFormatMetaKey, std::string_view(version, 4));
  });
  g.close();
  const UpgradeReport report = upgrade_database(g.path());
  EXPECT_EQ(report.from, 9u);
  ASSERT_EQ(report.steps.size(), kFormatVersion - 9);
  EXPECT_NE(report.steps[0].find("ID spaces by fingerprint"), std::string::npos);
  g.reopen();
  {
    auto txn = g->read();
    IdSpaces& spaces = g->id_spaces();
    EXPECT_TRUE(spaces.keyed_by_fingerprint(txn));
    EXPECT_EQ(spaces.lookup(txn, space, Value(phone)), a);
    EXPECT_EQ(spaces.lookup(txn, space, Value(long_id)), b);
    EXPECT_FALSE(spaces.lookup(txn, space, Value("13900139000")));
    std::size_t entries = 0;
    spaces.for_each_entry(txn, space, [&](std::string_view key, NodeId) {
      const auto decoded = decode_index_key(key);
      ASSERT_TRUE(decoded);
      EXPECT_EQ(decoded->value.type(), ValueType::kSealed);
      ++entries;
    });
    EXPECT_EQ(entries, 2u);
  }
  auto r = check_integrity(*g);
  EXPECT_TRUE(r.ok()) << (r.problems.empty() ? "" : r.problems[0].message);
  // An id in the clear in a database keyed by fingerprint is damage.
  g->write([&](WriteTransaction& txn) {
    char id[8];
    put_be64(id, a);
    txn.put(txn.env().dbi().id_spaces, IdSpaces::plain_entry_key(space.id, Value("13900139000")),
            std::string_view(id, 8));
  });
  r = check_integrity(*g);
  ASSERT_EQ(r.problem_count, 1u);
  EXPECT_EQ(r.problems[0].table, "idspace");
  EXPECT_NE(r.problems[0].message.find("is damaged"), std::string::npos) << r.problems[0].message;
}

}  // namespace
}  // namespace guanxi::storage
