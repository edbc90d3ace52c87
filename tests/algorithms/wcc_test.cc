#include "algorithms/community/wcc.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <queue>

#include "tests/algorithms/community_reference.h"
#include "tests/algorithms/graphalytics.h"

namespace guanxi::algorithms {
namespace {

using community_test::random_graph;

// Component labels by BFS over both arc directions: the smallest vertex.
std::vector<std::uint64_t> bfs_components(const CsrGraph& g) {
  const Vertex n = g.vertex_count();
  std::vector<std::uint64_t> label(n, UINT64_MAX);
  for (Vertex s = 0; s < n; ++s) {
    if (label[s] != UINT64_MAX) continue;
    std::queue<Vertex> queue;
    queue.push(s);
    label[s] = s;  // s is the smallest unlabelled vertex, so the smallest of its component
    while (!queue.empty()) {
      const Vertex v = queue.front();
      queue.pop();
      for (auto list : {g.out(v), g.in(v)}) {
        for (Vertex u : list) {
          if (label[u] == UINT64_MAX) {
            label[u] = s;
            queue.push(u);
          }
        }
      }
    }
  }
  return label;
}

class WccGraphalytics : public testing::TestWithParam<const char*> {};

TEST_P(WccGraphalytics, EqualsReference) {
  const auto d = graphalytics::load(GetParam());
  const auto expected = graphalytics::expected_integers(d, "WCC");
  const WccResult r = wcc(d.graph);
  ASSERT_EQ(r.component.size(), expected.size());
  for (Vertex v = 0; v < d.graph.vertex_count(); ++v) {
    EXPECT_EQ(d.original_ids[r.component[v]], expected[v])
        << GetParam() << " vertex " << d.original_ids[v];
  }
}

INSTANTIATE_TEST_SUITE_P(Graphs, WccGraphalytics,
                         testing::Values("example-directed", "example-undirected",
                                         "test-wcc-directed", "test-wcc-undirected"));

TEST(Wcc, AgreesWithBfsOnRandomGraphs) {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const bool undirected = seed % 2 == 0;
    const Vertex n = 200 + static_cast<Vertex>(seed) * 150;
    // Sparse enough (m ≈ 0.6 n) to leave many components of varied size.
    const CsrGraph g = random_graph(n, n * 6 / 10, undirected, seed);
    const WccResult r = wcc(g, WccConfig{.concurrency = static_cast<int>(seed % 3)});
    const auto expected = bfs_components(g);
    EXPECT_EQ(r.component, expected) << "seed " << seed;
    std::uint64_t roots = 0;
    for (Vertex v = 0; v < n; ++v) roots += expected[v] == v;
    EXPECT_EQ(r.component_count, roots);
    EXPECT_GT(roots, 10u);
  }
}

TEST(Wcc, AGiantComponentAndItsStragglersAgreeWithBfs) {
  // Dense enough (m = 1.2 n) that most vertices form one giant component,
  // whose lists Afforest skips after sampling, with small components and
  // isolated vertices beside it: every relationship from the giant to another
  // component must still be met from the other end (through the in-lists when
  // directed).
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    const bool undirected = seed % 2 == 0;
    const Vertex n = 3000 + static_cast<Vertex>(seed) * 20000;
    const CsrGraph g = random_graph(n, n * 12 / 10, undirected, seed);
    const WccResult r = wcc(g, WccConfig{.concurrency = static_cast<int>(seed % 3)});
    const auto expected = bfs_components(g);
    EXPECT_EQ(r.component, expected) << "seed " << seed;
    std::map<std::uint64_t, Vertex> sizes;
    for (Vertex v = 0; v < n; ++v) ++sizes[expected[v]];
    Vertex largest = 0;
    for (const auto& [label, size] : sizes) largest = std::max(largest, size);
    EXPECT_GT(largest, n / 2) << "seed " << seed;
    EXPECT_EQ(r.component_count, sizes.size());
  }
}

// The graph `g` without its in-lists, as a projection for WCC makes it.
CsrGraph without_in_lists(const CsrGraph& g) {
  return CsrBuilder::adopt(false, g.out_offsets(), g.out_targets(), {}, {}, {}, {}, g.node_ids());
}

TEST(Wcc, ADirectedGraphWithoutInListsAgreesWithBfs) {
  // As in the test above, a giant component beside small ones: without
  // in-lists no list may be skipped, as a relationship is met from its start
  // only.
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const Vertex n = 3000 + static_cast<Vertex>(seed) * 20000;
    const CsrGraph g = random_graph(n, n * 12 / 10, false, seed);
    const CsrGraph out_only = without_in_lists(g);
    ASSERT_FALSE(out_only.has_in_lists());
    const WccResult r = wcc(out_only, WccConfig{.concurrency = static_cast<int>(seed % 3)});
    EXPECT_EQ(r.component, bfs_components(g)) << "seed " << seed;
  }
}

TEST(Wcc, ParallelRunAgreesWithBfs) {
  // Large enough for the parallel path; sparse, so components of many sizes.
  const CsrGraph g = random_graph(100000, 70000, false, 77);
  const WccResult r = wcc(g, WccConfig{.concurrency = 2});
  EXPECT_EQ(r.component, bfs_components(g));
}

TEST(Wcc, LabelsWithTheSmallestNodeId) {
  CsrBuilder b(5, false);
  b.add(0, 1);
  b.add(2, 1);
  b.add(3, 4);
  b.set_node_ids({50, 40, 60, 10, 20});
  const WccResult r = wcc(b.build());
  EXPECT_EQ(r.component, (std::vector<std::uint64_t>{40, 40, 40, 10, 10}));
  EXPECT_EQ(r.component_count, 2u);
}

TEST(Wcc, EmptyGraph) {
  const WccResult r = wcc(CsrBuilder(0, true).build());
  EXPECT_TRUE(r.component.empty());
  EXPECT_EQ(r.component_count, 0u);
}

TEST(Wcc, BadConcurrencyNamesTheKey) {
  try {
    wcc(random_graph(10, 10, true, 1), WccConfig{.concurrency = -2});
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "concurrency");
    EXPECT_NE(std::string(e.what()).find("-2"), std::string::npos);
  }
}

TEST(Wcc, Cancellation) {
  std::atomic<bool> stop{true};
  EXPECT_THROW(wcc(random_graph(10000, 20000, true, 3), {}, Cancellation(&stop)), Cancelled);
}

}  // namespace
}  // namespace guanxi::algorithms
