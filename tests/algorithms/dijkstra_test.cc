#include "algorithms/paths/dijkstra.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "algorithms/paths/bfs.h"
#include "tests/algorithms/graphalytics.h"

namespace guanxi::algorithms {
namespace {

void expect_close(double got, double want, const std::string& where) {
  if (std::isinf(want)) {
    EXPECT_TRUE(std::isinf(got)) << where << ": got " << got;
  } else {
    EXPECT_NEAR(got, want, 1e-9 * std::max(1.0, std::abs(want))) << where;
  }
}

TEST(Dijkstra, GraphalyticsValidation) {
  for (const char* name :
       {"example-directed", "example-undirected", "test-sssp-directed", "test-sssp-undirected"}) {
    SCOPED_TRACE(name);
    const auto data = graphalytics::load(name);
    ASSERT_TRUE(data.graph.weighted());
    DijkstraConfig config;
    config.source = data.source("sssp");
    const DijkstraResult r = dijkstra(data.graph, config);
    const auto expected = graphalytics::expected_reals(data, "SSSP");
    ASSERT_EQ(r.distances.size(), expected.size());
    for (Vertex v = 0; v < expected.size(); ++v) {
      expect_close(r.distances[v], expected[v], "vertex " + std::to_string(data.original_ids[v]));
    }
  }
}

TEST(Dijkstra, PathToTargetAndEarlyStop) {
  // 0 -1-> 1 -1-> 2 -1-> 3, and a heavy shortcut 0 -5-> 3; 4 unreachable.
  CsrBuilder b(5, false);
  b.add(0, 1, 1.0);
  b.add(1, 2, 1.0);
  b.add(2, 3, 1.0);
  b.add(0, 3, 5.0);
  const CsrGraph g = b.build();
  DijkstraConfig config;
  config.target = 3;
  const DijkstraResult r = dijkstra(g, config);
  EXPECT_EQ(r.distances[3], 3.0);
  EXPECT_EQ(r.path, (std::vector<Vertex>{0, 1, 2, 3}));
  EXPECT_TRUE(std::isinf(r.distances[4]));
  config.weighted = false;  // hop count: the shortcut wins
  EXPECT_EQ(dijkstra(g, config).path, (std::vector<Vertex>{0, 3}));
  config.weighted = true;
  config.target = 4;
  EXPECT_TRUE(dijkstra(g, config).path.empty());
  config.target = 1;  // settles 0 and 1 only
  const DijkstraResult early = dijkstra(g, config);
  EXPECT_EQ(early.distances[1], 1.0);
  EXPECT_TRUE(std::isinf(early.distances[3]));
  config.target = std::nullopt;
  config.source = 3;
  config.undirected = true;
  EXPECT_EQ(dijkstra(g, config).distances, (std::vector<double>{3.0, 2.0, 1.0, 0.0, INFINITY}));
}

TEST(Dijkstra, NegativeWeightsAreRejected) {
  CsrBuilder b(3, false);
  b.add(0, 1, 1.0);
  b.add(1, 2, -0.5);
  const CsrGraph g = b.build();
  try {
    dijkstra(g, DijkstraConfig{});
    ADD_FAILURE() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "relationshipWeightProperty");
    EXPECT_NE(std::string(e.what()).find("-0.5 on the relationship 1 -> 2"), std::string::npos)
        << e.what();
  }
  DijkstraConfig config;
  config.source = 7;
  EXPECT_THROW(dijkstra(g, config), ConfigError);
}

// With unit lengths Dijkstra equals BFS; every arc satisfies the triangle
// inequality; each path's length is the distance.
TEST(DijkstraProperty, UnitWeightsEqualBfsAndPathsAddUp) {
  for (std::uint64_t seed = 1; seed <= 15; ++seed) {
    std::mt19937_64 rng(seed);
    const Vertex n = 40 + static_cast<Vertex>(seed * 5);
    CsrBuilder b(n, seed % 2 == 0);
    for (Vertex i = 0; i < 3 * n; ++i) {
      b.add(static_cast<Vertex>(rng() % n), static_cast<Vertex>(rng() % n),
            static_cast<double>(rng() % 10) / 4.0);
    }
    const CsrGraph g = b.build();
    DijkstraConfig config;
    config.source = static_cast<Vertex>(seed % n);
    config.weighted = false;
    const DijkstraResult unit = dijkstra(g, config);
    BfsConfig bconfig;
    bconfig.source = config.source;
    const BfsResult hops = bfs(g, bconfig);
    for (Vertex v = 0; v < n; ++v) {
      if (hops.distances[v] == kUnreachable) {
        EXPECT_TRUE(std::isinf(unit.distances[v]));
      } else {
        EXPECT_EQ(unit.distances[v], static_cast<double>(hops.distances[v]));
      }
    }
    config.weighted = true;
    const DijkstraResult r = dijkstra(g, config);
    for (Vertex u = 0; u < n; ++u) {
      if (std::isinf(r.distances[u])) continue;
      const auto targets = g.out(u);
      const auto weights = g.out_weights(u);
      for (std::size_t i = 0; i < targets.size(); ++i)
        EXPECT_LE(r.distances[targets[i]], r.distances[u] + weights[i] + 1e-12);
      DijkstraConfig to = config;
      to.target = u;
      const DijkstraResult p = dijkstra(g, to);
      EXPECT_EQ(p.distances[u], r.distances[u]);
      double length = 0;
      for (std::size_t i = 0; i + 1 < p.path.size(); ++i) {
        const auto ts = g.out(p.path[i]);
        const auto ws = g.out_weights(p.path[i]);
        double best = INFINITY;
        for (std::size_t j = 0; j < ts.size(); ++j) {
          if (ts[j] == p.path[i + 1]) best = std::min(best, ws[j]);
        }
        length += best;
      }
      EXPECT_NEAR(length, r.distances[u], 1e-9);
    }
  }
}

}  // namespace
}  // namespace guanxi::algorithms
