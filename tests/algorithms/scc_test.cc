#include "algorithms/community/scc.h"

#include <gtest/gtest.h>

#include <atomic>

#include "algorithms/community/wcc.h"
#include "tests/algorithms/community_reference.h"

namespace guanxi::algorithms {
namespace {

using community_test::random_graph;

TEST(Scc, EmailEuCoreEqualsNetworkx) {
  const CsrGraph g = community_test::email_eu_core();
  const auto expected = community_test::reference_values("email-Eu-core.scc");
  const SccResult r = scc(g);
  ASSERT_EQ(r.component.size(), expected.size());
  std::uint64_t components = 0;
  for (Vertex v = 0; v < g.vertex_count(); ++v) {
    EXPECT_EQ(r.component[v], static_cast<std::uint64_t>(expected[v])) << "vertex " << v;
    components += expected[v] == v;
  }
  EXPECT_EQ(r.component_count, components);
}

TEST(Scc, CyclesAndTails) {
  // 0→1→2→0 is one component; 2→3→4→3 makes {3,4}; 5 alone with a self-loop.
  CsrBuilder b(6, false);
  for (auto [u, v] : std::vector<std::pair<Vertex, Vertex>>{
           {0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 4}, {4, 3}, {5, 5}}) {
    b.add(u, v);
  }
  b.set_node_ids({7, 3, 9, 8, 1, 4});
  const SccResult r = scc(b.build());
  EXPECT_EQ(r.component, (std::vector<std::uint64_t>{3, 3, 3, 1, 1, 4}));
  EXPECT_EQ(r.component_count, 3u);
}

TEST(Scc, LongPathNeedsNoRecursion) {
  // A million-vertex path closed into a cycle: a DFS a million deep, one component.
  const Vertex n = 1'000'000;
  CsrBuilder b(n, false);
  b.reserve(n);
  for (Vertex v = 0; v + 1 < n; ++v) b.add(v, v + 1);
  b.add(n - 1, 0);
  const SccResult r = scc(b.build());
  EXPECT_EQ(r.component_count, 1u);
  EXPECT_EQ(r.component[n / 2], 0u);
}

TEST(Scc, UndirectedEqualsWcc) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const CsrGraph g = random_graph(500, 300, true, seed);
    EXPECT_EQ(scc(g).component, wcc(g).component) << "seed " << seed;
  }
}

TEST(Scc, ComponentsAreMutuallyReachable) {
  // Property: same label iff reachable both ways (checked by closure on a small graph).
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const Vertex n = 60;
    const CsrGraph g = random_graph(n, 90, false, seed);
    std::vector<std::vector<bool>> reach(n, std::vector<bool>(n, false));
    for (Vertex v = 0; v < n; ++v) {
      reach[v][v] = true;
      for (Vertex u : g.out(v)) reach[v][u] = true;
    }
    for (Vertex k = 0; k < n; ++k)
      for (Vertex i = 0; i < n; ++i)
        if (reach[i][k])
          for (Vertex j = 0; j < n; ++j)
            if (reach[k][j]) reach[i][j] = true;
    const SccResult r = scc(g);
    for (Vertex i = 0; i < n; ++i) {
      for (Vertex j = 0; j < n; ++j) {
        EXPECT_EQ(r.component[i] == r.component[j], reach[i][j] && reach[j][i]) << i << " " << j;
      }
    }
  }
}

TEST(Scc, BadConcurrencyNamesTheKey) {
  try {
    scc(random_graph(10, 10, false, 1), SccConfig{.concurrency = -1});
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "concurrency");
  }
}

TEST(Scc, Cancellation) {
  std::atomic<bool> stop{true};
  EXPECT_THROW(scc(random_graph(20000, 40000, false, 2), {}, Cancellation(&stop)), Cancelled);
}

}  // namespace
}  // namespace guanxi::algorithms
