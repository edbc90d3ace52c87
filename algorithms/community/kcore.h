// k-core decomposition: the core number of every vertex, with
// networkx.core_number's semantics.
//
// The k-core is the largest subgraph in which every vertex has degree >= k;
// a vertex's core number is the largest k whose k-core holds it. Degrees are
// taken in the simple graph networkx would build: on an undirected
// projection the distinct neighbours other than v; on a directed projection
// (a networkx DiGraph) in-degree plus out-degree, distinct per direction, so
// a neighbour joined both ways counts twice. Self-loops are ignored (networkx
// refuses them); parallel arcs count once.
#pragma once

#include <cstdint>
#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

struct KCoreConfig {
  int concurrency = 0;  // 0: every core (degrees are computed in parallel)

  // Throws ConfigError naming concurrency.
  void validate() const;
};

struct KCoreResult {
  std::vector<std::uint64_t> core;  // per local vertex
  std::uint64_t degeneracy = 0;     // the largest core number
};

// Level-synchronous parallel peeling (PKC), O(n * levels + m) with the
// remaining vertices shrinking each level. Polls `cancel` once per level.
KCoreResult kcore(const CsrGraph& graph, const KCoreConfig& config = {}, Cancellation cancel = {});

}  // namespace guanxi::algorithms
