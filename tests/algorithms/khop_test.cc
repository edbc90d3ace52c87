#include "algorithms/paths/khop.h"

#include <gtest/gtest.h>

#include <random>

#include "algorithms/paths/bfs.h"

namespace guanxi::algorithms {
namespace {

TEST(Khop, PathGraph) {
  CsrBuilder b(5, false);
  for (Vertex v = 0; v + 1 < 5; ++v) b.add(v, v + 1);
  b.add(2, 2);  // a self-loop changes nothing
  b.add(0, 1);  // nor does a parallel relationship
  const CsrGraph g = b.build();
  KhopConfig config;
  config.k = 2;
  const KhopResult r = khop_reach(g, config);
  EXPECT_EQ(r.sources, (std::vector<Vertex>{0, 1, 2, 3, 4}));
  EXPECT_EQ(r.counts, (std::vector<std::uint64_t>{2, 2, 2, 1, 0}));
  EXPECT_EQ(r.combined, 0u);  // every vertex is a source
  config.source_nodes = {3, 0};
  config.undirected = true;
  const KhopResult s = khop_reach(g, config);
  EXPECT_EQ(s.counts, (std::vector<std::uint64_t>{3, 2}));
  EXPECT_EQ(s.combined, 3u);  // 1, 2, 4
  config.k = 0;
  EXPECT_EQ(khop_reach(g, config).counts, (std::vector<std::uint64_t>{0, 0}));
}

TEST(Khop, BadConfigNamesTheKey) {
  CsrBuilder b(2, false);
  const CsrGraph g = b.build();
  KhopConfig config;
  config.k = -1;
  try {
    khop_reach(g, config);
    ADD_FAILURE();
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "k");
  }
  config.k = 1;
  config.source_nodes = {2};
  try {
    khop_reach(g, config);
    ADD_FAILURE();
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "sourceNodes");
  }
  std::atomic<bool> stop{true};
  config.source_nodes = {};
  EXPECT_THROW(khop_reach(g, config, Cancellation(&stop)), Cancelled);
}

// Counts equal those of a BFS from each source and grow with k.
TEST(KhopProperty, EqualsBfsAndIsMonotoneInK) {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    std::mt19937_64 rng(seed);
    const Vertex n = 200;
    CsrBuilder b(n, seed % 2 == 1);
    for (int i = 0; i < 300; ++i)
      b.add(static_cast<Vertex>(rng() % n), static_cast<Vertex>(rng() % n));
    const CsrGraph g = b.build();
    std::vector<std::vector<std::int64_t>> distances;
    for (Vertex s = 0; s < n; ++s) {
      BfsConfig bc;
      bc.source = s;
      distances.push_back(bfs(g, bc).distances);
    }
    std::vector<std::uint64_t> previous(n, 0);
    for (int k = 0; k <= 5; ++k) {
      KhopConfig config;
      config.k = k;
      const KhopResult r = khop_reach(g, config);
      for (Vertex s = 0; s < n; ++s) {
        const auto& d = distances[s];
        const auto want =
            std::count_if(d.begin(), d.end(), [&](std::int64_t x) { return x >= 1 && x <= k; });
        ASSERT_EQ(r.counts[s], static_cast<std::uint64_t>(want))
            << "seed " << seed << " k " << k << " source " << s;
        EXPECT_GE(r.counts[s], previous[s]);
        previous[s] = r.counts[s];
      }
    }
  }
}

}  // namespace
}  // namespace guanxi::algorithms
