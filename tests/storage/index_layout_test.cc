// The property index's table layout: one key per value (1 and 1.0 share it),
// node ids as DUPSORT duplicates, ranges over keys, long strings checked
// against records, unique constraints, the ID-space entries sharing the table,
// and the integrity check's view of both.
#include <gtest/gtest.h>

#include <algorithm>

#include "storage/id_space.h"
#include "storage/index_key_codec.h"
#include "storage/integrity_check.h"
#include "storage/keys.h"
#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

using test_support::TempGraph;

constexpr std::int64_t k2p53 = std::int64_t{1} << 53;  // the last run of ints a double holds

class IndexLayoutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    g_->write([&](WriteTransaction& txn) {
      item_ = g_->dictionary().intern(txn, NameKind::kLabel, "Item");
      score_ = g_->dictionary().intern(txn, NameKind::kPropertyKey, "score");
      name_ = g_->dictionary().intern(txn, NameKind::kPropertyKey, "name");
    });
  }
  NodeId add(PropertyList props) {
    return g_->write([&](WriteTransaction& txn) { return g_->create_node(txn, {item_}, props); });
  }
  IndexInfo index(PropertyKeyId key, bool unique = false) {
    return g_->write(
        [&](WriteTransaction& txn) { return g_->create_index(txn, item_, key, unique); });
  }
  std::vector<NodeId> equal(const IndexInfo& i, const Value& v) {
    auto txn = g_->read();
    auto out = g_->indexes().seek_equal(txn, i, v);
    std::sort(out.begin(), out.end());
    return out;
  }
  std::vector<NodeId> range(const IndexInfo& i, const std::optional<RangeBound>& lo,
                            const std::optional<RangeBound>& hi) {
    auto txn = g_->read();
    auto out = g_->indexes().seek_range(txn, i, lo, hi);
    std::sort(out.begin(), out.end());
    return out;
  }
  // Keys of the index table and the duplicates under each.
  std::vector<std::size_t> duplicates_per_key() {
    auto txn = g_->read();
    Cursor cur(txn, g_->env().dbi().index);
    std::vector<std::size_t> out;
    MDB_val k, v;
    for (bool more = cur.get(k, v, MDB_FIRST); more; more = cur.get(k, v, MDB_NEXT_NODUP)) {
      std::size_t n = 0;
      EXPECT_EQ(mdb_cursor_count(cur.raw(), &n), 0);
      out.push_back(n);
    }
    return out;
  }
  static std::string dump(const IntegrityReport& r) {
    std::string out;
    for (const auto& p : r.problems) out += p.table + ": " + p.message + "\n";
    return out;
  }
  static bool mentions(const IntegrityReport& r, const std::string& text) {
    for (const auto& p : r.problems) {
      if (p.table == "index" && p.message.find(text) != std::string::npos) return true;
    }
    return false;
  }

  TempGraph g_;
  LabelId item_ = 0;
  PropertyKeyId score_ = 0, name_ = 0;
};

TEST(IndexKeyEncoding, EachNumberValueHasOneEncoding) {
  EXPECT_EQ(encode_index_key(Value(1)), encode_index_key(Value(1.0)));
  EXPECT_EQ(encode_index_key(Value(0)), encode_index_key(Value(-0.0)));
  EXPECT_EQ(encode_index_key(Value(k2p53)), encode_index_key(Value(9007199254740992.0)));
  EXPECT_EQ(encode_index_key(Value(1)).size(), 10u);
  // Beyond a double's precision an int keeps its exact value after the double.
  EXPECT_EQ(encode_index_key(Value(k2p53 + 1)).size(), 18u);
  EXPECT_NE(encode_index_key(Value(k2p53 + 1)), encode_index_key(Value(k2p53)));
  EXPECT_EQ(encode_index_key(Value(std::numeric_limits<std::int64_t>::max())).size(), 18u);
  EXPECT_EQ(encode_index_key(Value(std::numeric_limits<std::int64_t>::min())).size(),
            10u);  // -2^63
  // The 18-byte form of an int a double holds is not a valid key.
  std::string forged = encode_index_key(Value(k2p53 + 1)).substr(0, 9);
  forged.push_back(1);
  char exact[8];
  put_be64(exact, static_cast<std::uint64_t>(k2p53) ^ (std::uint64_t{1} << 63));
  forged.append(exact, 8);
  EXPECT_FALSE(decode_index_key(forged));
}

