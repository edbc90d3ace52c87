// Betweenness centrality by Brandes' algorithm: exact (every vertex a source)
// or estimated from a seeded sample of sources.
//
// Semantics (networkx.betweenness_centrality with endpoints=False, and Neo4j
// GDS gds.betweenness):
//  - B(v) = sum over sources s != v, targets t != v, s != t of
//    sigma_st(v) / sigma_st, the share of shortest s-t paths through v.
//    Shortest means fewest relationships, or with `weighted` the least total weight
//    (Dijkstra; weights are distances, as networkx's `weight` argument).
//  - Parallel relationships are distinct paths; self-loops are never on a shortest path.
//  - Undirected graphs count each pair once: the sum over ordered pairs is
//    halved (networkx and GDS both do this).
//  - Scaling follows networkx 3.6 (N = n - 1, the possible sources of a
//    vertex's paths; nothing is scaled when N < 2):
//      exact, unnormalized: 1/2 for undirected graphs, else 1;
//      exact, normalized (default false, as GDS): 1/(N(N-1)) = 1/((n-1)(n-2))
//        for directed and undirected graphs alike (not halved);
//      sampled with k sources (samplingSize): inflated to estimate the full
//        sum. A vertex that was not a source gets N/(k c) (unnormalized) or
//        1/(k (N-1)) (normalized); one that was a source cannot lie on its own
//        paths, so it gets N/((k-1) c) or 1/((k-1)(N-1)) (0 when k = 1);
//        c = 2 for undirected graphs, else 1.
//    With k = n every vertex is a source and the result equals the exact one.
//    (networkx 2.x scaled every vertex by n/k and not at all for directed
//    unnormalized graphs; GDS does not rescale sampled runs.)
// Runs sources in parallel with OpenMP, one accumulator per thread; the result
// is deterministic for a given seed and concurrency.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

struct BetweennessConfig {
  std::optional<std::uint64_t>
      sampling_size;                // samplingSize, at least 1 and at most n; unset = exact
  std::uint64_t sampling_seed = 0;  // samplingSeed
  bool normalized = false;          // normalized
  bool weighted = true;             // shortest paths by the graph's weights when it has them
  int concurrency = 0;              // threads; 0 = all cores

  // Throws ConfigError naming the first key out of range.
  void validate() const;
};

struct BetweennessResult {
  std::vector<double> scores;   // indexed by local vertex
  std::vector<Vertex> sources;  // the sources used, in the order drawn (all vertices when exact)
};

// Throws ConfigError for a bad config, a samplingSize above the vertex count,
// or a negative or non-finite weight; Cancelled when `cancel` fires (polled
// between sources).
BetweennessResult betweenness(const CsrGraph& graph, const BetweennessConfig& config = {},
                              Cancellation cancel = {});

// Brandes from the given distinct `sources` only, scaled as a sample of that
// size (samplingSize and samplingSeed of `config` are ignored). Lets a caller
// (or a test against networkx) choose the sample. Throws ConfigError
// ("sourceNodes") for a vertex outside the graph or a repeated one.
BetweennessResult betweenness_from_sources(const CsrGraph& graph, std::vector<Vertex> sources,
                                           const BetweennessConfig& config = {},
                                           Cancellation cancel = {});

}  // namespace guanxi::algorithms
