#include "algorithms/community/louvain.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <set>

#include "algorithms/community/modularity.h"
#include "tests/algorithms/community_reference.h"

namespace guanxi::algorithms {
namespace {

using community_test::random_graph;

CsrGraph named_graph(const std::string& name) {
  if (name == "facebook") return community_test::facebook();
  return community_test::classic_graph(name,
                                       name == "lesmis");  // networkx's reference weighs lesmis
}

class LouvainNetworkx : public testing::TestWithParam<const char*> {};

TEST_P(LouvainNetworkx, ReachesNetworkxModularity) {
  const std::string name = GetParam();
  const CsrGraph g = named_graph(name);
  const LouvainResult r = louvain(g);
  EXPECT_GE(r.modularity, community_test::reference_modularity(name) - 0.01) << name;
  EXPECT_NEAR(r.modularity, modularity(g, r.community).modularity, 1e-9) << name;
  EXPECT_GE(r.modularity, r.level_modularities.back() - 1e-12);
  EXPECT_EQ(static_cast<std::size_t>(r.levels), r.level_modularities.size());
}

// The refinement on the original graph moves single vertices out of the
// communities the coarse levels merged them into: on the karate club it lifts
// modularity above the last level's.
TEST(Louvain, RefinementImprovesOnTheLastLevel) {
  const CsrGraph g = named_graph("karate");
  const LouvainResult r = louvain(g);
  ASSERT_GT(r.levels, 1);
  EXPECT_GT(r.modularity, r.level_modularities.back() + 1e-4);
  EXPECT_NEAR(r.modularity, modularity(g, r.community).modularity, 1e-9);
}

INSTANTIATE_TEST_SUITE_P(Graphs, LouvainNetworkx,
                         testing::Values("karate", "lesmis", "florentine", "facebook"));

TEST(Louvain, ReportedModularityIsThatOfTheReturnedPartition) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const bool weighted = seed % 2 == 0;
    const double resolution = 0.5 + 0.3 * static_cast<double>(seed % 4);
    // Loops and parallel relationships included.
    const CsrGraph g = random_graph(400, 1600, true, seed, weighted);
    LouvainConfig config;
    config.resolution = resolution;
    config.random_seed = seed;
    const LouvainResult r = louvain(g, config);
    EXPECT_NEAR(r.modularity,
                modularity(g, r.community, ModularityConfig{.resolution = resolution}).modularity,
                1e-9)
        << "seed " << seed;
    // Dense ids numbered by first vertex.
    std::uint64_t next = 0;
    for (std::uint64_t c : r.community) {
      EXPECT_LE(c, next);
      if (c == next) ++next;
    }
    EXPECT_EQ(next, r.community_count);
    // Levels only improve.
    for (std::size_t i = 1; i < r.level_modularities.size(); ++i) {
      EXPECT_GT(r.level_modularities[i], r.level_modularities[i - 1] - 1e-12);
    }
  }
}

TEST(Louvain, RecoversAPlantedPartition) {
  const CsrGraph g = community_test::planted_partition(20, 50, 8, 1, 11);
  const LouvainResult r = louvain(g);
  EXPECT_EQ(r.community_count, 20u);
  for (Vertex v = 0; v < g.vertex_count(); ++v) EXPECT_EQ(r.community[v], r.community[v / 50 * 50]);
  EXPECT_GT(r.modularity, 0.8);
}

TEST(Louvain, DeterministicForASeed) {
  const CsrGraph g = community_test::planted_partition(30, 40, 4, 3, 5);
  LouvainConfig config;
  config.random_seed = 9;
  const LouvainResult a = louvain(g, config);
  config.concurrency = 1;
  const LouvainResult b = louvain(g, config);
  EXPECT_EQ(a.community, b.community);
  EXPECT_EQ(a.modularity, b.modularity);
}

TEST(Louvain, DirectedGraphIsSymmetrized) {
  // The same relationships as arcs one way or as an undirected graph give the same result.
  CsrBuilder directed(60, false), undirected(60, true);
  const CsrGraph base = community_test::planted_partition(3, 20, 4, 1, 2);
  for (Vertex v = 0; v < base.vertex_count(); ++v) {
    for (Vertex u : base.out(v)) {
      if (u < v) continue;
      directed.add(v, u);
      undirected.add(v, u);
    }
  }
  const LouvainResult a = louvain(directed.build()), b = louvain(undirected.build());
  EXPECT_EQ(a.community, b.community);
  EXPECT_NEAR(a.modularity, b.modularity, 1e-12);
}

TEST(Louvain, EdgelessGraphKeepsSingletons) {
  const LouvainResult r = louvain(CsrBuilder(4, true).build());
  EXPECT_EQ(r.community, (std::vector<std::uint64_t>{0, 1, 2, 3}));
  EXPECT_EQ(r.levels, 0);
  EXPECT_EQ(r.modularity, 0.0);
}

TEST(Louvain, BadConfigNamesTheKey) {
  const CsrGraph g = random_graph(10, 20, true, 1);
  auto key_of = [&](LouvainConfig config) {
    try {
      louvain(g, config);
    } catch (const ConfigError& e) {
      return e.key();
    }
    return std::string("no error");
  };
  EXPECT_EQ(key_of({.max_levels = 0}), "maxLevels");
  EXPECT_EQ(key_of({.max_iterations = -1}), "maxIterations");
  EXPECT_EQ(key_of({.tolerance = -0.5}), "tolerance");
  EXPECT_EQ(key_of({.tolerance = NAN}), "tolerance");
  EXPECT_EQ(key_of({.resolution = 0}), "resolution");
  EXPECT_EQ(key_of({.concurrency = -1}), "concurrency");
}

TEST(Louvain, Cancellation) {
  std::atomic<bool> stop{true};
  EXPECT_THROW(louvain(random_graph(5000, 20000, true, 3), {}, Cancellation(&stop)), Cancelled);
}

}  // namespace
}  // namespace guanxi::algorithms
