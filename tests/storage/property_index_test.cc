#include "storage/property_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "storage/index_key_codec.h"
#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

using test_support::TempGraph;

class PropertyIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    g_->write([&](WriteTransaction& txn) {
      customer_ = g_->dictionary().intern(txn, NameKind::kLabel, "Customer");
      other_ = g_->dictionary().intern(txn, NameKind::kLabel, "Other");
      email_ = g_->dictionary().intern(txn, NameKind::kPropertyKey, "email");
      spend_ = g_->dictionary().intern(txn, NameKind::kPropertyKey, "spend");
    });
  }
  NodeId add(std::vector<LabelId> labels, PropertyList props) {
    return g_->write([&](WriteTransaction& txn) { return g_->create_node(txn, labels, props); });
  }
  std::vector<NodeId> equal(PropertyKeyId key, const Value& v) {
    auto txn = g_->read();
    auto index = g_->indexes().find(txn, customer_, key);
    EXPECT_TRUE(index);
    auto out = g_->indexes().seek_equal(txn, *index, v);
    std::sort(out.begin(), out.end());
    return out;
  }
  std::vector<NodeId> range(PropertyKeyId key, std::optional<RangeBound> lo,
                            std::optional<RangeBound> hi) {
    auto txn = g_->read();
    auto index = g_->indexes().find(txn, customer_, key);
    EXPECT_TRUE(index);
    auto out = g_->indexes().seek_range(txn, *index, lo, hi);
    std::sort(out.begin(), out.end());
    return out;
  }
  void create(PropertyKeyId key, bool unique) {
    g_->write([&](WriteTransaction& txn) { g_->create_index(txn, customer_, key, unique); });
  }

  TempGraph g_;
  LabelId customer_ = 0, other_ = 0;
  PropertyKeyId email_ = 0, spend_ = 0;
};

TEST_F(PropertyIndexTest, BuiltOverExistingDataAndMaintained) {
  NodeId a = add({customer_}, {{email_, "a@x"}});
  NodeId b = add({customer_}, {{email_, "b@x"}});
  NodeId c = add({other_}, {{email_, "a@x"}});  // other label: not indexed
  create(email_, false);
  EXPECT_EQ(equal(email_, "a@x"), std::vector<NodeId>{a});
  NodeId d = add({customer_}, {{email_, "a@x"}});
  EXPECT_EQ(equal(email_, "a@x"), (std::vector<NodeId>{a, d}));
  g_->write([&](WriteTransaction& txn) {
    g_->set_node_property(txn, a, email_, "z@x");
    g_->add_label(txn, c, customer_);
    g_->delete_node(txn, b);
  });
  EXPECT_EQ(equal(email_, "a@x"), (std::vector<NodeId>{c, d}));
  EXPECT_EQ(equal(email_, "z@x"), std::vector<NodeId>{a});
  EXPECT_TRUE(equal(email_, "b@x").empty());
  g_->write([&](WriteTransaction& txn) { g_->remove_label(txn, d, customer_); });
  EXPECT_EQ(equal(email_, "a@x"), std::vector<NodeId>{c});
}

// The build walks the label's nodes with one cursor, stepping over short
// gaps and seeking over long ones: every indexed node must be found whatever
// lies between them, and keys arriving out of order must still be sorted.
TEST_F(PropertyIndexTest, BuiltOverScatteredNodesWithKeysOutOfOrder) {
  std::map<std::int64_t, NodeId> want;
  std::vector<NodeId> deleted;
  std::int64_t spend = 1000;
  for (int i = 0; i < 400; ++i) {
    // Gaps of 0 to 20 other nodes: within and beyond the cursor's steps.
    for (int gap = (i * 7) % 21; gap > 0; --gap) add({other_}, {{spend_, std::int64_t{-1}}});
    if (i % 9 == 0) {
      add({customer_}, {});  // a customer without the property
      continue;
    }
    const NodeId n = add({customer_}, {{spend_, spend}});
    if (i % 13 == 0) {
      deleted.push_back(n);
    } else {
      want[spend] = n;
    }
    spend -= 1 + i % 3;  // descending: the keys arrive out of order
  }
  g_->write([&](WriteTransaction& txn) {
    for (NodeId n : deleted) g_->delete_node(txn, n);
  });
  add({other_}, {{spend_, std::int64_t{5}}});  // the table's last record is not a customer
  create(spend_, false);
  for (const auto& [value, node] : want) {
    EXPECT_EQ(equal(spend_, Value(value)), std::vector<NodeId>{node}) << value;
  }
  std::vector<NodeId> all;
  for (const auto& [value, node] : want) all.push_back(node);
  std::sort(all.begin(), all.end());
  EXPECT_EQ(range(spend_, RangeBound{Value(std::int64_t{0})}, std::nullopt), all);
  EXPECT_TRUE(equal(spend_, Value(std::int64_t{-1})).empty());
}