// No value encodes to a NaN (NaN is not indexable), so bytes that read as one
// are not a key; found by fuzz_records.
TEST(IndexKeyEncoding, NanBytesAreNotAKey) {
  EXPECT_FALSE(decode_index_key(std::string("\x20\0\0\0\0\0\0\0\0\0", 10)));
  std::string nan_key("\x20", 1);
  nan_key.append(8, '\xff');
  nan_key.push_back('\0');
  EXPECT_FALSE(decode_index_key(nan_key));
  EXPECT_TRUE(decode_index_key(encode_index_key(Value(2.5))));
}

TEST(IndexKeyEncoding, ATimeWhoseUtcValueOverflowsIsNotAKey) {
  // A time key (tag, flipped UTC nanoseconds, flipped offset) whose UTC value
  // is near the smallest int64 and whose offset is negative: adding the offset
  // overflowed (found by fuzz_records).
  const std::string forged(
      "\x48\x00\x00\x00\x00\x00\x00\x00\x01"
      "\x7f\xff\xff\xff\xff\xff\x2a\x09",
      17);
  EXPECT_FALSE(decode_index_key(forged));
}

TEST_F(IndexLayoutTest, IntAndFloatShareOneKeyWithBothNodes) {
  const NodeId i = add({{score_, 1}});
  const NodeId f = add({{score_, 1.0}});
  const NodeId other = add({{score_, 2}});
  const IndexInfo idx = index(score_);
  EXPECT_EQ(equal(idx, 1), (std::vector<NodeId>{i, f}));
  EXPECT_EQ(equal(idx, 1.0), (std::vector<NodeId>{i, f}));
  EXPECT_EQ(equal(idx, 2.0), std::vector<NodeId>{other});
  EXPECT_TRUE(equal(idx, 1.5).empty());
  EXPECT_EQ(duplicates_per_key(), (std::vector<std::size_t>{2, 1}));
  // Changing one node's value moves only its own duplicate.
  g_->write([&](WriteTransaction& txn) { g_->set_node_property(txn, f, score_, 2); });
  EXPECT_EQ(equal(idx, 1), std::vector<NodeId>{i});
  EXPECT_EQ(equal(idx, 2), (std::vector<NodeId>{f, other}));
  EXPECT_TRUE(check_integrity(*g_).ok()) << dump(check_integrity(*g_));
}

TEST_F(IndexLayoutTest, ManyDuplicatesOfOneValue) {
  // Enough nodes that the duplicates outgrow a sub-page and span pages.
  std::vector<NodeId> shared;
  g_->write([&](WriteTransaction& txn) {
    for (int n = 0; n < 3000; ++n) {
      const NodeId id =
          g_->create_node(txn, {item_}, {{score_, n % 3 == 0 ? Value(7) : Value(10000 + n)}});
      if (n % 3 == 0) shared.push_back(id);
    }
  });
  const IndexInfo idx = index(score_);
  EXPECT_EQ(equal(idx, 7.0), shared);
  // A range over the shared value and its neighbours reads every duplicate once.
  auto in_range = range(idx, RangeBound{6.5, false}, RangeBound{10001, true});
  EXPECT_EQ(in_range.size(), shared.size() + 1);  // and node 1, whose score is 10001
  g_->write([&](WriteTransaction& txn) {
    for (std::size_t n = 0; n < shared.size(); n += 2) g_->delete_node(txn, shared[n]);
  });
  std::vector<NodeId> left;
  for (std::size_t n = 1; n < shared.size(); n += 2) left.push_back(shared[n]);
  EXPECT_EQ(equal(idx, 7), left);
  auto r = check_integrity(*g_);
  EXPECT_TRUE(r.ok()) << dump(r);
  EXPECT_EQ(r.index_entries_checked, 3000 - (shared.size() + 1) / 2);
  g_->write([&](WriteTransaction& txn) { g_->drop_index(txn, item_, score_); });
  EXPECT_TRUE(duplicates_per_key().empty());
}

