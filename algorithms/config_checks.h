// Checks of the configuration keys several algorithms share. Each throws a
// ConfigError naming the algorithm, the key (as a CALL config map spells it)
// and the value it got.
#pragma once

#include <cmath>
#include <optional>
#include <string>

#include "algorithms/algorithm_error.h"
#include "algorithms/centrality/config_value.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

// "maxIterations" must be at least 1.
inline void validate_max_iterations(const std::string& algorithm, int max_iterations) {
  if (max_iterations < 1) {
    throw ConfigError(algorithm, "maxIterations",
                      "must be at least 1, got " + std::to_string(max_iterations));
  }
}

// "tolerance" must be a finite number at least 0.
inline void validate_tolerance(const std::string& algorithm, double tolerance) {
  if (!(tolerance >= 0) || std::isinf(tolerance)) {
    throw ConfigError(algorithm, "tolerance",
                      "must be a finite number at least 0, got " + config_value(tolerance));
  }
}

// "sourceNode" and "targetNode" (when given) must be vertices of a graph of
// `vertex_count` vertices.
inline void validate_path_ends(const std::string& algorithm, Vertex source,
                               std::optional<Vertex> target, Vertex vertex_count) {
  if (source >= vertex_count) {
    throw ConfigError(algorithm, "sourceNode",
                      "must be a vertex of the graph, got " + std::to_string(source));
  }
  if (target && *target >= vertex_count) {
    throw ConfigError(algorithm, "targetNode",
                      "must be a vertex of the graph, got " + std::to_string(*target));
  }
}

}  // namespace guanxi::algorithms
