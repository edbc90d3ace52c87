// Community detection by label propagation, with the LDBC Graphalytics CDLP
// semantics (the Graphalytics validation outputs are the oracle).
//
// Every vertex starts with its database node id (CsrGraph::node_id) as label.
// Each iteration is synchronous: every vertex takes the label that occurs most
// often among its neighbours' labels of the previous iteration, the smallest
// such label on a relationship. On a directed projection both in- and out-neighbours
// count, so a neighbour joined by arcs both ways counts twice; every parallel
// arc counts, and so does a self-loop (the vertex's own label). A vertex
// without neighbours keeps its label. Exactly `maxIterations` iterations run,
// unless an iteration changes no label (further ones would not either).
#pragma once

#include <cstdint>
#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

struct LabelPropagationConfig {
  int max_iterations = 10;  // key maxIterations, >= 1
  int concurrency = 0;      // 0: every core

  // Throws ConfigError naming maxIterations or concurrency.
  void validate() const;
};

struct LabelPropagationResult {
  std::vector<std::uint64_t> community;  // per local vertex: its final label (a node id)
  int iterations = 0;                    // iterations run
  bool converged = false;                // the last iteration changed no label
  std::uint64_t community_count = 0;
};

// Parallel over vertices; deterministic. Polls `cancel` once per iteration and
// every few thousand vertices.
LabelPropagationResult label_propagation(const CsrGraph& graph,
                                         const LabelPropagationConfig& config = {},
                                         Cancellation cancel = {});

}  // namespace guanxi::algorithms
