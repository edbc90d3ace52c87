// The simple undirected view of a CsrGraph: for each vertex its distinct
// neighbours other than itself, whatever the direction, as one sorted CSR.
#pragma once

#include <cstdint>
#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

struct SimpleNeighbours {
  std::vector<std::uint64_t> offsets;
  std::vector<Vertex> targets;

  std::uint64_t degree(Vertex v) const { return offsets[v + 1] - offsets[v]; }
};

// Merges out- and in-lists (sorted already), drops duplicates and v itself.
// Parallel over vertices.
SimpleNeighbours simple_neighbours(const CsrGraph& graph, int threads, Cancellation cancel);

}  // namespace guanxi::algorithms
