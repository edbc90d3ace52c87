#include "algorithms/community/leiden.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <queue>

#include "algorithms/community/modularity.h"
#include "tests/algorithms/community_reference.h"

namespace guanxi::algorithms {
namespace {

using community_test::random_graph;

CsrGraph named_graph(const std::string& name) {
  if (name == "facebook") return community_test::facebook();
  return community_test::classic_graph(name, name == "lesmis");
}

// Every community induces a connected subgraph.
void expect_connected_communities(const CsrGraph& g, const std::vector<std::uint64_t>& community,
                                  const std::string& what) {
  const Vertex n = g.vertex_count();
  std::vector<bool> seen(n, false), community_seen;
  for (Vertex s = 0; s < n; ++s) {
    if (seen[s]) continue;
    if (community[s] >= community_seen.size()) community_seen.resize(community[s] + 1, false);
    EXPECT_FALSE(community_seen[community[s]])
        << what << ": community " << community[s] << " is disconnected";
    community_seen[community[s]] = true;
    std::queue<Vertex> queue;
    queue.push(s);
    seen[s] = true;
    while (!queue.empty()) {
      const Vertex v = queue.front();
      queue.pop();
      for (auto list : {g.out(v), g.in(v)}) {
        for (Vertex u : list) {
          if (!seen[u] && community[u] == community[s]) {
            seen[u] = true;
            queue.push(u);
          }
        }
      }
    }
  }
}

class LeidenNetworkx : public testing::TestWithParam<const char*> {};

TEST_P(LeidenNetworkx, ReachesNetworkxLouvainModularity) {
  const std::string name = GetParam();
  const CsrGraph g = named_graph(name);
  const LeidenResult r = leiden(g);
  EXPECT_GE(r.modularity, community_test::reference_modularity(name) - 0.01) << name;
  EXPECT_NEAR(r.modularity, modularity(g, r.community).modularity, 1e-9) << name;
  expect_connected_communities(g, r.community, name);
}

INSTANTIATE_TEST_SUITE_P(Graphs, LeidenNetworkx,
                         testing::Values("karate", "lesmis", "florentine", "facebook"));

TEST(Leiden, CommunitiesAreConnectedAndModularityIsExact) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const bool weighted = seed % 2 == 0;
    const CsrGraph g = random_graph(400, 700 + 100 * seed, seed % 3 != 0, seed, weighted);
    LeidenConfig config;
    config.gamma = 0.6 + 0.2 * static_cast<double>(seed % 3);
    config.random_seed = seed;
    const LeidenResult r = leiden(g, config);
    expect_connected_communities(g, r.community, "seed " + std::to_string(seed));
    if (g.undirected()) {
      EXPECT_NEAR(
          r.modularity,
          modularity(g, r.community, ModularityConfig{.resolution = config.gamma}).modularity, 1e-9)
          << "seed " << seed;
    }
    std::uint64_t largest = 0;
    for (std::uint64_t c : r.community) largest = std::max(largest, c);
    EXPECT_EQ(largest + 1, r.community_count);
  }
}

TEST(Leiden, RecoversAPlantedPartition) {
  const CsrGraph g = community_test::planted_partition(20, 50, 8, 1, 11);
  const LeidenResult r = leiden(g);
  EXPECT_EQ(r.community_count, 20u);
  for (Vertex v = 0; v < g.vertex_count(); ++v) EXPECT_EQ(r.community[v], r.community[v / 50 * 50]);
}

TEST(Leiden, DeterministicForASeed) {
  const CsrGraph g = community_test::planted_partition(30, 40, 4, 3, 5);
  LeidenConfig config;
  config.random_seed = 3;
  const LeidenResult a = leiden(g, config);
  config.concurrency = 1;
  const LeidenResult b = leiden(g, config);
  EXPECT_EQ(a.community, b.community);
  EXPECT_EQ(a.modularity, b.modularity);
}

TEST(Leiden, BadConfigNamesTheKey) {
  const CsrGraph g = random_graph(10, 20, true, 1);
  auto key_of = [&](LeidenConfig config) {
    try {
      leiden(g, config);
    } catch (const ConfigError& e) {
      return e.key();
    }
    return std::string("no error");
  };
  EXPECT_EQ(key_of({.max_levels = 0}), "maxLevels");
  EXPECT_EQ(key_of({.gamma = -1}), "gamma");
  EXPECT_EQ(key_of({.theta = 0}), "theta");
  EXPECT_EQ(key_of({.tolerance = INFINITY}), "tolerance");
  EXPECT_EQ(key_of({.concurrency = -4}), "concurrency");
}

TEST(Leiden, Cancellation) {
  std::atomic<bool> stop{true};
  EXPECT_THROW(leiden(random_graph(5000, 20000, true, 3), {}, Cancellation(&stop)), Cancelled);
}

}  // namespace
}  // namespace guanxi::algorithms