TEST_F(IndexLayoutTest, RangesAcrossIntsBeyondDoublePrecision) {
  // 2^53+1 rounds to 2^53, 2^53+3 and 2^53+5 round to 2^53+4: each sorts after
  // the float form of its double although 2^53+3 < 2^53+4.
  const NodeId a = add({{score_, k2p53}});
  const NodeId b = add({{score_, k2p53 + 1}});
  const NodeId c = add({{score_, k2p53 + 2}});
  const NodeId d = add({{score_, k2p53 + 3}});
  const NodeId e = add({{score_, 9007199254740996.0}});  // 2^53 + 4, a float
  const NodeId f = add({{score_, k2p53 + 5}});
  const NodeId g = add({{score_, -1.5}});
  const IndexInfo idx = index(score_);
  EXPECT_EQ(equal(idx, k2p53 + 3), std::vector<NodeId>{d});
  EXPECT_EQ(equal(idx, k2p53 + 4), std::vector<NodeId>{e});
  EXPECT_EQ(equal(idx, 9007199254740992.0), std::vector<NodeId>{a});
  EXPECT_EQ(range(idx, std::nullopt, RangeBound{k2p53 + 1, true}), (std::vector<NodeId>{a, b, g}));
  EXPECT_EQ(range(idx, std::nullopt, RangeBound{k2p53 + 3, true}),
            (std::vector<NodeId>{a, b, c, d, g}));
  EXPECT_EQ(range(idx, RangeBound{k2p53 + 3, false}, std::nullopt), (std::vector<NodeId>{e, f}));
  EXPECT_EQ(range(idx, RangeBound{k2p53 + 1, true}, RangeBound{k2p53 + 4, false}),
            (std::vector<NodeId>{b, c, d}));
  EXPECT_EQ(range(idx, RangeBound{-2, true}, RangeBound{k2p53, false}), std::vector<NodeId>{g});
}

TEST_F(IndexLayoutTest, LongStringsSharingAPrefix) {
  const std::string prefix(PropertyIndexes::kMaxInlineString, 'x');
  const NodeId a1 = add({{name_, prefix + "a"}});
  const NodeId a2 = add({{name_, prefix + "a"}});
  const NodeId b = add({{name_, prefix + "b"}});
  const NodeId exact = add({{name_, prefix}});  // inline: exactly the limit
  const IndexInfo idx = index(name_);
  EXPECT_EQ(equal(idx, prefix + "a"), (std::vector<NodeId>{a1, a2}));
  EXPECT_EQ(equal(idx, prefix + "b"), std::vector<NodeId>{b});
  EXPECT_EQ(equal(idx, prefix), std::vector<NodeId>{exact});
  EXPECT_TRUE(equal(idx, prefix + "c").empty());
  EXPECT_EQ(range(idx, RangeBound{prefix + "a", false}, std::nullopt), std::vector<NodeId>{b});
  EXPECT_EQ(range(idx, RangeBound{prefix, true}, RangeBound{prefix + "a", true}),
            (std::vector<NodeId>{a1, a2, exact}));
  auto r = check_integrity(*g_);
  EXPECT_TRUE(r.ok()) << dump(r);
}

TEST_F(IndexLayoutTest, UniqueConstraintTreatsOneAndOnePointZeroAsEqual) {
  add({{score_, 1}});
  const IndexInfo idx = index(score_, true);
  try {
    add({{score_, 1.0}});
    ADD_FAILURE() << "a second node with score 1.0 was accepted";
  } catch (const StorageError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kConstraint);
    EXPECT_NE(std::string(e.what()).find(":Item(score)"), std::string::npos) << e.what();
  }
  add({{score_, k2p53 + 1}});
  add({{score_, k2p53}});  // distinct from 2^53+1 although they share a double
  EXPECT_THROW(add({{score_, 9007199254740992.0}}), StorageError);
  EXPECT_EQ(duplicates_per_key(), (std::vector<std::size_t>{1, 1, 1}));
  // Creating a unique index over two equal numbers is refused.
  add({{name_, 3}});
  add({{name_, 3.0}});
  EXPECT_THROW(index(name_, true), StorageError);
  auto txn = g_->read();
  EXPECT_FALSE(g_->indexes().find(txn, item_, name_));
  EXPECT_EQ(g_->indexes().list(txn), std::vector<IndexInfo>{idx});
}