TEST_F(PropertyIndexTest, UniqueConstraintEnforcedOnEveryWrite) {
  NodeId a = add({customer_}, {{email_, "a@x"}});
  create(email_, true);
  try {
    add({customer_}, {{email_, "a@x"}});
    FAIL();
  } catch (const StorageError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kConstraint);
    const std::string msg = e.what();
    EXPECT_NE(msg.find(":Customer(email)"), std::string::npos) << msg;
    EXPECT_NE(msg.find("\"a@x\""), std::string::npos) << msg;
  }
  NodeId b = add({customer_}, {{email_, "b@x"}});
  EXPECT_THROW(
      g_->write([&](WriteTransaction& txn) { g_->set_node_property(txn, b, email_, "a@x"); }),
      StorageError);
  NodeId c = add({other_}, {{email_, "a@x"}});
  EXPECT_THROW(g_->write([&](WriteTransaction& txn) { g_->add_label(txn, c, customer_); }),
               StorageError);
  // Setting a node's value to itself is no conflict; freeing a value lets another take it.
  g_->write([&](WriteTransaction& txn) { g_->set_node_property(txn, a, email_, "a@x"); });
  g_->write([&](WriteTransaction& txn) {
    g_->set_node_property(txn, a, email_, "new@x");
    g_->set_node_property(txn, b, email_, "a@x");
  });
  EXPECT_EQ(equal(email_, "a@x"), std::vector<NodeId>{b});
  auto txn = g_->read();
  EXPECT_EQ(g_->counters().node_count(txn), 3u);  // the failed creates left nothing
}

TEST_F(PropertyIndexTest, UniqueIndexOverDuplicatesIsRefused) {
  add({customer_}, {{email_, "same"}});
  add({customer_}, {{email_, "same"}});
  EXPECT_THROW(create(email_, true), StorageError);
  auto txn = g_->read();
  EXPECT_TRUE(g_->indexes().list(txn).empty());
}

TEST_F(PropertyIndexTest, DuplicateIndexAndDropMissing) {
  create(email_, false);
  EXPECT_THROW(create(email_, true), StorageError);
  g_->write([&](WriteTransaction& txn) { g_->drop_index(txn, customer_, email_); });
  try {
    g_->write([&](WriteTransaction& txn) { g_->drop_index(txn, customer_, email_); });
    FAIL();
  } catch (const StorageError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
  }
}

TEST_F(PropertyIndexTest, DropRemovesEntries) {
  add({customer_}, {{email_, "a"}});
  create(email_, false);
  g_->write([&](WriteTransaction& txn) { g_->drop_index(txn, customer_, email_); });
  auto txn = g_->read();
  MDB_stat st;
  mdb_stat(txn.raw(), g_->env().dbi().index, &st);
  EXPECT_EQ(st.ms_entries, 0u);
}

TEST_F(PropertyIndexTest, NumbersMeetAcrossIntAndFloat) {
  NodeId i1 = add({customer_}, {{spend_, 1}});
  NodeId f1 = add({customer_}, {{spend_, 1.0}});
  NodeId f15 = add({customer_}, {{spend_, 1.5}});
  NodeId neg = add({customer_}, {{spend_, -3}});
  NodeId big = add({customer_}, {{spend_, std::int64_t{9007199254740993}}});  // 2^53 + 1
  NodeId big2 = add({customer_}, {{spend_, std::int64_t{9007199254740992}}});
  add({customer_}, {{spend_, "not a number"}});
  create(spend_, false);
  EXPECT_EQ(equal(spend_, 1), (std::vector<NodeId>{i1, f1}));
  EXPECT_EQ(equal(spend_, 1.0), (std::vector<NodeId>{i1, f1}));
  EXPECT_EQ(equal(spend_, std::int64_t{9007199254740993}), std::vector<NodeId>{big});
  EXPECT_EQ(equal(spend_, std::int64_t{9007199254740992}), std::vector<NodeId>{big2});
  EXPECT_EQ(range(spend_, RangeBound{1, false}, RangeBound{2, true}), std::vector<NodeId>{f15});
  EXPECT_EQ(range(spend_, RangeBound{1, true}, RangeBound{1.5, true}),
            (std::vector<NodeId>{i1, f1, f15}));
  EXPECT_EQ(range(spend_, std::nullopt, RangeBound{0, true}), std::vector<NodeId>{neg});
  EXPECT_EQ(range(spend_, RangeBound{std::int64_t{9007199254740993}, true}, std::nullopt),
            std::vector<NodeId>{big});
  EXPECT_EQ(range(spend_, RangeBound{100, true}, std::nullopt), (std::vector<NodeId>{big, big2}));
  // A string bound ranges over strings only.
  EXPECT_EQ(range(spend_, RangeBound{"a", true}, std::nullopt).size(), 1u);
}

