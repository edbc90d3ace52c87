// Adjacency blocks: the codec round-trips any sorted entries and refuses
// damaged bytes by name; runs are cut into blocks of the target size without
// splitting parallel entries; and the AdjacencyStore keeps a node's blocks
// in order through inserts and erases that split, empty and re-key them.
#include "storage/adjacency_block.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "storage/adjacency.h"
#include "storage/integrity_check.h"
#include "tests/storage/expect_storage_error.h"
#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

using testing::expect_storage_error;

std::vector<AdjacencyEntry> round_trip(const std::vector<AdjacencyEntry>& entries) {
  std::string block;
  encode_adjacency_block(entries, block);
  std::vector<AdjacencyEntry> out;
  decode_adjacency_block(block, out);
  EXPECT_EQ(adjacency_block_count(block), entries.size());
  // The others-only decode gives the same nodes, into a buffer that keeps
  // whatever a longer block left after them.
  std::vector<NodeId> others(entries.size() + 3, 99);
  const std::span<const NodeId> decoded = decode_adjacency_others_into(block, others);
  std::vector<NodeId> expected;
  expected.reserve(entries.size());
  for (const AdjacencyEntry& e : entries) expected.push_back(e.other());
  EXPECT_EQ(std::vector<NodeId>(decoded.begin(), decoded.end()), expected);
  return out;
}

std::string error_of(std::string_view block) {
  std::vector<AdjacencyEntry> out;
  const StorageError e = expect_storage_error([&] { decode_adjacency_block(block, out); });
  EXPECT_EQ(e.code(), ErrorCode::kCorruption);
  return e.what();
}

TEST(AdjacencyBlockTest, RoundTripsExtremesAndStepsBack) {
  const std::vector<AdjacencyEntry> entries = {
      AdjacencyEntry{0, 0},
      AdjacencyEntry{0, ~RelationshipId{0}},
      AdjacencyEntry{5, 7},
      AdjacencyEntry{5, 9},
      AdjacencyEntry{6, 1},  // relationship steps back: zigzag
      AdjacencyEntry{~NodeId{0} - 1, 3},
      AdjacencyEntry{~NodeId{0}, ~RelationshipId{0}},
  };
  EXPECT_EQ(round_trip(entries), entries);
}

TEST(AdjacencyBlockTest, RandomRunsRoundTrip) {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 200; ++round) {
    std::set<std::pair<NodeId, RelationshipId>> pairs;
    const int n = 1 + static_cast<int>(rng() % 300);
    const std::uint64_t spread = round % 2 ? 1000 : ~std::uint64_t{0};
    while (static_cast<int>(pairs.size()) < n) pairs.insert({rng() % spread, rng() % spread});
    std::vector<AdjacencyEntry> entries;
    entries.reserve(pairs.size());
    for (const auto& [o, r] : pairs) entries.push_back(AdjacencyEntry{o, r});
    ASSERT_EQ(round_trip(entries), entries);
  }
}

TEST(AdjacencyBlockTest, CloseNeighboursTakeAFewBitsEach) {
  // Neighbours 3 ids apart, relationships numbered in a row: 2 bits of delta
  // and 2 of step an entry, after the first entry's varints and the widths.
  std::vector<AdjacencyEntry> entries;
  for (std::uint64_t i = 0; i < 100; ++i)
    entries.push_back(AdjacencyEntry{1000 + 3 * i, 500000 + i});
  std::string block;
  encode_adjacency_block(entries, block);
  EXPECT_EQ(block.size(), 1 + 2 + 3 + 2 + 25 + 25);
}

TEST(AdjacencyBlockTest, DamageIsRefusedByName) {
  std::string block;
  // Multi-byte varints, so a block cut short ends inside one.
  const std::vector<AdjacencyEntry> two = {AdjacencyEntry{1, 1'000'000},
                                           AdjacencyEntry{2'000'000, 2'000'000}};
  encode_adjacency_block(two, block);
  EXPECT_NE(error_of("").find("truncated"), std::string::npos);
  EXPECT_NE(error_of(std::string(1, '\0')).find("bad count"), std::string::npos);
  EXPECT_NE(error_of(block.substr(0, block.size() - 1)).find("truncated"), std::string::npos);
  EXPECT_NE(error_of(block + "x").find("bytes after its entries"), std::string::npos);
  EXPECT_NE(error_of(std::string("\x01\x01\x01x", 4)).find("bytes after its entries"),
            std::string::npos);
  // A count the bytes cannot hold must not size an allocation.
  EXPECT_NE(error_of("\xff\xff\xff\xff\x0f\x01\x01\x01\x01\x00").find("bad count"),
            std::string::npos);
  EXPECT_NE(error_of(std::string("\x02\x01\x01\x41\x01\x00\x00", 7)).find("bad width"),
            std::string::npos);
  EXPECT_NE(error_of(std::string("\x02\x01\x01\x01\x00\x00", 6)).find("bad width"),
            std::string::npos);
  EXPECT_NE(
      error_of(std::string("\x01") + std::string(11, '\x80') + "\x01").find("longer than 10 bytes"),
      std::string::npos);
  // A second entry equal to the first: out of order.
  EXPECT_NE(error_of(std::string("\x02\x05\x02\x01\x01\x00\x00", 7)).find("out of order"),
            std::string::npos);
  // A node id that wraps past 2^64 - 1: out of order.
  EXPECT_NE(error_of(std::string("\x02") + std::string(9, '\xff') + "\x01\x01\x01\x02\x01\x02")
                .find("out of order"),
            std::string::npos);
}