TEST_F(IndexLayoutTest, IdSpacesHaveTheirOwnTableAndEntriesAreReplaced) {
  NodeId first = 0, second = 0;
  IdSpaceInfo space;
  g_->write([&](WriteTransaction& txn) {
    first = g_->create_node(txn, {item_}, {{score_, 5}});
    space = g_->id_spaces().create(txn, "Item", IdKind::kInteger);
    IdSpaceWriter writer(txn, g_->id_spaces(), space);
    writer.put(Value(5), first);
    writer.put(Value(k2p53 + 1), first);
  });
  const IndexInfo idx = index(score_);
  g_->write([&](WriteTransaction& txn) {
    g_->delete_node(txn, first);
    second = g_->create_node(txn, {item_}, {{score_, 5}});
    IdSpaceWriter writer(txn, g_->id_spaces(), space);  // a later import reusing id 5
    writer.put(Value(5), second);
  });
  {
    auto txn = g_->read();
    EXPECT_EQ(g_->id_spaces().lookup(txn, space, Value(5)), second);
    EXPECT_FALSE(g_->id_spaces().lookup(txn, space, Value(k2p53 + 1)));  // its node is gone
    std::vector<std::pair<std::string, NodeId>> entries;
    g_->id_spaces().for_each_entry(txn, space, [&](std::string_view id, NodeId node) {
      entries.emplace_back(std::string(id), node);
    });
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0], std::make_pair(encode_index_key(Value(5)), second));
    MDB_stat st;
    mdb_stat(txn.raw(), g_->env().dbi().id_spaces, &st);
    EXPECT_EQ(st.ms_entries, 2u);
  }
  // The property index holds only its own entry.
  EXPECT_EQ(duplicates_per_key(), std::vector<std::size_t>{1});
  EXPECT_EQ(equal(idx, 5), std::vector<NodeId>{second});
  auto r = check_integrity(*g_);
  EXPECT_TRUE(r.ok()) << dump(r);
  // A damaged or unregistered id-space entry is reported against its table.
  g_->write([&](WriteTransaction& txn) {
    char id[8];
    put_be64(id, second);
    txn.put(g_->env().dbi().id_spaces, IdSpaces::plain_entry_key(space.id, Value("text")),
            std::string_view(id, 8));
    txn.put(g_->env().dbi().id_spaces, IdSpaces::plain_entry_key(space.id + 1, Value(1)),
            std::string_view(id, 8));
  });
  r = check_integrity(*g_);
  EXPECT_EQ(r.problem_count, 2u) << dump(r);
  bool damaged = false, unregistered = false;
  for (const auto& p : r.problems) {
    EXPECT_EQ(p.table, "idspace");
    damaged = damaged || p.message.find("space 'Item' is damaged") != std::string::npos;
    unregistered = unregistered || p.message.find("not registered") != std::string::npos;
  }
  EXPECT_TRUE(damaged && unregistered) << dump(r);
}

TEST_F(IndexLayoutTest, IntegrityCheckCatchesDanglingAndForeignEntries) {
  const NodeId n = add({{score_, 10}});
  const IndexInfo idx = index(score_);
  EXPECT_TRUE(check_integrity(*g_).ok());
  g_->write([&](WriteTransaction& txn) {
    char id[8];
    put_be64(id, 4242);  // no such node
    std::string key(4, '\0');
    put_be32(key.data(), idx.id);
    key += encode_index_key(Value(10));
    txn.put(g_->env().dbi().index, key, std::string_view(id, 8));
    put_be32(key.data(), idx.id + 7);  // an index the catalog does not know
    put_be64(id, n);
    txn.put(g_->env().dbi().index, key, std::string_view(id, 8));
  });
  auto r = check_integrity(*g_);
  EXPECT_TRUE(mentions(r, "entry for node 4242: the node does not exist")) << dump(r);
  EXPECT_TRUE(
      mentions(r, "index id " + std::to_string(idx.id + 7) + ", which is not in the catalog"))
      << dump(r);
  EXPECT_EQ(r.problem_count, 2u) << dump(r);
  // The seek returns what the table holds; the dangling id is the caller's to skip.
  EXPECT_EQ(equal(idx, 10), (std::vector<NodeId>{n, 4242}));
}

}  // namespace
}  // namespace guanxi::storage
