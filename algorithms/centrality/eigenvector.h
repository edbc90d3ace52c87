// Eigenvector centrality by power iteration, as networkx.eigenvector_centrality.
//
// Semantics (networkx 3.x, reproduced step for step so its values compare):
//   x_0(v) = 1/n
//   y(v)   = x_{i-1}(v) + sum_{u -> v} x_{i-1}(u) w(u,v)     (iterates A^T + I)
//   x_i    = y / ||y||_2                                      (||y|| = 0 -> 1)
// stopping once sum_v |x_i(v) - x_{i-1}(v)| < n * tolerance (an average change
// below tolerance), or after maxIterations. On a directed graph a vertex is
// central when central vertices point at it (in-relationships, "left" eigenvector); on
// an undirected graph each relationship counts both ways. w = 1 unless weighted. The
// +I shift makes the iteration converge on bipartite graphs too. Parallel
// relationships each count; a self-loop adds x(v) w once more to v.
//
// Defaults are networkx's (100 iterations, 1e-6), not GDS's. networkx raises
// when the iteration does not converge; here `converged` is false and the last
// iterate is returned.
#pragma once

#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

struct EigenvectorConfig {
  int max_iterations = 100;  // maxIterations, at least 1
  double tolerance = 1e-6;   // tolerance, at least 0
  bool weighted = true;      // use the graph's weights when it has them
  int concurrency = 0;       // threads; 0 = all cores

  // Throws ConfigError naming the first key out of range.
  void validate() const;
};

struct EigenvectorResult {
  std::vector<double> scores;  // indexed by local vertex; unit L2 norm
  int iterations = 0;
  bool converged = false;
};

// Throws ConfigError for a bad config or a negative or non-finite weight;
// Cancelled when `cancel` fires (polled every iteration).
EigenvectorResult eigenvector(const CsrGraph& graph, const EigenvectorConfig& config = {},
                              Cancellation cancel = {});

}  // namespace guanxi::algorithms
