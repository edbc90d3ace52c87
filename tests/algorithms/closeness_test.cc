#include "algorithms/centrality/closeness.h"

#include <gtest/gtest.h>

#include <atomic>

#include "tests/algorithms/centrality_reference.h"

namespace guanxi::algorithms {
namespace {

using centrality_test::expect_all_near;
using centrality_test::load_reference;
using centrality_test::load_relationships;

std::vector<double> close(const CsrGraph& g, bool wf, bool weighted = false) {
  ClosenessConfig config;
  config.use_wasserman_faust = wf;
  config.weighted = weighted;
  return closeness(g, config).scores;
}

std::vector<double> harm(const CsrGraph& g, bool normalized, bool weighted = false) {
  HarmonicConfig config;
  config.normalized = normalized;
  config.weighted = weighted;
  return harmonic(g, config).scores;
}

TEST(Closeness, MatchesNetworkxOnClassicGraphs) {
  for (const std::string name : {"karate", "lesmis", "florentine", "digraph"}) {
    SCOPED_TRACE(name);
    const CsrGraph g = load_relationships(name, name == "digraph");
    const Vertex n = g.vertex_count();
    expect_all_near(close(g, false), load_reference(name, "closeness", n), 1e-9, name);
    expect_all_near(close(g, true), load_reference(name, "closeness_wf", n), 1e-9, name);
  }
}

TEST(Closeness, WassermanFaustMattersOnTheDisconnectedDigraph) {
  const CsrGraph g = load_relationships("digraph", true);
  EXPECT_NE(close(g, false), close(g, true));
  // Distances run towards the vertex: a vertex nobody reaches scores 0.
  const auto scores = close(g, false);
  for (Vertex v = 0; v < g.vertex_count(); ++v) {
    if (g.in_degree(v) == 0) {
      EXPECT_EQ(scores[v], 0.0) << v;
    }
  }
}

TEST(Closeness, WeightedUsesWeightsAsDistancesLikeNetworkx) {
  const CsrGraph g = load_relationships("lesmis");
  expect_all_near(close(g, false, true), load_reference("lesmis", "closeness_weighted", 77), 1e-9);
  expect_all_near(harm(g, false, true), load_reference("lesmis", "harmonic_weighted", 77), 1e-9);
}

TEST(Closeness, MatchesNetworkxOnFacebook) {
  const CsrGraph g = centrality_test::load_facebook();
  expect_all_near(close(g, false), load_reference("facebook", "closeness", 4039), 1e-9);
  // Connected, so Wasserman-Faust changes nothing.
  expect_all_near(load_reference("facebook", "closeness_wf", 4039),
                  load_reference("facebook", "closeness", 4039), 1e-12);
  expect_all_near(harm(g, false), load_reference("facebook", "harmonic", 4039), 1e-9);
}

TEST(Harmonic, MatchesNetworkxOnClassicGraphs) {
  for (const std::string name : {"karate", "lesmis", "florentine", "digraph"}) {
    SCOPED_TRACE(name);
    const CsrGraph g = load_relationships(name, name == "digraph");
    const Vertex n = g.vertex_count();
    const auto expected = load_reference(name, "harmonic", n);
    expect_all_near(harm(g, false), expected, 1e-9, name);
    std::vector<double> normalized = expected;
    for (double& v : normalized) v /= n - 1;
    expect_all_near(harm(g, true), normalized, 1e-9, name);
  }
}

TEST(Closeness, StarHasClosedForms) {
  const Vertex n = 9;
  CsrBuilder b(n + 1, true);  // vertex n is isolated
  for (Vertex v = 1; v < n; ++v) b.add(0, v);
  const CsrGraph g = b.build();
  const auto plain = close(g, false);
  EXPECT_DOUBLE_EQ(plain[0], 1.0);
  // A leaf: 1 to the centre, 2 to the n-2 other leaves.
  EXPECT_DOUBLE_EQ(plain[1], (n - 1.0) / (1 + 2.0 * (n - 2)));
  EXPECT_EQ(plain[n], 0.0);
  const auto wf = close(g, true);
  EXPECT_DOUBLE_EQ(wf[0], (n - 1.0) / n);  // reaches n-1 of n other vertices
  const auto h = harm(g, false);
  EXPECT_DOUBLE_EQ(h[0], n - 1.0);
  EXPECT_DOUBLE_EQ(h[1], 1 + (n - 2) / 2.0);
  EXPECT_EQ(h[n], 0.0);
  EXPECT_DOUBLE_EQ(harm(g, true)[0], (n - 1.0) / n);
}

TEST(Closeness, ConfigErrorsNameTheKey) {
  ClosenessConfig c;
  c.concurrency = -1;
  try {
    closeness(CsrGraph{}, c);
    ADD_FAILURE() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "concurrency");
    EXPECT_NE(std::string(e.what()).find("algo.closeness"), std::string::npos);
  }
  CsrBuilder b(2, true);
  b.add(0, 1, -2.0);
  try {
    harmonic(b.build(), {});
    ADD_FAILURE() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "relationshipWeightProperty");
    EXPECT_NE(std::string(e.what()).find("-2"), std::string::npos);
  }
}

TEST(Closeness, CancelledRunThrows) {
  std::atomic<bool> flag{true};
  const CsrGraph g = load_relationships("karate");
  EXPECT_THROW(closeness(g, {}, Cancellation(&flag)), Cancelled);
  EXPECT_THROW(harmonic(g, {}, Cancellation(&flag)), Cancelled);
}

}  // namespace
}  // namespace guanxi::algorithms
