#include "algorithms/community/modularity.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace guanxi::algorithms {

void ModularityConfig::validate() const {
  if (!std::isfinite(resolution) || resolution < 0) {
    throw ConfigError("algo.modularity", "resolution",
                      "must be finite and >= 0, got " + std::to_string(resolution));
  }
}

ModularityResult modularity(const CsrGraph& graph, const std::vector<std::uint64_t>& community,
                            const ModularityConfig& config) {
  config.validate();
  const Vertex n = graph.vertex_count();
  if (community.size() != n) {
    throw std::invalid_argument("modularity: " + std::to_string(community.size()) +
                                " community labels for " + std::to_string(n) + " vertices");
  }
  // Dense community ids in order of first appearance.
  std::unordered_map<std::uint64_t, Vertex> dense_of;
  std::vector<Vertex> c(n);
  for (Vertex v = 0; v < n; ++v)
    c[v] = dense_of.try_emplace(community[v], static_cast<Vertex>(dense_of.size())).first->second;
  const std::size_t k = dense_of.size();
  std::vector<double> inside(k, 0), out_sum(k, 0), in_sum(k, 0);
  double total = 0;
  const bool undirected = graph.undirected();
  for (Vertex v = 0; v < n; ++v) {
    const auto targets = graph.out(v);
    const auto weights = graph.out_weights(v);
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const Vertex u = targets[i];
      const double w = weights.empty() ? 1.0 : weights[i];
      // An undirected self-loop is one arc but two ends of one relationship.
      const double ends = undirected && u == v ? 2.0 : 1.0;
      out_sum[c[v]] += ends * w;
      in_sum[c[u]] += ends * w;
      total += ends * w;
      if (c[u] == c[v]) inside[c[v]] += ends * w;
    }
  }
  ModularityResult result;
  result.community_count = k;
  if (total == 0) return result;
  // Undirected: total = 2m and inside = 2 L_c; directed: total = m.
  double q = 0;
  for (std::size_t i = 0; i < k; ++i) {
    if (undirected) {
      q += inside[i] / total - config.resolution * (out_sum[i] / total) * (out_sum[i] / total);
    } else {
      q += inside[i] / total - config.resolution * out_sum[i] * in_sum[i] / (total * total);
    }
  }
  result.modularity = q;
  return result;
}

}  // namespace guanxi::algorithms
