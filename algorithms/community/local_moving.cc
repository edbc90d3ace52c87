#include "algorithms/community/local_moving.h"

namespace guanxi::algorithms {

bool move_to_best(const CommunityGraph& g, Vertex v, const NeighbourWeights& weights,
                  double resolution, Partition& partition, double& gain) {
  const Vertex current = partition.community[v];
  const double k = g.degree(v);
  const double scale = resolution * k / g.total();
  partition.total[current] -= k;
  // Gain of joining c, up to the factor 2/total: w(v, c) − γ k tot_c / 2m.
  const double stay = weights.to(current) - scale * partition.total[current];
  Vertex best = current;
  double best_gain = stay;
  for (Vertex c : weights.touched()) {
    if (c == current) continue;
    const double candidate = weights.to(c) - scale * partition.total[c];
    if (candidate > best_gain) {
      best_gain = candidate;
      best = c;
    }
  }
  partition.total[best] += k;
  if (best == current) return false;
  partition.community[v] = best;
  gain += 2 * (best_gain - stay) / g.total();
  return true;
}

std::uint64_t local_moving_sweep(const CommunityGraph& g, const std::vector<Vertex>& order,
                                 double resolution, Partition& partition, NeighbourWeights& weights,
                                 std::vector<char>& active, double& gain, Cancellation cancel) {
  std::uint64_t moves = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if ((i & 4095) == 0) cancel.check();
    // The order is shuffled, so each vertex's offsets and list are cache
    // misses: fetch them 16 and 8 vertices ahead (5-8% of a sweep on L).
    if (i + 16 < order.size()) {
      __builtin_prefetch(&active[order[i + 16]]);
      g.prefetch_offsets(order[i + 16]);
    }
    if (i + 8 < order.size() && active[order[i + 8]]) g.prefetch_list(order[i + 8]);
    const Vertex v = order[i];
    if (!active[v]) continue;
    active[v] = 0;
    weights.collect(g, v, partition.community);
    if (!move_to_best(g, v, weights, resolution, partition, gain)) continue;
    ++moves;
    for (auto a = g.begin(v); a < g.end(v); ++a) active[g.target(a)] = 1;
  }
  return moves;
}

}  // namespace guanxi::algorithms
