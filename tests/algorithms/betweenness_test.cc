#include "algorithms/centrality/betweenness.h"

#include <gtest/gtest.h>

#include <atomic>
#include <numeric>

#include "tests/algorithms/centrality_reference.h"

namespace guanxi::algorithms {
namespace {

using centrality_test::expect_all_near;
using centrality_test::load_reference;
using centrality_test::load_relationships;

std::vector<double> run(const CsrGraph& g, bool normalized, bool weighted = true) {
  BetweennessConfig config;
  config.normalized = normalized;
  config.weighted = weighted;
  return betweenness(g, config).scores;
}

TEST(Betweenness, MatchesNetworkxOnClassicGraphs) {
  for (const std::string name : {"karate", "lesmis", "florentine", "digraph"}) {
    SCOPED_TRACE(name);
    const CsrGraph g = load_relationships(name, /*directed=*/name == "digraph");
    const Vertex n = g.vertex_count();
    // lesmis carries weights; networkx's default ignores them.
    expect_all_near(run(g, false, false), load_reference(name, "betweenness", n), 1e-9, name);
    expect_all_near(run(g, true, false), load_reference(name, "betweenness_normalized", n), 1e-9,
                    name);
  }
}

TEST(Betweenness, WeightedUsesWeightsAsDistancesLikeNetworkx) {
  const CsrGraph g = load_relationships("lesmis");
  ASSERT_TRUE(g.weighted());
  const auto weighted = run(g, false);
  expect_all_near(weighted, load_reference("lesmis", "betweenness_weighted", 77), 1e-9);
  EXPECT_NE(weighted, run(g, false, false));
}

TEST(Betweenness, MatchesNetworkxOnFacebookExactly) {
  const CsrGraph g = centrality_test::load_facebook();
  expect_all_near(run(g, false), load_reference("facebook", "betweenness", 4039), 1e-9);
}

// The chosen sources and networkx's betweenness_centrality(k=10) from them.
TEST(Betweenness, SampledScalingMatchesNetworkx) {
  for (const std::string name : {"karate", "digraph"}) {
    SCOPED_TRACE(name);
    const CsrGraph g = load_relationships(name, name == "digraph");
    const auto chosen = load_reference(name, "betweenness_sources", 10);
    std::vector<Vertex> sources(chosen.begin(), chosen.end());
    BetweennessConfig config;
    const BetweennessResult r = betweenness_from_sources(g, sources, config);
    EXPECT_EQ(r.sources, sources);
    expect_all_near(r.scores, load_reference(name, "betweenness_sampled", g.vertex_count()), 1e-9,
                    name);
    config.normalized = true;
    expect_all_near(betweenness_from_sources(g, sources, config).scores,
                    load_reference(name, "betweenness_sampled_normalized", g.vertex_count()), 1e-9,
                    name);
  }
}

TEST(Betweenness, PathGraphHasTheClosedForm) {
  for (Vertex n : {2u, 3u, 7u, 40u}) {
    CsrBuilder b(n, true);
    for (Vertex v = 0; v + 1 < n; ++v) b.add(v, v + 1);
    const auto scores = run(b.build(), false);
    for (Vertex i = 0; i < n; ++i)
      EXPECT_EQ(scores[i], static_cast<double>(i) * (n - 1 - i)) << n << " " << i;
  }
}

TEST(Betweenness, StarCentreCarriesEveryPair) {
  const Vertex n = 12;
  CsrBuilder b(n, true);
  for (Vertex v = 1; v < n; ++v) b.add(0, v);
  const CsrGraph star = b.build();
  const auto raw = run(star, false);
  EXPECT_EQ(raw[0], (n - 1) * (n - 2) / 2.0);
  for (Vertex v = 1; v < n; ++v) EXPECT_EQ(raw[v], 0.0);
  EXPECT_DOUBLE_EQ(run(star, true)[0], 1.0);
}

TEST(Betweenness, ParallelRelationshipsAreDistinctPaths) {
  // 0 -> 1 twice, 1 -> 3, 0 -> 2, 2 -> 3: two of three shortest 0-3 paths via 1.
  CsrBuilder b(4, false);
  b.add(0, 1);
  b.add(0, 1);
  b.add(1, 3);
  b.add(0, 2);
  b.add(2, 3);
  b.add(3, 3);
  const auto scores = run(b.build(), false);
  EXPECT_DOUBLE_EQ(scores[1], 2.0 / 3);
  EXPECT_DOUBLE_EQ(scores[2], 1.0 / 3);
  EXPECT_EQ(scores[3], 0.0);
}

TEST(Betweenness, UnitWeightsEqualHops) {
  const CsrGraph plain = centrality_test::random_graph(150, 400, true, 3);
  CsrBuilder b(150, true);
  for (Vertex v = 0; v < 150; ++v) {
    for (Vertex w : plain.out(v)) {
      if (v <= w) b.add(v, w, 1.0);
    }
  }
  expect_all_near(run(b.build(), false), run(plain, false), 1e-12);
}

TEST(Betweenness, SamplingAllVerticesIsExact) {
  const CsrGraph g = load_relationships("karate");
  BetweennessConfig config;
  config.sampling_size = 34;
  config.sampling_seed = 17;
  const BetweennessResult r = betweenness(g, config);
  EXPECT_EQ(r.sources.size(), 34u);
  expect_all_near(r.scores, load_reference("karate", "betweenness", 34), 1e-9);
}

TEST(Betweenness, SamplingIsDeterministicPerSeed) {
  const CsrGraph g = centrality_test::random_graph(300, 1200, true, 8);
  BetweennessConfig config;
  config.sampling_size = 30;
  config.sampling_seed = 42;
  const BetweennessResult a = betweenness(g, config), b = betweenness(g, config);
  EXPECT_EQ(a.sources, b.sources);
  EXPECT_EQ(a.scores, b.scores);
  std::vector<Vertex> distinct = a.sources;
  std::sort(distinct.begin(), distinct.end());
  EXPECT_EQ(std::unique(distinct.begin(), distinct.end()), distinct.end());
  config.sampling_seed = 43;
  EXPECT_NE(betweenness(g, config).sources, a.sources);
}

TEST(Betweenness, SampledEstimateIsCloseOnAVertexTransitiveGraph) {
  // On a cycle every source contributes the same total dependency, so the
  // inflated sample must reproduce the exact total.
  const Vertex n = 101;
  CsrBuilder b(n, true);
  for (Vertex v = 0; v < n; ++v) b.add(v, (v + 1) % n);
  const CsrGraph cycle = b.build();
  const auto exact = run(cycle, false);
  BetweennessConfig config;
  config.sampling_size = 20;
  const auto sampled = betweenness(cycle, config).scores;
  const double exact_total = std::accumulate(exact.begin(), exact.end(), 0.0);
  const double sampled_total = std::accumulate(sampled.begin(), sampled.end(), 0.0);
  // Sources get (n-1)/(k-1) and others (n-1)/k, so the totals differ only by
  // the sources' share, at most a few percent here.
  EXPECT_NEAR(sampled_total / exact_total, 1.0, 0.05);
  EXPECT_EQ(exact[0], 2450.0 / 2);  // each vertex: sum over distances (n odd)
}

TEST(Betweenness, ThreadCountDoesNotChangeTheResult) {
  const CsrGraph g = centrality_test::random_graph(600, 2400, false, 5, /*weighted=*/true);
  BetweennessConfig config;
  config.concurrency = 1;
  const auto one = betweenness(g, config).scores;
  config.concurrency = 2;
  expect_all_near(betweenness(g, config).scores, one, 1e-12);
}

TEST(Betweenness, ConfigErrorsNameTheKey) {
  const CsrGraph g = load_relationships("karate");
  auto key_of = [&](const BetweennessConfig& config, const CsrGraph& graph) {
    try {
      betweenness(graph, config);
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find(e.key()), std::string::npos);
      return e.key();
    }
    return std::string("no error");
  };
  BetweennessConfig c;
  c.sampling_size = 0;
  EXPECT_EQ(key_of(c, g), "samplingSize");
  c.sampling_size = 35;
  EXPECT_EQ(key_of(c, g), "samplingSize");
  c = {};
  c.concurrency = -1;
  EXPECT_EQ(key_of(c, g), "concurrency");
  CsrBuilder b(3, true);
  b.add(0, 1, 1.0);
  b.add(1, 2, std::nan(""));
  EXPECT_EQ(key_of({}, b.build()), "relationshipWeightProperty");
  EXPECT_THROW(betweenness_from_sources(g, {3, 3}), ConfigError);
  EXPECT_THROW(betweenness_from_sources(g, {34}), ConfigError);
}

TEST(Betweenness, CancelledRunThrows) {
  std::atomic<bool> flag{true};
  EXPECT_THROW(betweenness(load_relationships("karate"), {}, Cancellation(&flag)), Cancelled);
}

}  // namespace
}  // namespace guanxi::algorithms
