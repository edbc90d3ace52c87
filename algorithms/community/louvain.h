// Louvain community detection (Blondel et al. 2008) maximizing modularity.
//
// Works on the undirected weighted graph of CommunityGraph (a directed
// projection is symmetrized, so the reported modularity is that of the
// symmetrized graph; self-loops count as in networkx). Weights must be
// non-negative. Each level: vertices are visited in an order shuffled with
// `randomSeed`, each moved to the neighbouring community of largest gain
// (staying wins relationships), for up to `maxIterations` sweeps or until a sweep
// moves nothing or gains less than `tolerance`; then communities are
// aggregated into vertices. Levels stop after `maxLevels`, when a level moves
// nothing, or when a level gains less than `tolerance` modularity. After more
// than one level, the final partition is refined on the original graph: local
// moving of single vertices, with the same sweep limits.
// Sequential sweeps keep runs deterministic for a seed; building the graphs
// and aggregating run in parallel.
#pragma once

#include <cstdint>
#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

struct LouvainConfig {
  int max_levels = 10;             // key maxLevels, >= 1
  int max_iterations = 10;         // key maxIterations (sweeps per level), >= 1
  double tolerance = 1e-4;         // key tolerance, finite and >= 0
  double resolution = 1.0;         // key resolution (γ), finite and > 0
  std::uint64_t random_seed = 42;  // key randomSeed
  int concurrency = 0;             // 0: every core

  // Throws ConfigError naming the offending key.
  void validate() const;
};

struct LouvainResult {
  std::vector<std::uint64_t> community;  // per local vertex; dense ids, numbered by first vertex
  std::uint64_t community_count = 0;
  double modularity = 0;                   // of `community`, at `resolution` (after refinement)
  std::vector<double> level_modularities;  // after each level (before refinement)
  int levels = 0;                          // levels that moved vertices
  std::vector<int> level_iterations;       // sweeps run per level
};

// Polls `cancel` every few thousand vertices.
LouvainResult louvain(const CsrGraph& graph, const LouvainConfig& config = {},
                      Cancellation cancel = {});

}  // namespace guanxi::algorithms
