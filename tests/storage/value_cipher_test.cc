// Sealing tagged values at rest (storage/value_cipher.h) through Graph: a
// sealed value opens only where it was sealed, equal values share a
// fingerprint whatever their nonce, index entries are fingerprints, a value
// whose subject key is erased no longer opens, and the upgrade to format 6
// seals a format-5 database's tagged values.
#include "storage/value_cipher.h"

#include <gtest/gtest.h>

#include "storage/erasure.h"
#include "storage/format_upgrade.h"
#include "storage/graph.h"
#include "storage/index_key_codec.h"
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

}  // namespace
}  // namespace guanxi::storage
