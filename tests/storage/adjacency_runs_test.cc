// AdjacencyRuns, the importer's grouping of adjacency entries: the counting
// sort over (node, type) buckets and the comparison sort for sparse node ids
// give the same runs, in key order, each sorted by (other, relationship).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>

#include "storage/import_writer.h"

namespace guanxi::storage {
namespace {

struct Expected {
  NodeId node;
  TypeId type;
  NodeId other;
  RelationshipId relationship;
  friend auto operator<=>(const Expected&, const Expected&) = default;
};

// Flattens runs back into (node, type, other, relationship), checking each run's key
// is new and ascending.
std::vector<Expected> flatten(const AdjacencyRuns& runs) {
  std::vector<Expected> out;
  const auto& r = runs.runs();
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (i > 0) {
      EXPECT_LT(std::tie(r[i - 1].node, r[i - 1].type), std::tie(r[i].node, r[i].type));
    }
    const std::uint64_t end = i + 1 < r.size() ? r[i + 1].begin : runs.entries().size();
    EXPECT_LT(r[i].begin, end);
    for (std::uint64_t j = r[i].begin; j < end; ++j) {
      out.push_back(
          {r[i].node, r[i].type, runs.entries()[j].other(), runs.entries()[j].relationship()});
    }
  }
  return out;
}

std::vector<Expected> expected(const std::vector<RelationshipChunk>& chunks, RelationshipId first,
                               bool in) {
  std::vector<Expected> out;
  RelationshipId relationship = first;
  for (const auto& c : chunks) {
    for (const auto& r : c.rows)
      out.push_back({in ? r.dst : r.src, r.type, in ? r.src : r.dst, relationship++});
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<RelationshipChunk> random_chunks(std::uint64_t node_base, std::uint64_t node_spread,
                                             int relationships) {
  std::mt19937_64 rng(7);
  std::vector<RelationshipChunk> chunks(3);
  for (int i = 0; i < relationships; ++i) {
    // Few nodes and types, so runs hold several entries and repeats of a pair.
    const NodeId src = node_base + rng() % 40 * node_spread;
    const NodeId dst = node_base + rng() % 40 * node_spread;
    const std::uint32_t type = std::uint32_t{3} + static_cast<std::uint32_t>(rng() % 3) * 5;
    chunks[rng() % 3].rows.push_back(RelationshipRow{src, dst, type, 0});
  }
  return chunks;
}

class AdjacencyRunsTest : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(AdjacencyRunsTest, GroupsByKeyAndSortsEachRun) {
  // Spread 1: dense ids, the counting sort; a huge spread: the sparse path.
  const auto chunks = random_chunks(1000, GetParam(), 5000);
  std::vector<const RelationshipChunk*> ptrs;
  for (const auto& c : chunks) ptrs.push_back(&c);
  AdjacencyRuns runs, reverse;
  for (Direction d : {Direction::kOut, Direction::kIn, Direction::kOut}) {  // the buffer is reused
    runs.build(ptrs, 100, d);
    EXPECT_EQ(flatten(runs), expected(chunks, 100, d == Direction::kIn));
    // The other direction derived from this one, without the rows.
    reverse.build_reverse(runs);
    EXPECT_EQ(flatten(reverse), expected(chunks, 100, d == Direction::kOut));
  }
}

INSTANTIATE_TEST_SUITE_P(DenseAndSparse, AdjacencyRunsTest,
                         ::testing::Values(std::uint64_t{1}, std::uint64_t{1} << 40));

// Enough entries for build_reverse to split the forward runs among threads:
// every split must give the runs one thread gives, whatever the thread count,
// and those runs must be the sorted ones.
TEST(AdjacencyRuns, ThreadsGiveTheRunsOneThreadGives) {
  std::mt19937_64 rng(11);
  std::vector<RelationshipChunk> chunks(4);
  for (int i = 0; i < (1 << 20) + 4321; ++i) {
    // Skewed ends (a few hubs hold most entries), so the parts' cuts fall
    // inside runs of very different lengths.
    const NodeId src = 500 + (rng() % 4 == 0 ? rng() % 8 : rng() % 60'000);
    const NodeId dst = 500 + (rng() % 4 == 0 ? rng() % 8 : rng() % 60'000);
    const auto type = static_cast<std::uint32_t>(rng() % 2);
    chunks[rng() % 4].rows.push_back(RelationshipRow{src, dst, type, 0});
  }
  std::vector<const RelationshipChunk*> ptrs;
  for (const auto& c : chunks) ptrs.push_back(&c);
  AdjacencyRuns one, spare;
  one.build(ptrs, 7, Direction::kOut, &spare, 1);
  const std::vector<Expected> want = flatten(one);
  ASSERT_EQ(want, expected(chunks, 7, false));
  AdjacencyRuns reverse_one;
  reverse_one.build_reverse(one, 1);
  const std::vector<Expected> want_reverse = flatten(reverse_one);
  ASSERT_EQ(want_reverse, expected(chunks, 7, true));
  for (unsigned threads : {2u, 3u, 8u}) {
    AdjacencyRuns many;
    many.build(ptrs, 7, Direction::kOut, &spare, threads);
    EXPECT_EQ(flatten(many), want) << threads << " threads";
    // Into the memory the build grouped its entries in, as the importer does.
    spare.build_reverse(many, threads);
    EXPECT_EQ(flatten(spare), want_reverse) << threads << " threads";
  }
}

TEST(AdjacencyRuns, EmptyInputHasNoRuns) {
  AdjacencyRuns runs;
  std::vector<RelationshipChunk> chunks(2);
  runs.build({&chunks[0], &chunks[1]}, 0, Direction::kOut);
  EXPECT_TRUE(runs.runs().empty());
  EXPECT_TRUE(runs.entries().empty());
  AdjacencyRuns reverse;
  reverse.build_reverse(runs);
  EXPECT_TRUE(reverse.runs().empty());
}

}  // namespace
}  // namespace guanxi::storage