TEST_F(PropertyIndexTest, StringsShortLongAndRanges) {
  const std::string prefix(200, 'p');
  NodeId l1 = add({customer_}, {{email_, prefix + "1"}});
  NodeId l2 = add({customer_}, {{email_, prefix + "2"}});
  NodeId s = add({customer_}, {{email_, "b"}});
  NodeId zero = add({customer_}, {{email_, std::string("a\0b", 3)}});
  NodeId a = add({customer_}, {{email_, "a"}});
  create(email_, true);
  EXPECT_EQ(equal(email_, prefix + "1"), std::vector<NodeId>{l1});
  EXPECT_EQ(equal(email_, prefix + "2"), std::vector<NodeId>{l2});
  EXPECT_TRUE(equal(email_, prefix + "3").empty());
  EXPECT_EQ(equal(email_, std::string("a\0b", 3)), std::vector<NodeId>{zero});
  EXPECT_EQ(equal(email_, "a"), std::vector<NodeId>{a});
  EXPECT_EQ(range(email_, RangeBound{"a", false}, RangeBound{"b", true}),
            (std::vector<NodeId>{s, zero}));
  EXPECT_EQ(range(email_, RangeBound{prefix, true}, RangeBound{prefix + "1", true}),
            std::vector<NodeId>{l1});
  EXPECT_EQ(range(email_, RangeBound{"c", true}, std::nullopt), (std::vector<NodeId>{l1, l2}));
  // Unique check works on long strings too.
  EXPECT_THROW(add({customer_}, {{email_, prefix + "2"}}), StorageError);
}

TEST_F(PropertyIndexTest, ListsAreNotIndexed) {
  add({customer_}, {{email_, List{1, 2}}});
  create(email_, true);
  add({customer_}, {{email_, List{1, 2}}});  // no uniqueness over unindexable values
  EXPECT_TRUE(equal(email_, List{1, 2}).empty());
}

TEST(IndexKeyCodec, OrderMatchesValueOrder) {
  std::vector<Value> ordered = {-1e300, std::int64_t{-5},     -0.5, 0, 0.25, 1,
                                1.5,    std::int64_t{1} << 60};
  for (size_t i = 0; i + 1 < ordered.size(); ++i) {
    EXPECT_LT(encode_index_key(ordered[i]), encode_index_key(ordered[i + 1])) << i;
  }
  std::vector<std::string> strings = {"", "a", std::string("a\0", 2), "aa", "ab", "b"};
  for (size_t i = 0; i + 1 < strings.size(); ++i) {
    EXPECT_LT(encode_index_key(strings[i]), encode_index_key(strings[i + 1])) << i;
  }
  for (const Value& v :
       {Value(true), Value(2.5), Value("x"), Value(Date{-3}), Value(DateTime{7, 8, 3600, 0}),
        Value(Duration{1, 2, 3, 4}), Value(LocalTime{5}), Value(Time{6, -60}),
        Value(LocalDateTime{-7, 9}), Value(std::int64_t{9007199254740993})}) {
    auto d = decode_index_key(encode_index_key(v));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->value, v);
  }
  // An int a double holds exactly shares the float's key, and decodes as it.
  auto d = decode_index_key(encode_index_key(Value(-2)));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->value, Value(-2.0));
  EXPECT_FALSE(decode_index_key("\x20garbage"));
  EXPECT_FALSE(decode_index_key(""));
  // Strings no encoding makes (found by fuzzing): a whole string past the
  // inline length, a hashed one whose prefix is not exactly that length.
  const std::string whole =
      "\x30" + std::string(kMaxInlineIndexString + 1, 'x') + std::string(2, '\0');
  EXPECT_FALSE(decode_index_key(whole));
  const std::string hashed = "\x30" + std::string(kMaxInlineIndexString - 1, 'x') +
                             std::string(1, '\0') + "\x01" + std::string(8, 'h');
  EXPECT_FALSE(decode_index_key(hashed));
  const std::string longest =
      "\x30" + std::string(kMaxInlineIndexString, 'x') + std::string(2, '\0');
  ASSERT_TRUE(decode_index_key(longest));
  EXPECT_EQ(encode_index_key(decode_index_key(longest)->value), longest);
}

}  // namespace
}  // namespace guanxi::storage
