// Modularity of a given partition, with networkx.community.modularity's
// semantics (weights, resolution γ, self-loops, directed graphs).
//
// Undirected: Q = Σ_c [ L_c / m − γ (D_c / 2m)² ], m the total relationship weight,
// L_c the weight of relationships inside c, D_c the summed weighted degree of c's
// vertices, where a self-loop counts once in m and L_c and twice in a degree.
// Directed (Leicht & Newman): Q = Σ_c [ L_c / m − γ Out_c In_c / m² ], m the
// total arc weight, Out_c / In_c the summed out- / in-weights of c.
// Parallel arcs add up (as in a networkx MultiGraph). Unweighted projections
// weigh every arc 1. A graph without relationships has modularity 0 (networkx divides
// by zero there).
#pragma once

#include <cstdint>
#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

struct ModularityConfig {
  double resolution = 1.0;  // key resolution (γ), finite and >= 0

  // Throws ConfigError naming resolution.
  void validate() const;
};

struct ModularityResult {
  double modularity = 0;
  std::uint64_t community_count = 0;
};

// `community[v]` is any label per local vertex (equal labels: same community).
// Throws std::invalid_argument when its size is not the vertex count.
ModularityResult modularity(const CsrGraph& graph, const std::vector<std::uint64_t>& community,
                            const ModularityConfig& config = {});

}  // namespace guanxi::algorithms
