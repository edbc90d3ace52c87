// Weakly connected components.
//
// Two vertices share a component when a path joins them ignoring arc
// direction. Self-loops and parallel arcs change nothing. Each vertex is
// labelled with the smallest database node id (CsrGraph::node_id) in its
// component: the labelling of the LDBC Graphalytics WCC reference, so the
// result is the same whatever the local ids are.
#pragma once

#include <cstdint>
#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

struct WccConfig {
  // Worker threads; 0 uses every core.
  int concurrency = 0;

  // Throws ConfigError naming `concurrency` when it is negative.
  void validate() const;
};

struct WccResult {
  std::vector<std::uint64_t> component;  // per local vertex: smallest node id of its component
  std::uint64_t component_count = 0;
};

// Afforest: parallel lock-free union-find (the larger root linked under the
// smaller one) that samples two neighbours of every vertex first and then
// skips the lists of the largest component it found (Sutton, Ben-Nun and
// Barak, "Optimizing Parallel Graph Connectivity Computation via Subgraph
// Sampling", IPDPS 2018). Reads the out-lists alone of a directed graph
// without in-lists (then skipping nothing), so its projection may leave them
// out. Polls `cancel` between blocks of vertices.
WccResult wcc(const CsrGraph& graph, const WccConfig& config = {}, Cancellation cancel = {});

}  // namespace guanxi::algorithms
