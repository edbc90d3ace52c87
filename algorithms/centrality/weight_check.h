// Validation of relationship weights for the algorithms that read them as transition
// probabilities (PageRank, eigenvector) or as distances (betweenness,
// closeness, harmonic): every weight must be finite and non-negative.
#pragma once

#include <cmath>
#include <string>

#include "algorithms/algorithm_error.h"
#include "algorithms/centrality/config_value.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

// Throws ConfigError naming "relationshipWeightProperty" (the GDS key that
// asked for weights) and the first offending relationship, in local ids.
inline void check_relationship_weights(const CsrGraph& graph, const std::string& algorithm) {
  if (!graph.weighted()) return;
  for (Vertex v = 0; v < graph.vertex_count(); ++v) {
    const auto targets = graph.out(v);
    const auto weights = graph.out_weights(v);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (!std::isfinite(weights[i]) || weights[i] < 0) {
        throw ConfigError(algorithm, "relationshipWeightProperty",
                          "must give finite non-negative weights, got " + config_value(weights[i]) +
                              " on the relationship " + std::to_string(graph.node_id(v)) + " -> " +
                              std::to_string(graph.node_id(targets[i])));
      }
    }
  }
}

}  // namespace guanxi::algorithms
