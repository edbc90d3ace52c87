#include "algorithms/centrality/eigenvector.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>

#include "tests/algorithms/centrality_reference.h"

namespace guanxi::algorithms {
namespace {

using centrality_test::expect_all_near;
using centrality_test::load_reference;
using centrality_test::load_relationships;

double norm(const std::vector<double>& x) {
  double s = 0;
  for (double v : x) s += v * v;
  return std::sqrt(s);
}

TEST(Eigenvector, MatchesNetworkxOnClassicGraphs) {
  for (const std::string name : {"karate", "lesmis", "florentine"}) {
    SCOPED_TRACE(name);
    const CsrGraph g = load_relationships(name);
    EigenvectorConfig config;
    config.weighted = false;
    const EigenvectorResult r = eigenvector(g, config);
    EXPECT_TRUE(r.converged);
    EXPECT_NEAR(norm(r.scores), 1.0, 1e-12);
    expect_all_near(r.scores, load_reference(name, "eigenvector", g.vertex_count()), 1e-9, name);
  }
}

TEST(Eigenvector, WeightedMatchesNetworkx) {
  const CsrGraph g = load_relationships("lesmis");
  const EigenvectorResult r = eigenvector(g, {});
  EXPECT_TRUE(r.converged);
  expect_all_near(r.scores, load_reference("lesmis", "eigenvector_weighted", 77), 1e-9);
}

TEST(Eigenvector, MatchesNetworkxOnFacebook) {
  const EigenvectorResult r = eigenvector(centrality_test::load_facebook(), {});
  EXPECT_TRUE(r.converged);
  expect_all_near(r.scores, load_reference("facebook", "eigenvector", 4039), 1e-9);
}

TEST(Eigenvector, ConvergesOnABipartiteStar) {
  // Plain power iteration oscillates on a bipartite graph; the +I shift does not.
  const Vertex n = 10;
  CsrBuilder b(n, true);
  for (Vertex v = 1; v < n; ++v) b.add(0, v);
  EigenvectorConfig config;
  config.tolerance = 1e-12;
  config.max_iterations = 1000;
  const EigenvectorResult r = eigenvector(b.build(), config);
  EXPECT_TRUE(r.converged);
  // Principal eigenvector of a star K_{1,9}: centre sqrt(9) times each leaf.
  for (Vertex v = 1; v < n; ++v) EXPECT_NEAR(r.scores[0] / r.scores[v], 3.0, 1e-6);
}

TEST(Eigenvector, DirectedCountsInRelationshipsAndReportsNonConvergence) {
  // A directed 3-cycle plus a vertex pointing into it: 3 gets nothing in.
  CsrBuilder b(4, false);
  b.add(0, 1);
  b.add(1, 2);
  b.add(2, 0);
  b.add(3, 0);
  EigenvectorConfig config;
  config.max_iterations = 2;
  config.tolerance = 0;
  const EigenvectorResult r = eigenvector(b.build(), config);
  EXPECT_FALSE(r.converged);
  EXPECT_EQ(r.iterations, 2);
  EXPECT_LT(r.scores[3], r.scores[0]);
  EXPECT_NEAR(norm(r.scores), 1.0, 1e-12);
}

TEST(Eigenvector, ConfigErrorsNameTheKey) {
  auto key_of = [](const EigenvectorConfig& config) {
    try {
      eigenvector(CsrGraph{}, config);
    } catch (const ConfigError& e) {
      return e.key();
    }
    return std::string("no error");
  };
  EigenvectorConfig c;
  c.max_iterations = 0;
  EXPECT_EQ(key_of(c), "maxIterations");
  c = {};
  c.tolerance = std::nan("");
  EXPECT_EQ(key_of(c), "tolerance");
  c = {};
  c.concurrency = -3;
  EXPECT_EQ(key_of(c), "concurrency");
  EXPECT_EQ(key_of({}), "no error");
}

TEST(Eigenvector, CancelledRunThrows) {
  std::atomic<bool> flag{true};
  EXPECT_THROW(eigenvector(load_relationships("karate"), {}, Cancellation(&flag)), Cancelled);
}

}  // namespace
}  // namespace guanxi::algorithms
