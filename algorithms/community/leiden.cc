#include "algorithms/community/leiden.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>

#include "algorithms/community/community_graph.h"
#include "algorithms/community/local_moving.h"
#include "algorithms/community/team_size.h"

namespace guanxi::algorithms {

namespace {

const char* const kName = "algo.leiden";

void check_finite(const char* key, double value, bool zero_allowed) {
  if (!std::isfinite(value) || value < 0 || (!zero_allowed && value == 0)) {
    throw ConfigError(kName, key,
                      std::string("must be finite and ") + (zero_allowed ? ">= 0" : "> 0") +
                          ", got " + std::to_string(value));
  }
}

double uniform01(std::mt19937_64& random) {
  return static_cast<double>(random() >> 11) * 0x1.0p-53;
}

// Fast local moving: a queue seeded with every vertex in random order.
void move_nodes_fast(const CommunityGraph& g, double gamma, Partition& partition,
                     std::mt19937_64& random, Cancellation cancel) {
  const Vertex n = g.vertex_count();
  std::vector<Vertex> queue(n);
  std::iota(queue.begin(), queue.end(), 0);
  std::shuffle(queue.begin(), queue.end(), random);
  std::vector<bool> queued(n, true);
  NeighbourWeights weights(n);
  std::size_t head = 0, size = n;  // a ring: each vertex is queued at most once
  std::uint64_t steps = 0;
  double gain = 0;
  while (size > 0) {
    if ((++steps & 4095) == 0) cancel.check();
    const Vertex v = queue[head];
    head = head + 1 == n ? 0 : head + 1;
    --size;
    queued[v] = false;
    weights.collect(g, v, partition.community);
    if (!move_to_best(g, v, weights, gamma, partition, gain)) continue;
    const Vertex c = partition.community[v];
    for (auto a = g.begin(v); a < g.end(v); ++a) {
      const Vertex u = g.target(a);
      if (u == v || queued[u] || partition.community[u] == c) continue;
      queued[u] = true;
      queue[(head + size) % n] = u;
      ++size;
    }
  }
}

// Refines `community` (dense, below `count`): returns the refined membership
// (dense ids) of every vertex, each refined community inside one community.
std::vector<Vertex> refine(const CommunityGraph& g, const Partition& partition, double gamma,
                           double theta, std::mt19937_64& random, Cancellation cancel) {
  const Vertex n = g.vertex_count();
  const auto& community = partition.community;
  std::vector<Vertex> refined(n);
  std::iota(refined.begin(), refined.end(), 0);
  std::vector<double> total(n),
      external(n, 0);  // per refined community: Σ degree; weight to the rest of its community
  std::vector<Vertex> size(n, 1);
  for (Vertex v = 0; v < n; ++v) {
    total[v] = g.degree(v);
    for (auto a = g.begin(v); a < g.end(v); ++a) {
      const Vertex u = g.target(a);
      if (u != v && community[u] == community[v]) external[v] += g.weight(a);
    }
  }
  const double scale = gamma / g.total();
  std::vector<Vertex> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), random);
  std::vector<double> to(n, 0);
  std::vector<Vertex> mark(n, UINT32_MAX), touched;
  std::vector<double> chance;
  for (std::size_t i = 0; i < n; ++i) {
    if ((i & 4095) == 0) cancel.check();
    const Vertex v = order[i];
    if (refined[v] != v || size[v] != 1) continue;  // only singletons move
    const Vertex s = community[v];
    const double k = g.degree(v);
    const double community_total = partition.total[s];
    if (external[v] < scale * k * (community_total - k)) continue;  // v is not well connected
    touched.clear();
    for (auto a = g.begin(v); a < g.end(v); ++a) {
      const Vertex u = g.target(a);
      if (u == v || community[u] != s) continue;
      const Vertex r = refined[u];
      if (mark[r] != v) {
        mark[r] = v;
        to[r] = 0;
        touched.push_back(r);
      }
      to[r] += g.weight(a);
    }
    // Candidates: well-connected refined communities with a non-negative gain;
    // staying alone (gain 0) is one of them.
    double best = 0;
    std::size_t kept = 0;
    for (Vertex r : touched) {
      const double gain = to[r] - scale * k * total[r];
      if (gain < 0 || external[r] < scale * total[r] * (community_total - total[r])) continue;
      touched[kept++] = r;
      best = std::max(best, gain);
    }
    touched.resize(kept);
    if (touched.empty()) continue;
    chance.assign(1, std::exp(-best / theta));  // staying alone
    double sum = chance[0];
    for (Vertex r : touched) {
      chance.push_back(std::exp((to[r] - scale * k * total[r] - best) / theta));
      sum += chance.back();
    }
    double draw = uniform01(random) * sum;
    std::size_t pick = 0;
    while (pick + 1 < chance.size() && draw >= chance[pick]) draw -= chance[pick++];
    if (pick == 0) continue;
    const Vertex r = touched[pick - 1];
    refined[v] = r;
    total[r] += k;
    external[r] += external[v] - 2 * to[r];
    ++size[r];
    size[v] = 0;
  }
  renumber_dense(refined, n);
  return refined;
}

}  // namespace

