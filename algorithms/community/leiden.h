// Leiden community detection (Traag, Waltman & van Eck 2019) maximizing
// modularity, with the refinement phase that guarantees every community is
// connected (and γ-well-connected at the level it was formed).
//
// Same graph semantics as Louvain (CommunityGraph: a directed projection is
// symmetrized; weights non-negative; self-loops as in networkx). Each level:
// fast local moving (a queue of vertices, shuffled with `randomSeed`, a moved
// vertex requeues its neighbours outside its new community); refinement,
// where inside each community singletons that are well connected merge into
// well-connected sub-communities, the target drawn with probability
// ∝ exp(gain / theta) among non-negative gains (gain in relationship-weight units);
// aggregation by the refined communities, the local-moving communities
// seeding the next level. Stops after `maxLevels`, when every community is a
// single vertex, or when a level gains less than `tolerance` modularity.
// Deterministic for a seed (the run is sequential apart from building and
// aggregating the graphs).
#pragma once

#include <cstdint>
#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

struct LeidenConfig {
  int max_levels = 10;             // key maxLevels, >= 1
  double gamma = 1.0;              // key gamma (resolution), finite and > 0
  double theta = 0.01;             // key theta (refinement randomness), finite and > 0
  double tolerance = 1e-4;         // key tolerance, finite and >= 0
  std::uint64_t random_seed = 42;  // key randomSeed
  int concurrency = 0;             // 0: every core

  // Throws ConfigError naming the offending key.
  void validate() const;
};

struct LeidenResult {
  std::vector<std::uint64_t> community;  // per local vertex; dense ids, numbered by first vertex
  std::uint64_t community_count = 0;
  double modularity = 0;                   // of `community`, at resolution gamma
  std::vector<double> level_modularities;  // after each level
  int levels = 0;
};

// Polls `cancel` every few thousand vertices.
LeidenResult leiden(const CsrGraph& graph, const LeidenConfig& config = {},
                    Cancellation cancel = {});

}  // namespace guanxi::algorithms
