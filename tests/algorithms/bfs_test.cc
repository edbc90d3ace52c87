#include "algorithms/paths/bfs.h"

#include <gtest/gtest.h>

#include <random>

#include "tests/algorithms/graphalytics.h"

namespace guanxi::algorithms {
namespace {

CsrGraph random_graph(std::uint64_t seed, Vertex n, int arcs, bool undirected) {
  std::mt19937_64 rng(seed);
  CsrBuilder b(n, undirected);
  for (int i = 0; i < arcs; ++i)
    b.add(static_cast<Vertex>(rng() % n), static_cast<Vertex>(rng() % n));
  return b.build();
}

TEST(Bfs, GraphalyticsValidation) {
  for (const char* name :
       {"example-directed", "example-undirected", "test-bfs-directed", "test-bfs-undirected"}) {
    for (const bool relationship_files : {true, false}) {
      SCOPED_TRACE(::testing::Message() << name << (relationship_files ? " .v/.e" : " -input"));
      const auto data = graphalytics::load(name, relationship_files);
      BfsConfig config;
      config.source = data.source("bfs");
      const BfsResult r = bfs(data.graph, config);
      EXPECT_EQ(r.distances, graphalytics::expected_integers(data, "BFS"));
    }
  }
}

TEST(Bfs, ParentsOrderAndPath) {
  // 0 -> 1 -> 3 -> 4, 0 -> 2 -> 3, 5 isolated, 4 -> 0 back.
  CsrBuilder b(6, false);
  for (auto [s, d] : {std::pair{0, 1}, {1, 3}, {3, 4}, {0, 2}, {2, 3}, {4, 0}}) b.add(s, d);
  const CsrGraph g = b.build();
  BfsConfig config;
  config.target = 4;
  const BfsResult r = bfs(g, config);
  EXPECT_EQ(r.distances, (std::vector<std::int64_t>{0, 1, 1, 2, 3, kUnreachable}));
  EXPECT_EQ(r.parents[3], 1u);  // 1 comes before 2 in the visit order
  EXPECT_EQ(r.parents[0], kNoVertex);
  EXPECT_EQ(r.order, (std::vector<Vertex>{0, 1, 2, 3, 4}));
  EXPECT_EQ(r.path, (std::vector<Vertex>{0, 1, 3, 4}));

  config.target = 5;
  EXPECT_TRUE(bfs(g, config).path.empty());
  config.target = 0;
  EXPECT_EQ(bfs(g, config).path, (std::vector<Vertex>{0}));

  // Walking against the relationships reaches 4 in one hop from 0.
  config.target = std::nullopt;
  config.undirected = true;
  EXPECT_EQ(bfs(g, config).distances[4], 1);
  config.undirected = false;
  config.max_depth = 1;
  EXPECT_EQ(bfs(g, config).distances,
            (std::vector<std::int64_t>{0, 1, 1, kUnreachable, kUnreachable, kUnreachable}));
}

TEST(Bfs, TargetStopsTheSearchEarly) {
  CsrBuilder b(5, false);
  for (Vertex v = 0; v + 1 < 5; ++v) b.add(v, v + 1);
  BfsConfig config;
  config.target = 2;
  const BfsResult r = bfs(b.build(), config);
  EXPECT_EQ(r.distances[2], 2);
  EXPECT_EQ(r.distances[4], kUnreachable);
  EXPECT_EQ(r.path, (std::vector<Vertex>{0, 1, 2}));
}

TEST(Bfs, BadConfigNamesTheKey) {
  const CsrGraph g = random_graph(1, 4, 4, false);
  BfsConfig config;
  config.source = 4;
  try {
    bfs(g, config);
    ADD_FAILURE();
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "sourceNode");
  }
  config.source = 0;
  config.target = 9;
  try {
    bfs(g, config);
    ADD_FAILURE();
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "targetNode");
  }
  config.target = std::nullopt;
  config.max_depth = -2;
  EXPECT_THROW(bfs(g, config), ConfigError);
}

// Distances never grow by more than one along an arc, each reached vertex is
// one hop past its parent, and walking a directed graph both ways equals BFS on
// its undirected version.
TEST(BfsProperty, TriangleInequalityAlongArcsAndParents) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const Vertex n = 50 + static_cast<Vertex>(seed * 7);
    const CsrGraph g = random_graph(seed, n, static_cast<int>(n * 2), false);
    BfsConfig config;
    config.source = static_cast<Vertex>(seed % n);
    const BfsResult r = bfs(g, config);
    EXPECT_EQ(r.distances[config.source], 0);
    for (Vertex u = 0; u < n; ++u) {
      if (r.distances[u] == kUnreachable) continue;
      for (Vertex w : g.out(u)) EXPECT_LE(r.distances[w], r.distances[u] + 1);
      if (u != config.source) {
        ASSERT_NE(r.parents[u], kNoVertex);
        EXPECT_EQ(r.distances[u], r.distances[r.parents[u]] + 1);
      }
    }
    EXPECT_EQ(r.order.size(),
              static_cast<std::size_t>(std::count_if(r.distances.begin(), r.distances.end(),
                                                     [](auto d) { return d != kUnreachable; })));
    // The same arcs undirected.
    CsrBuilder ub(n, true);
    for (Vertex u = 0; u < n; ++u) {
      for (Vertex w : g.out(u)) ub.add(u, w);
    }
    config.undirected = true;
    BfsConfig plain;
    plain.source = config.source;
    EXPECT_EQ(bfs(g, config).distances, bfs(ub.build(), plain).distances);
  }
}

}  // namespace
}  // namespace guanxi::algorithms