void LeidenConfig::validate() const {
  if (max_levels < 1)
    throw ConfigError(kName, "maxLevels", "must be >= 1, got " + std::to_string(max_levels));
  check_finite("gamma", gamma, false);
  check_finite("theta", theta, false);
  check_finite("tolerance", tolerance, true);
  validate_concurrency(kName, concurrency);
}

LeidenResult leiden(const CsrGraph& graph, const LeidenConfig& config, Cancellation cancel) {
  config.validate();
  const int threads = team_size(config.concurrency, graph.vertex_count() + graph.arc_count());
  const Vertex n = graph.vertex_count();
  CommunityGraph level_graph = CommunityGraph::of(graph, threads);
  std::vector<Vertex> membership(n);  // original vertex -> vertex of the current level graph
  std::iota(membership.begin(), membership.end(), 0);
  std::mt19937_64 random(config.random_seed);
  Partition partition;
  partition.community.resize(n);
  std::iota(partition.community.begin(), partition.community.end(), 0);
  partition.total.resize(n);
  for (Vertex v = 0; v < n; ++v) partition.total[v] = level_graph.degree(v);
  LeidenResult result;
  Vertex count = n;  // communities of `partition`
  double modularity = level_graph.modularity(partition.community, count, config.gamma);

  cancel.enter_phase("leiden", static_cast<std::uint64_t>(config.max_levels));
  for (int level = 0; level < config.max_levels; ++level) {
    cancel.at_step(static_cast<std::uint64_t>(level) + 1);
    const Vertex vertices = level_graph.vertex_count();
    move_nodes_fast(level_graph, config.gamma, partition, random, cancel);
    count = renumber_dense(partition.community, vertices);
    partition.total.assign(count, 0);
    for (Vertex v = 0; v < vertices; ++v)
      partition.total[partition.community[v]] += level_graph.degree(v);
    const double level_modularity =
        level_graph.modularity(partition.community, count, config.gamma);
    const double gained = level_modularity - modularity;
    modularity = level_modularity;
    ++result.levels;
    result.level_modularities.push_back(level_modularity);
    if (count == vertices || level + 1 == config.max_levels || gained < config.tolerance) break;

    const std::vector<Vertex> refined =
        refine(level_graph, partition, config.gamma, config.theta, random, cancel);
    const Vertex refined_count =
        refined.empty() ? 0 : *std::max_element(refined.begin(), refined.end()) + 1;
    // The aggregate's vertices start in the community their members were in.
    std::vector<Vertex> seeded(refined_count);
    for (Vertex v = 0; v < vertices; ++v) seeded[refined[v]] = partition.community[v];
    for (Vertex& m : membership) m = refined[m];
    level_graph = level_graph.aggregate(refined, refined_count, threads, cancel);
    partition.community = std::move(seeded);
  }

  result.modularity = modularity;
  std::vector<Vertex> final_community(n);
  for (Vertex v = 0; v < n; ++v) final_community[v] = partition.community[membership[v]];
  result.community_count = renumber_dense(final_community, count);
  result.community.assign(final_community.begin(), final_community.end());
  return result;
}

}  // namespace guanxi::algorithms