TEST(AdjacencyBlockTest, OthersOnlyDecodeRefusesWhatItReads) {
  const auto others_error = [](std::string_view block) {
    std::vector<NodeId> out;
    const StorageError e = expect_storage_error([&] { decode_adjacency_others_into(block, out); });
    EXPECT_EQ(e.code(), ErrorCode::kCorruption);
    return std::string(e.what());
  };
  EXPECT_NE(others_error(std::string("\x02\x01\x01\x01", 4)).find("truncated"), std::string::npos);
  EXPECT_NE(others_error(std::string("\x02\x01\x01\x41\x01\x00\x00", 7)).find("bad width"),
            std::string::npos);
  EXPECT_NE(others_error(std::string("\x02") + std::string(9, '\xff') + "\x01\x01\x01\x02\x01\x02")
                .find("out of order"),
            std::string::npos);
  // Parallel entries repeat their node, one per relationship.
  std::string block;
  const std::vector<AdjacencyEntry> parallel = {AdjacencyEntry::make(4, 1, false),
                                                AdjacencyEntry::make(4, 9, true),
                                                AdjacencyEntry::make(6, 2, false)};
  encode_adjacency_block(parallel, block);
  std::vector<NodeId> out;
  const std::span<const NodeId> others = decode_adjacency_others_into(block, out);
  EXPECT_EQ(std::vector<NodeId>(others.begin(), others.end()), (std::vector<NodeId>{4, 4, 6}));
}

