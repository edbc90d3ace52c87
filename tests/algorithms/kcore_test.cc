#include "algorithms/community/kcore.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>

#include "algorithms/community/team_size.h"
#include "tests/algorithms/community_reference.h"

namespace guanxi::algorithms {
namespace {

using community_test::random_graph;

class KCoreNetworkx : public testing::TestWithParam<const char*> {};

TEST_P(KCoreNetworkx, EqualsReference) {
  const std::string name = GetParam();
  const CsrGraph g =
      name == "facebook" ? community_test::facebook() : community_test::classic_graph(name);
  const auto expected = community_test::reference_values(name + ".kcore");
  const KCoreResult r = kcore(g);
  ASSERT_EQ(r.core.size(), expected.size());
  std::uint64_t degeneracy = 0;
  for (Vertex v = 0; v < g.vertex_count(); ++v) {
    EXPECT_EQ(r.core[v], static_cast<std::uint64_t>(expected[v])) << name << " vertex " << v;
    degeneracy = std::max(degeneracy, static_cast<std::uint64_t>(expected[v]));
  }
  EXPECT_EQ(r.degeneracy, degeneracy);
}

INSTANTIATE_TEST_SUITE_P(Graphs, KCoreNetworkx,
                         testing::Values("karate", "lesmis", "florentine", "facebook"));

TEST(KCore, DirectedEmailEuCoreEqualsNetworkxDiGraph) {
  const CsrGraph g = community_test::email_eu_core();  // has self-loops, which are ignored
  const auto expected = community_test::reference_values("email-Eu-core.kcore");
  const KCoreResult r = kcore(g);
  for (Vertex v = 0; v < g.vertex_count(); ++v) {
    EXPECT_EQ(r.core[v], static_cast<std::uint64_t>(expected[v])) << "vertex " << v;
  }
}

// Neighbour sets of the simple undirected graph.
std::vector<std::set<Vertex>> neighbour_sets(const CsrGraph& g) {
  std::vector<std::set<Vertex>> adj(g.vertex_count());
  for (Vertex v = 0; v < g.vertex_count(); ++v) {
    for (Vertex u : g.out(v)) {
      if (u != v) adj[v].insert(u), adj[u].insert(v);
    }
  }
  return adj;
}

TEST(KCore, CoresAreValidAndMaximalOnRandomGraphs) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const Vertex n = 300;
    const CsrGraph g = random_graph(n, 300 * (1 + seed % 5), true, seed);
    const auto adj = neighbour_sets(g);
    const KCoreResult r = kcore(g);
    for (std::uint64_t k = 0; k <= r.degeneracy + 1; ++k) {
      // The k-core by repeated peeling of vertices with fewer than k neighbours inside.
      std::vector<bool> in(n, true);
      for (bool changed = true; changed;) {
        changed = false;
        for (Vertex v = 0; v < n; ++v) {
          if (!in[v]) continue;
          std::uint64_t inside = 0;
          for (Vertex u : adj[v]) inside += in[u];
          if (inside < k) in[v] = false, changed = true;
        }
      }
      for (Vertex v = 0; v < n; ++v) {
        // Membership of the k-core is exactly core >= k: every member keeps
        // >= k neighbours inside it (peeling), and no vertex outside it could
        // be added (the peeled set is the largest such subgraph).
        EXPECT_EQ(in[v], r.core[v] >= k) << "seed " << seed << " k " << k << " vertex " << v;
      }
      if (k == r.degeneracy) {
        std::uint64_t members = 0;
        for (Vertex v = 0; v < n; ++v) members += in[v];
        EXPECT_GT(members, k) << "the top core is not empty";
      }
    }
  }
}

TEST(KCore, MembersHaveKNeighboursInsideTheirCore) {
  const CsrGraph g = community_test::facebook();
  const auto adj = neighbour_sets(g);
  const KCoreResult r = kcore(g);
  for (Vertex v = 0; v < g.vertex_count(); ++v) {
    std::uint64_t inside = 0;
    for (Vertex u : adj[v]) inside += r.core[u] >= r.core[v];
    EXPECT_GE(inside, r.core[v]) << "vertex " << v;
  }
}

// Above the size where peeling takes a second thread, both paths give the
// same cores.
TEST(KCore, ParallelRunAgreesWithOneThread) {
  const CsrGraph g = random_graph(400'000, 2'000'000, true, 9);
  ASSERT_GE(g.vertex_count() + g.arc_count(), kOnePassParallelWork);
  const KCoreResult one = kcore(g, KCoreConfig{.concurrency = 1});
  const KCoreResult two = kcore(g, KCoreConfig{.concurrency = 2});
  EXPECT_GT(one.degeneracy, 1u);
  EXPECT_EQ(two.degeneracy, one.degeneracy);
  EXPECT_EQ(two.core, one.core);
}

TEST(KCore, BadConcurrencyNamesTheKey) {
  try {
    kcore(random_graph(10, 10, true, 1), KCoreConfig{.concurrency = -1});
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "concurrency");
  }
}

TEST(KCore, Cancellation) {
  std::atomic<bool> stop{true};
  EXPECT_THROW(kcore(random_graph(10000, 20000, true, 5), {}, Cancellation(&stop)), Cancelled);
}

}  // namespace
}  // namespace guanxi::algorithms
