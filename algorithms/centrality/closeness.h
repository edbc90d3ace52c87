// Closeness and harmonic centrality: how near a vertex is to all others.
//
// Semantics (networkx.closeness_centrality and networkx.harmonic_centrality,
// step for step):
//  - d(u, v) is the shortest-path distance from u to v in relationships, or with
//    `weighted` in total weight (Dijkstra; weights are distances). On a
//    directed graph both measures use the distances *to* v (networkx's
//    choice; GDS measures distances from v: project the graph reversed for
//    that). Undirected graphs have d(u, v) = d(v, u).
//  - closeness(v) = (r - 1) / sum_u d(u, v) over the r vertices (v itself
//    included) that reach v; 0 when that sum is 0 (isolated, or n = 1).
//    useWassermanFaust (networkx wf_improved, default false as in GDS)
//    multiplies by (r - 1) / (n - 1), which makes scores of vertices in small
//    components comparable with those in large ones.
//  - harmonic(v) = sum over u that reach v with d(u, v) > 0 of 1 / d(u, v);
//    normalized (default true, as GDS) divides by n - 1 (networkx does not
//    normalize: use normalized = false to compare).
// Parallel relationships and self-loops do not change distances. Runs one BFS or
// Dijkstra per vertex, in parallel with OpenMP.
#pragma once

#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

struct ClosenessConfig {
  bool use_wasserman_faust = false;  // useWassermanFaust
  bool weighted = true;              // distances by the graph's weights when it has them
  int concurrency = 0;               // threads; 0 = all cores

  // Throws ConfigError naming the first key out of range.
  void validate() const;
};

struct HarmonicConfig {
  bool normalized = true;  // normalized: divide by n - 1
  bool weighted = true;    // distances by the graph's weights when it has them
  int concurrency = 0;     // threads; 0 = all cores

  // Throws ConfigError naming the first key out of range.
  void validate() const;
};

struct ClosenessResult {
  std::vector<double> scores;  // indexed by local vertex
};

// Both throw ConfigError for a bad config or a negative or non-finite weight,
// and Cancelled when `cancel` fires (polled between vertices).
ClosenessResult closeness(const CsrGraph& graph, const ClosenessConfig& config = {},
                          Cancellation cancel = {});
ClosenessResult harmonic(const CsrGraph& graph, const HarmonicConfig& config = {},
                         Cancellation cancel = {});

}  // namespace guanxi::algorithms