// Each width of the other-node deltas has its own unpacking loop, and the
// others-only decode sums as it unpacks: every width, in blocks short
// (decoded from a padded copy) and long (in place), with a partial group at
// the end.
TEST(AdjacencyBlockTest, EveryDeltaWidthRoundTrips) {
  std::mt19937_64 rng(5);
  for (unsigned width = 1; width <= 64; ++width) {
    const std::uint64_t widest = std::uint64_t{1} << (width - 1);  // exactly `width` bits
    for (const std::size_t n : {std::size_t{3}, std::size_t{19}, std::size_t{157}}) {
      std::vector<AdjacencyEntry> entries;
      NodeId other = rng() % 1000;
      for (std::size_t i = 0; i < n; ++i) {
        entries.push_back(AdjacencyEntry{other, 1'000 + i});
        // Random deltas of at most `width` bits, the first exactly `width`,
        // none carrying the node id past 2^64.
        const std::uint64_t room = (~NodeId{0} - other) / (n - i);
        const std::uint64_t top = std::min(room, widest | (widest - 1));
        other += i == 0 ? widest : 1 + rng() % top;
      }
      ASSERT_EQ(round_trip(entries), entries) << "width " << width << ", " << n << " entries";
    }
  }
}

// Deltas that carry the node id past 2^64 within a group of eight are damage.
TEST(AdjacencyBlockTest, OthersOnlyDecodeRefusesAWrapInsideAGroup) {
  for (const std::size_t deltas : {std::size_t{16}, std::size_t{200}}) {
    // count (a two-byte varint), first other 2^64 - 5, first relationship
    // 0, widths 4 and 1, every delta 1.
    std::string block;
    block.push_back(static_cast<char>(0x80 | ((deltas + 1) & 0x7f)));
    block.push_back(static_cast<char>((deltas + 1) >> 7));
    block += std::string("\xfb\xff\xff\xff\xff\xff\xff\xff\xff\x01", 10);
    block += std::string("\x00\x04\x01", 3);
    block += std::string(deltas / 2, '\x11');  // two 4-bit deltas of 1 a byte
    block += std::string(deltas / 8, '\x00');  // the steps, which this decode does not read
    std::vector<NodeId> out;
    const StorageError e = expect_storage_error([&] { decode_adjacency_others_into(block, out); });
    EXPECT_EQ(e.code(), ErrorCode::kCorruption);
  }
}

std::vector<AdjacencyEntry> spread_entries(std::size_t n, std::uint64_t step) {
  std::vector<AdjacencyEntry> entries;
  for (std::uint64_t i = 0; i < n; ++i)
    entries.push_back(AdjacencyEntry{i * step, 1'000'000 + 7 * i});
  return entries;
}

std::size_t encoded_size(std::span<const AdjacencyEntry> entries) {
  std::string block;
  encode_adjacency_block(entries, block);
  return block.size();
}

TEST(AdjacencyBlockTest, FillCutsKeepBlocksUnderTheTarget) {
  const auto entries = spread_entries(5000, 100'000);
  const std::vector<std::size_t> cuts = fill_block_cuts(entries);
  ASSERT_FALSE(cuts.empty());
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= cuts.size(); ++i) {
    const std::size_t end = i < cuts.size() ? cuts[i] : entries.size();
    ASSERT_LT(begin, end);
    const std::size_t size = encoded_size(std::span(entries).subspan(begin, end - begin));
    EXPECT_LE(size, kAdjacencyBlockBytes);
    // Filled: every block but the last is within an entry of the target.
    if (i < cuts.size()) {
      EXPECT_GT(size, kAdjacencyBlockBytes - 20);
    }
    begin = end;
  }
  EXPECT_TRUE(fill_block_cuts(spread_entries(10, 1)).empty());
}

TEST(AdjacencyBlockTest, ParallelEntriesAreNeverCut) {
  // 2,000 parallel entries to one node, between two single neighbours.
  std::vector<AdjacencyEntry> entries = {AdjacencyEntry{1, 5}};
  for (std::uint64_t r = 0; r < 2000; ++r) entries.push_back(AdjacencyEntry{2, 10 + r});
  entries.push_back(AdjacencyEntry{3, 1});
  for (std::size_t cut : fill_block_cuts(entries))
    EXPECT_NE(entries[cut - 1].other(), entries[cut].other()) << cut;
  const std::size_t half = half_block_cut(entries);
  ASSERT_NE(half, 0u);
  EXPECT_NE(entries[half - 1].other(), entries[half].other());
  const std::vector<AdjacencyEntry> one_run(entries.begin() + 1, entries.end() - 1);
  EXPECT_EQ(half_block_cut(one_run), 0u);
}

// The store, through a graph: a hub whose neighbours span many blocks, kept
// equal to a model through random inserts and erases.
class AdjacencyStoreTest : public ::testing::Test {
 protected:
  std::vector<AdjacencyEntry> stored(NodeId node, Direction d) {
    auto txn = g_->read();
    return neighbours(txn, node, d);
  }
  std::size_t blocks(NodeId node, Direction d) {
    auto txn = g_->read();
    AdjacencyCursor cursor(txn, d);
    std::size_t n = 0;
    cursor.for_each_block(node, node + 1,
                          [&](NodeId, TypeId, std::span<const AdjacencyEntry>) { ++n; });
    return n;
  }

  test_support::TempGraph g_;
};

TEST_F(AdjacencyStoreTest, RandomInsertsAndErasesKeepEveryBlockInOrder) {
  AdjacencyStore& store = g_->adjacency();
  constexpr NodeId kHub = 7;
  constexpr TypeId kType = 3;
  std::mt19937_64 rng(5);
  std::set<AdjacencyEntry> model;
  RelationshipId next = 1;
  for (int round = 0; round < 6; ++round) {
    g_->write([&](WriteTransaction& txn) {
      for (int i = 0; i < 1500; ++i) {
        if (model.empty() || rng() % 3 != 0) {
          // Few distinct neighbours, so some are parallel many times over.
          const NodeId other = rng() % 400 * 1'000'003;
          const bool has_record = rng() % 2 == 0;
          const AdjacencyEntry e = AdjacencyEntry::make(other, next++, has_record);
          store.insert(txn, kHub, other, kType, e.relationship(), has_record);
          model.insert(e);
        } else if (rng() % 4 == 0) {
          // The record bit of a stored entry flips in place.
          auto it = model.begin();
          std::advance(it, static_cast<long>(rng() % model.size()));
          const AdjacencyEntry flipped =
              AdjacencyEntry::make(it->other(), it->relationship(), !it->has_record());
          store.insert(txn, kHub, it->other(), kType, it->relationship(), flipped.has_record());
          model.erase(it);
          model.insert(flipped);
        } else {
          auto it = model.begin();
          std::advance(it, static_cast<long>(rng() % model.size()));
          store.erase(txn, kHub, it->other(), kType, it->relationship());
          model.erase(it);
        }
      }
    });
    ASSERT_EQ(stored(kHub, Direction::kOut),
              std::vector<AdjacencyEntry>(model.begin(), model.end()));
  }
  EXPECT_GT(blocks(kHub, Direction::kOut), 3u);
  auto txn = g_->read();
  AdjacencyCursor cursor(txn, Direction::kOut);
  // The others-only readers see the same nodes, block after block.
  std::vector<NodeId> expected_others, batch_others, block_others;
  expected_others.reserve(model.size());
  for (const auto& e : model) expected_others.push_back(e.other());
  cursor.for_each_others_batch(kHub, {}, [&](TypeId type, std::span<const NodeId> o) {
    EXPECT_EQ(type, kType);
    batch_others.insert(batch_others.end(), o.begin(), o.end());
  });
  cursor.for_each_others_block(
      0, kHub + 1, [](NodeId node, TypeId) { return node == kHub; },
      [&](NodeId node, TypeId, std::span<const NodeId> o) {
        EXPECT_EQ(node, kHub);
        block_others.insert(block_others.end(), o.begin(), o.end());
      });
  EXPECT_EQ(batch_others, expected_others);
  EXPECT_EQ(block_others, expected_others);
  EXPECT_EQ(cursor.degree(kHub), model.size());
  const AdjacencyEntry some = *std::next(model.begin(), static_cast<long>(model.size() / 2));
  EXPECT_TRUE(cursor.contains(kHub, kType, some.other(), some.relationship()));
  EXPECT_FALSE(cursor.contains(kHub, kType, some.other(), next + 1));
  std::vector<RelationshipId> to;
  for (const auto& e : model)
    if (e.other() == some.other()) to.push_back(e.relationship());
  EXPECT_EQ(cursor.relationships_to(kHub, kType, some.other()), to);
}

TEST_F(AdjacencyStoreTest, ErasingTheFirstBlockMovesTheNextUnderTheFirstKey) {
  AdjacencyStore& store = g_->adjacency();
  constexpr NodeId kHub = 1;
  constexpr TypeId kType = 0;
  std::vector<AdjacencyEntry> entries;
  g_->write([&](WriteTransaction& txn) {
    for (RelationshipId r = 0; r < 2000; ++r) {
      const AdjacencyEntry e = AdjacencyEntry::make(100 + r * 1'000'000'007, r, false);
      store.insert(txn, kHub, e.other(), kType, r, false);
      entries.push_back(e);
    }
  });
  ASSERT_GT(blocks(kHub, Direction::kOut), 2u);
  // Erase from the front until the first block is gone at least once.
  std::size_t erased = 0;
  const std::size_t before = blocks(kHub, Direction::kOut);
  while (blocks(kHub, Direction::kOut) == before) {
    g_->write([&](WriteTransaction& txn) {
      store.erase(txn, kHub, entries[erased].other(), kType, entries[erased].relationship());
    });
    ++erased;
  }
  {
    auto txn = g_->read();
    EXPECT_TRUE(txn.get(g_->env().dbi().out, AdjacencyKey(kHub, kType).view()).has_value());
  }
  EXPECT_EQ(
      stored(kHub, Direction::kOut),
      std::vector<AdjacencyEntry>(entries.begin() + static_cast<long>(erased), entries.end()));
  // An insert before every remaining neighbour lands in the (new) first block.
  g_->write([&](WriteTransaction& txn) { store.insert(txn, kHub, 1, kType, 99999, true); });
  EXPECT_EQ(stored(kHub, Direction::kOut).front(), AdjacencyEntry::make(1, 99999, true));
  // Erasing everything leaves no block behind.
  g_->write([&](WriteTransaction& txn) {
    for (const AdjacencyEntry& e : stored(kHub, Direction::kOut))
      store.erase(txn, kHub, e.other(), kType, e.relationship());
  });
  EXPECT_EQ(blocks(kHub, Direction::kOut), 0u);
}

TEST_F(AdjacencyStoreTest, GraphWithHubsAndParallelTiesPassesTheCheck) {
  g_->write([&](WriteTransaction& txn) {
    const TypeId knows = g_->dictionary().intern(txn, NameKind::kType, "KNOWS");
    const TypeId refers = g_->dictionary().intern(txn, NameKind::kType, "REFERRED");
    std::vector<NodeId> nodes;
    nodes.reserve(3000);
    for (int i = 0; i < 3000; ++i) nodes.push_back(g_->create_node(txn, {}, {}));
    for (int i = 1; i < 3000; ++i) g_->create_relationship(txn, nodes[0], nodes[i], knows, {});
    for (int i = 0; i < 500; ++i) g_->create_relationship(txn, nodes[1], nodes[2], refers, {});
    g_->create_relationship(txn, nodes[3], nodes[3], knows, {});
  });
  const IntegrityReport r = check_integrity(*g_);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.adjacency_checked, 2u * (2999 + 500 + 1));
  EXPECT_GT(blocks(0, Direction::kOut), 1u);
  auto txn = g_->read();
  EXPECT_EQ(degree(txn, 0, Direction::kOut), 2999u);
  EXPECT_EQ(degree(txn, 2, Direction::kIn), 501u);
}

}  // namespace
}  // namespace guanxi::storage
