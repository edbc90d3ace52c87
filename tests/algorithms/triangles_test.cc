#include "algorithms/community/triangles.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <numeric>
#include <set>

#include "algorithms/community/team_size.h"
#include "tests/algorithms/community_reference.h"
#include "tests/algorithms/graphalytics.h"

namespace guanxi::algorithms {
namespace {

using community_test::random_graph;

CsrGraph named_graph(const std::string& name) {
  return name == "facebook" ? community_test::facebook() : community_test::classic_graph(name);
}

class TrianglesNetworkx : public testing::TestWithParam<const char*> {};

TEST_P(TrianglesNetworkx, TrianglesAndClusteringEqualReference) {
  const std::string name = GetParam();
  const CsrGraph g = named_graph(name);
  const auto triangles = community_test::reference_values(name + ".triangles");
  const auto lcc = community_test::reference_values(name + ".lcc");
  ASSERT_EQ(triangles.size(), g.vertex_count());
  const TriangleResult t = triangle_count(g);
  const ClusteringResult c = local_clustering_coefficient(g);
  std::uint64_t sum = 0;
  double lcc_sum = 0;
  for (Vertex v = 0; v < g.vertex_count(); ++v) {
    EXPECT_EQ(t.triangles[v], static_cast<std::uint64_t>(triangles[v])) << name << " vertex " << v;
    EXPECT_NEAR(c.coefficient[v], lcc[v], 1e-9 * std::abs(lcc[v])) << name << " vertex " << v;
    sum += t.triangles[v];
    lcc_sum += lcc[v];
  }
  EXPECT_EQ(t.total * 3, sum);
  EXPECT_NEAR(c.average, lcc_sum / g.vertex_count(), 1e-12);
}

INSTANTIATE_TEST_SUITE_P(Graphs, TrianglesNetworkx,
                         testing::Values("karate", "lesmis", "florentine", "facebook"));

class LccGraphalytics : public testing::TestWithParam<const char*> {};

TEST_P(LccGraphalytics, EqualsReference) {
  const auto d = graphalytics::load(GetParam());
  const auto expected = graphalytics::expected_reals(d, "LCC");
  const ClusteringResult c = local_clustering_coefficient(d.graph);
  ASSERT_EQ(c.coefficient.size(), expected.size());
  for (Vertex v = 0; v < d.graph.vertex_count(); ++v) {
    // The test outputs carry 12 significant digits.
    EXPECT_NEAR(c.coefficient[v], expected[v], 1e-6 * std::max(1.0, std::abs(expected[v])))
        << GetParam() << " vertex " << d.original_ids[v];
  }
}

INSTANTIATE_TEST_SUITE_P(Graphs, LccGraphalytics,
                         testing::Values("example-directed", "example-undirected",
                                         "test-lcc-directed", "test-lcc-undirected"));

// Brute force over vertex triples of the simple undirected graph.
std::vector<std::uint64_t> brute_force_triangles(const CsrGraph& g) {
  const Vertex n = g.vertex_count();
  std::vector<std::set<Vertex>> adj(n);
  for (Vertex v = 0; v < n; ++v) {
    for (Vertex u : g.out(v)) {
      if (u != v) {
        adj[v].insert(u);
        adj[u].insert(v);
      }
    }
  }
  std::vector<std::uint64_t> t(n, 0);
  for (Vertex a = 0; a < n; ++a)
    for (Vertex b = a + 1; b < n; ++b)
      if (adj[a].count(b))
        for (Vertex c = b + 1; c < n; ++c)
          if (adj[a].count(c) && adj[b].count(c)) ++t[a], ++t[b], ++t[c];
  return t;
}

TEST(Triangles, AgreeWithBruteForceOnRandomMultigraphs) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    const bool undirected = seed % 2 == 1;
    const CsrGraph g = random_graph(80, 700, undirected, seed);  // with loops and parallel arcs
    const auto expected = brute_force_triangles(g);
    const TriangleResult r =
        triangle_count(g, TriangleConfig{.concurrency = static_cast<int>(seed % 3)});
    EXPECT_EQ(r.triangles, expected) << "seed " << seed;
    EXPECT_EQ(r.total * 3, std::accumulate(expected.begin(), expected.end(), std::uint64_t{0}));
    EXPECT_GT(r.total, 0u);
  }
}

TEST(Triangles, DirectedClusteringCountsArcsBetweenNeighbours) {
  // N(0) = {1, 2, 3}; arcs among them: 1→2, 2→1, 2→3 (twice, counted once), 3→3 ignored.
  CsrBuilder b(4, false);
  for (auto [u, v] : std::vector<std::pair<Vertex, Vertex>>{
           {0, 1}, {2, 0}, {3, 0}, {0, 3}, {1, 2}, {2, 1}, {2, 3}, {2, 3}, {3, 3}}) {
    b.add(u, v);
  }
  const ClusteringResult c = local_clustering_coefficient(b.build());
  EXPECT_DOUBLE_EQ(c.coefficient[0], 3.0 / 6.0);
}

// Above the size where counting takes a second thread, both paths give the
// same counts and coefficients.
TEST(Triangles, ParallelRunAgreesWithOneThread) {
  const CsrGraph g = random_graph(200'000, 2'000'000, true, 6);
  ASSERT_GE(g.vertex_count() + g.arc_count(), kOnePassParallelWork);
  const TriangleResult one = triangle_count(g, TriangleConfig{.concurrency = 1});
  const TriangleResult two = triangle_count(g, TriangleConfig{.concurrency = 2});
  EXPECT_GT(one.total, 0u);
  EXPECT_EQ(two.total, one.total);
  EXPECT_EQ(two.triangles, one.triangles);
  const ClusteringResult c1 = local_clustering_coefficient(g, TriangleConfig{.concurrency = 1});
  const ClusteringResult c2 = local_clustering_coefficient(g, TriangleConfig{.concurrency = 2});
  EXPECT_EQ(c2.coefficient, c1.coefficient);
}

TEST(Triangles, BadConcurrencyNamesTheKey) {
  try {
    triangle_count(random_graph(10, 10, true, 1), TriangleConfig{.concurrency = -3});
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "concurrency");
  }
}

TEST(Triangles, Cancellation) {
  std::atomic<bool> stop{true};
  const CsrGraph g = random_graph(5000, 20000, true, 4);
  EXPECT_THROW(triangle_count(g, {}, Cancellation(&stop)), Cancelled);
  EXPECT_THROW(local_clustering_coefficient(g, {}, Cancellation(&stop)), Cancelled);
}

}  // namespace
}  // namespace guanxi::algorithms
