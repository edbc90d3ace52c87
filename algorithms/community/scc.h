// Strongly connected components.
//
// Two vertices share a component when each reaches the other along arcs.
// On an undirected projection these are the connected components. Self-loops
// and parallel arcs change nothing. Each vertex is labelled with the smallest
// database node id (CsrGraph::node_id) in its component, as WCC does.
#pragma once

#include <cstdint>
#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

struct SccConfig {
  // Accepted for the uniform procedure shape; the run is sequential.
  int concurrency = 0;

  // Throws ConfigError naming `concurrency` when it is negative.
  void validate() const;
};

struct SccResult {
  std::vector<std::uint64_t> component;  // per local vertex: smallest node id of its component
  std::uint64_t component_count = 0;
};

// Tarjan's algorithm with an explicit stack (no recursion, so a path of
// millions of vertices is fine), O(n + m). Polls `cancel` every few thousand
// vertices.
SccResult scc(const CsrGraph& graph, const SccConfig& config = {}, Cancellation cancel = {});

}  // namespace guanxi::algorithms
