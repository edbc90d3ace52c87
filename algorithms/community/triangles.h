// Triangle count per vertex and local clustering coefficient.
//
// Triangles are counted in the underlying simple undirected graph: arc
// direction, parallel arcs and self-loops are ignored (networkx.triangles on
// the undirected graph; Neo4j GDS triangleCount). Each triangle counts once
// for each of its three corners; the total counts it once.
//
// Local clustering coefficient:
// - undirected projection: networkx.clustering, t(v) / (d(d−1)/2) with d the
//   number of distinct neighbours other than v;
// - directed projection: the LDBC Graphalytics LCC (its validation data is
//   the oracle): with N(v) the distinct in- and out-neighbours other than v,
//   the number of arcs u→w between distinct u, w in N(v) (parallel arcs once)
//   divided by |N(v)|(|N(v)|−1).
// Vertices with fewer than two neighbours have coefficient 0.
#pragma once

#include <cstdint>
#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

struct TriangleConfig {
  int concurrency = 0;  // 0: every core

  // Throws ConfigError naming concurrency.
  void validate() const;
};

struct TriangleResult {
  std::vector<std::uint64_t> triangles;  // per local vertex
  std::uint64_t total = 0;               // distinct triangles
};

struct ClusteringResult {
  std::vector<double> coefficient;  // per local vertex
  double average = 0;               // mean over all vertices (networkx average_clustering)
};

// Degree-ordered enumeration: each relationship is oriented from the lower to the
// higher (degree, id) rank, and each triangle found once by marking the
// out-list of its lowest corner; parallel over vertices. Polls `cancel`.
TriangleResult triangle_count(const CsrGraph& graph, const TriangleConfig& config = {},
                              Cancellation cancel = {});

ClusteringResult local_clustering_coefficient(const CsrGraph& graph,
                                              const TriangleConfig& config = {},
                                              Cancellation cancel = {});

}  // namespace guanxi::algorithms
