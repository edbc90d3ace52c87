// ProjectionCache (query/procedures/projection_cache.h): found again only
// under the same key, least recently used out first within the budget,
// nothing of an older snapshot after a newer one or a commit.
#include "query/procedures/projection_cache.h"

#include <gtest/gtest.h>

#include <memory>

namespace guanxi::query {
namespace {

using algorithms::CsrBuilder;
using algorithms::CsrGraph;

// A path of `n` vertices: its memory grows with n.
std::shared_ptr<const CsrGraph> path(algorithms::Vertex n) {
  CsrBuilder builder(n, false);
  for (algorithms::Vertex v = 0; v + 1 < n; ++v) builder.add(v, v + 1);
  return std::make_shared<const CsrGraph>(builder.build());
}

ProjectionCache::Key key(std::uint64_t snapshot, std::vector<std::string> labels = {}) {
  algorithms::ProjectionConfig config;
  config.labels = std::move(labels);
  return ProjectionCache::Key::of(snapshot, config, nullptr);
}

TEST(ProjectionCacheTest, FindsOnlyTheSameKey) {
  ProjectionCache cache(1 << 20);
  auto graph = path(10);
  cache.put(key(5, {"Customer"}), graph);
  EXPECT_EQ(cache.find(key(5, {"Customer"})), graph);
  EXPECT_EQ(cache.find(key(5, {"Store"})), nullptr);
  EXPECT_EQ(cache.find(key(5)), nullptr);

  algorithms::ProjectionConfig undirected;
  undirected.orientation = algorithms::Orientation::kUndirected;
  EXPECT_EQ(cache.find(ProjectionCache::Key::of(5, undirected, nullptr)), nullptr);

  // A default weight without a weight changes nothing; with one it does.
  algorithms::ProjectionConfig defaulted;
  defaulted.labels = {"Customer"};
  defaulted.default_weight = 3;
  EXPECT_EQ(cache.find(ProjectionCache::Key::of(5, defaulted, nullptr)), graph);
  defaulted.weight = "w";
  EXPECT_EQ(cache.find(ProjectionCache::Key::of(5, defaulted, nullptr)), nullptr);

  const ProjectionCache::Figures f = cache.figures(nullptr);
  EXPECT_EQ(f.entries, 1u);
  EXPECT_EQ(f.hits, 2u);
  EXPECT_EQ(f.misses, 4u);
}

TEST(ProjectionCacheTest, AProjectionWithInListsServesALookupWithoutThemNotTheOtherWay) {
  ProjectionCache cache(1 << 20);
  algorithms::ProjectionConfig both, out_only;
  out_only.in_lists = false;
  auto full = path(10), half = path(8);
  cache.put(ProjectionCache::Key::of(3, out_only, nullptr), half);
  EXPECT_EQ(cache.find(ProjectionCache::Key::of(3, both, nullptr)), nullptr);
  EXPECT_EQ(cache.find(ProjectionCache::Key::of(3, out_only, nullptr)), half);
  cache.put(ProjectionCache::Key::of(3, both, nullptr), full);
  EXPECT_EQ(cache.find(ProjectionCache::Key::of(3, both, nullptr)), full);
  // Both now serve the lookup without in-lists: the most recently used one.
  EXPECT_EQ(cache.find(ProjectionCache::Key::of(3, out_only, nullptr)), full);

  // An undirected projection has its in-lists whatever was asked.
  both.orientation = out_only.orientation = algorithms::Orientation::kUndirected;
  cache.put(ProjectionCache::Key::of(3, out_only, nullptr), half);
  EXPECT_EQ(cache.find(ProjectionCache::Key::of(3, both, nullptr)), half);
}

TEST(ProjectionCacheTest, AViewIsPartOfTheKeyAndOfWhatFiguresShow) {
  ProjectionCache cache(1 << 20);
  auto everyone = path(10);
  auto fewer = path(6);
  auto decision = std::make_shared<int>(1);  // stands for a privacy decision
  algorithms::ProjectionConfig config;
  cache.put(ProjectionCache::Key::of(7, config, nullptr), everyone);
  cache.put(ProjectionCache::Key::of(7, config, decision), fewer);
  EXPECT_EQ(cache.find(ProjectionCache::Key::of(7, config, decision)), fewer);
  EXPECT_EQ(cache.find(ProjectionCache::Key::of(7, config, nullptr)), everyone);
  EXPECT_EQ(cache.find(ProjectionCache::Key::of(7, config, std::make_shared<int>(1))), nullptr);
  EXPECT_EQ(cache.figures(decision).entries, 1u);
  EXPECT_EQ(cache.figures(decision).bytes, fewer->memory_bytes());
  EXPECT_EQ(cache.figures(nullptr).bytes, everyone->memory_bytes());
}

TEST(ProjectionCacheTest, EvictsTheLeastRecentlyUsedBeyondTheBudget) {
  auto a = path(1000), b = path(1000), c = path(1000);
  ProjectionCache cache(a->memory_bytes() * 2 + a->memory_bytes() / 2);
  cache.put(key(1, {"A"}), a);
  cache.put(key(1, {"B"}), b);
  EXPECT_EQ(cache.find(key(1, {"A"})), a);  // A is now the most recent
  cache.put(key(1, {"C"}), c);
  EXPECT_EQ(cache.find(key(1, {"B"})), nullptr);
  EXPECT_EQ(cache.find(key(1, {"A"})), a);
  EXPECT_EQ(cache.find(key(1, {"C"})), c);
  EXPECT_LE(cache.figures(nullptr).bytes, a->memory_bytes() * 2 + a->memory_bytes() / 2);

  // A graph larger than the whole budget is not kept, and evicts nothing.
  cache.put(key(1, {"D"}), path(100000));
  EXPECT_EQ(cache.find(key(1, {"D"})), nullptr);
  EXPECT_EQ(cache.figures(nullptr).entries, 2u);
}

TEST(ProjectionCacheTest, ANewerSnapshotDropsTheOlderOnes) {
  ProjectionCache cache(1 << 20);
  auto old_graph = path(10);
  cache.put(key(3), old_graph);
  EXPECT_EQ(cache.find(key(4)), nullptr);
  EXPECT_EQ(cache.figures(nullptr).entries, 0u);
  // A statement still on snapshot 3 neither finds nor keeps anything.
  cache.put(key(3), old_graph);
  EXPECT_EQ(cache.find(key(3)), nullptr);
  EXPECT_EQ(cache.figures(nullptr).entries, 0u);
}

TEST(ProjectionCacheTest, AfterAClearTheSnapshotsSeenBeforeAreNotKept) {
  ProjectionCache cache(1 << 20);
  auto graph = path(10);
  cache.put(key(8), graph);
  cache.clear();
  EXPECT_EQ(cache.figures(nullptr).entries, 0u);
  // A statement that began before the commit that cleared the cache.
  cache.put(key(8), graph);
  EXPECT_EQ(cache.figures(nullptr).entries, 0u);
  cache.put(key(9), graph);
  EXPECT_EQ(cache.find(key(9)), graph);
}

TEST(ProjectionCacheTest, ABudgetOfZeroKeepsNothing) {
  ProjectionCache cache(0);
  cache.put(key(1), path(2));
  EXPECT_EQ(cache.find(key(1)), nullptr);
  EXPECT_EQ(cache.figures(nullptr).entries, 0u);
}

}  // namespace
}  // namespace guanxi::query
