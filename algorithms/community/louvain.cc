#include "algorithms/community/louvain.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>

#include "algorithms/community/community_graph.h"
#include "algorithms/community/local_moving.h"
#include "algorithms/community/team_size.h"
#include "algorithms/config_checks.h"

namespace guanxi::algorithms {

namespace {

const char* const kName = "algo.louvain";

void check_finite(const char* key, double value, double low, bool low_open) {
  if (!std::isfinite(value) || value < low || (low_open && value == low)) {
    throw ConfigError(kName, key,
                      std::string("must be finite and ") + (low_open ? "> " : ">= ") +
                          std::to_string(low) + ", got " + std::to_string(value));
  }
}

// Modularity of the partition in which every vertex of `g` is alone.
double singleton_modularity(const CommunityGraph& g, double resolution) {
  if (g.total() == 0) return 0;
  double q = 0;
  for (Vertex v = 0; v < g.vertex_count(); ++v) {
    const double share = g.degree(v) / g.total();
    q += 2 * g.loop(v) / g.total() - resolution * share * share;
  }
  return q;
}

// Refinement on the original graph (Rotta and Noack's vertex mover): the
// coarse levels moved whole communities, and a single vertex may still gain
// by leaving the one it was merged into. Local moving from the final
// partition `membership` (ids below `bound`), which it updates in place.
void refine(const CommunityGraph& g, const LouvainConfig& config, std::mt19937_64& random,
            std::vector<Vertex>& membership, Vertex bound, Cancellation cancel) {
  const Vertex n = g.vertex_count();
  Partition partition;
  partition.community = std::move(membership);
  partition.total.assign(bound, 0.0);
  for (Vertex v = 0; v < n; ++v) partition.total[partition.community[v]] += g.degree(v);
  std::vector<Vertex> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), random);
  NeighbourWeights weights(bound);
  std::vector<char> active(n, 1);
  for (int sweep = 0; sweep < config.max_iterations; ++sweep) {
    double gain = 0;
    const std::uint64_t moves =
        local_moving_sweep(g, order, config.resolution, partition, weights, active, gain, cancel);
    if (moves == 0 || gain < config.tolerance) break;
  }
  membership = std::move(partition.community);
}

}  // namespace

void LouvainConfig::validate() const {
  if (max_levels < 1)
    throw ConfigError(kName, "maxLevels", "must be >= 1, got " + std::to_string(max_levels));
  validate_max_iterations(kName, max_iterations);
  check_finite("tolerance", tolerance, 0, false);
  check_finite("resolution", resolution, 0, true);
  validate_concurrency(kName, concurrency);
}

LouvainResult louvain(const CsrGraph& graph, const LouvainConfig& config, Cancellation cancel) {
  config.validate();
  const int threads = team_size(config.concurrency, graph.vertex_count() + graph.arc_count());
  const Vertex n = graph.vertex_count();
  const CommunityGraph base = CommunityGraph::of(graph, threads);
  CommunityGraph level_graph;
  const CommunityGraph* current = &base;
  std::vector<Vertex> membership(n);  // original vertex -> vertex of the current level graph
  std::iota(membership.begin(), membership.end(), 0);
  std::mt19937_64 random(config.random_seed);
  LouvainResult result;
  double modularity = singleton_modularity(base, config.resolution);

  cancel.enter_phase("louvain", static_cast<std::uint64_t>(config.max_levels));
  for (int level = 0; level < config.max_levels; ++level) {
    cancel.at_step(static_cast<std::uint64_t>(level) + 1);
    const CommunityGraph& g = *current;
    const Vertex count = g.vertex_count();
    Partition partition;
    partition.community.resize(count);
    std::iota(partition.community.begin(), partition.community.end(), 0);
    partition.total.resize(count);
    for (Vertex v = 0; v < count; ++v) partition.total[v] = g.degree(v);
    std::vector<Vertex> order(partition.community);
    std::shuffle(order.begin(), order.end(), random);
    NeighbourWeights weights(count);
    std::vector<char> active(count, 1);
    std::uint64_t level_moves = 0;
    int sweeps = 0;
    while (sweeps < config.max_iterations) {
      double gain = 0;
      const std::uint64_t moves =
          local_moving_sweep(g, order, config.resolution, partition, weights, active, gain, cancel);
      ++sweeps;
      level_moves += moves;
      if (moves == 0 || gain < config.tolerance) break;
    }
    if (level_moves == 0) break;
    const Vertex communities = renumber_dense(partition.community, count);
    for (Vertex& m : membership) m = partition.community[m];
    level_graph = g.aggregate(partition.community, communities, threads, cancel);
    current = &level_graph;
    const double level_modularity = singleton_modularity(level_graph, config.resolution);
    ++result.levels;
    result.level_iterations.push_back(sweeps);
    result.level_modularities.push_back(level_modularity);
    const double gained = level_modularity - modularity;
    modularity = level_modularity;
    if (gained < config.tolerance || communities == count) break;
  }

  Vertex bound = current->vertex_count();
  if (result.levels > 1) {
    refine(base, config, random, membership, bound, cancel);
    modularity = base.modularity(membership, bound, config.resolution);
  }
  result.modularity = modularity;
  result.community_count = renumber_dense(membership, bound);
  result.community.assign(membership.begin(), membership.end());
  return result;
}

}  // namespace guanxi::algorithms
