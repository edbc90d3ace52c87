#include "algorithms/paths/dijkstra.h"

#include <cmath>
#include <functional>
#include <queue>
#include <sstream>
#include <string>
#include <utility>

#include "algorithms/config_checks.h"
#include "algorithms/paths/bfs.h"

namespace guanxi::algorithms {

namespace {

constexpr const char* kName = "algo.dijkstra";

std::string number(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

void check_weights(const CsrGraph& graph) {
  for (Vertex v = 0; v < graph.vertex_count(); ++v) {
    const auto targets = graph.out(v);
    const auto weights = graph.out_weights(v);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (!std::isfinite(weights[i]) || weights[i] < 0) {
        throw ConfigError(kName, "relationshipWeightProperty",
                          "must give finite non-negative weights, got " + number(weights[i]) +
                              " on the relationship " + std::to_string(graph.node_id(v)) + " -> " +
                              std::to_string(graph.node_id(targets[i])));
      }
    }
  }
}

}  // namespace

DijkstraResult dijkstra(const CsrGraph& graph, const DijkstraConfig& config, Cancellation cancel) {
  const Vertex n = graph.vertex_count();
  validate_path_ends(kName, config.source, config.target, n);
  const bool weighted = config.weighted && graph.weighted();
  if (weighted) check_weights(graph);
  const bool both = config.undirected && !graph.undirected();

  DijkstraResult r;
  r.distances.assign(n, std::numeric_limits<double>::infinity());
  r.parents.assign(n, kNoVertex);
  std::vector<bool> settled(n, false);
  using Entry = std::pair<double, Vertex>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
  r.distances[config.source] = 0;
  heap.push({0.0, config.source});
  std::uint64_t pops = 0;
  cancel.enter_phase("dijkstra", n);  // steps: vertices settled
  while (!heap.empty()) {
    // Named copies rather than a structured binding: the lambda below
    // captures them, which clang (and so clang-tidy) 14 does not allow.
    const double d = heap.top().first;
    const Vertex u = heap.top().second;
    heap.pop();
    if (settled[u] || d > r.distances[u]) continue;
    settled[u] = true;
    if ((++pops & 4095) == 0) {
      cancel.check();
      cancel.at_step(pops);
    }
    if (config.target && u == *config.target) break;
    auto relax = [&](std::span<const Vertex> targets, std::span<const double> weights) {
      for (std::size_t i = 0; i < targets.size(); ++i) {
        const Vertex w = targets[i];
        if (settled[w]) continue;
        const double nd = d + (weighted ? weights[i] : 1.0);
        if (nd < r.distances[w]) {
          r.distances[w] = nd;
          r.parents[w] = u;
          heap.push({nd, w});
        }
      }
    };
    relax(graph.out(u), graph.out_weights(u));
    if (both) relax(graph.in(u), graph.in_weights(u));
  }
  if (config.target) {
    // Vertices still in the heap have tentative distances only.
    for (Vertex v = 0; v < n; ++v) {
      if (!settled[v]) {
        r.distances[v] = std::numeric_limits<double>::infinity();
        r.parents[v] = kNoVertex;
      }
    }
    r.path = path_from_parents(r.parents, config.source, *config.target);
  }
  return r;
}

}  // namespace guanxi::algorithms
