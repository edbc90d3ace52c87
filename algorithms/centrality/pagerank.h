// PageRank by power iteration, pulling over the in-lists.
//
// Semantics follow the LDBC Graphalytics PR specification, so the validation
// data sets reproduce exactly (run with tolerance 0 and maxIterations equal to
// the data set's num-iterations):
//   PR_0(v)   = t(v)
//   PR_i(v)   = (1-d) t(v) + d * sum_{u -> v} PR_{i-1}(u) w(u,v) / W(u)
//               + d * t(v) * sum_{dangling u} PR_{i-1}(u)
// where W(u) is u's out-degree (unweighted) or total out-weight (weighted), a
// dangling vertex is one with W(u) = 0, and the teleport vector t is 1/n for
// every vertex, or 1/|S| on the distinct sourceNodes S and 0 elsewhere
// (personalized PageRank; dangling mass then also returns to S, as networkx
// does). Scores therefore always sum to 1. On an undirected graph each relationship
// carries rank both ways. Parallel relationships each carry their share; a self-loop
// returns rank to its own vertex.
//
// Iteration stops after maxIterations, or earlier once every vertex's score
// changed by less than `tolerance` in one iteration (GDS's rule); tolerance 0
// runs every iteration. Runs in parallel with OpenMP; the result does not
// depend on the thread count.
#pragma once

#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

struct PageRankConfig {
  double damping_factor = 0.85;      // dampingFactor, in [0, 1)
  int max_iterations = 20;           // maxIterations, at least 1
  double tolerance = 1e-7;           // tolerance, at least 0
  bool weighted = true;              // use the graph's weights when it has them
  std::vector<Vertex> source_nodes;  // sourceNodes (local ids); empty = classic PageRank
  int concurrency = 0;               // threads; 0 = all cores

  // Throws ConfigError naming the first key out of range.
  void validate() const;
};

struct PageRankResult {
  std::vector<double> scores;  // indexed by local vertex; sums to 1
  int iterations = 0;          // iterations run
  bool converged = false;      // the last iteration changed no score by tolerance or more
};

// Throws ConfigError for a bad config, a source node not in the graph
// ("sourceNodes") or a negative or non-finite weight
// ("relationshipWeightProperty"); Cancelled when `cancel` fires (polled every
// iteration).
PageRankResult pagerank(const CsrGraph& graph, const PageRankConfig& config = {},
                        Cancellation cancel = {});

}  // namespace guanxi::algorithms
