#include "algorithms/paths/bfs.h"

#include <algorithm>
#include <string>

#include "algorithms/config_checks.h"

namespace guanxi::algorithms {

namespace {

constexpr const char* kName = "algo.bfs";

}  // namespace

void BfsConfig::validate() const {
  if (max_depth < -1) {
    throw ConfigError(kName, "maxDepth",
                      "must be -1 (unlimited) or at least 0, got " + std::to_string(max_depth));
  }
}

std::vector<Vertex> path_from_parents(const std::vector<Vertex>& parents, Vertex source, Vertex v) {
  std::vector<Vertex> path;
  if (v >= parents.size()) return path;
  if (v != source && parents[v] == kNoVertex) return path;
  for (Vertex at = v; at != source; at = parents[at]) path.push_back(at);
  path.push_back(source);
  std::reverse(path.begin(), path.end());
  return path;
}

BfsResult bfs(const CsrGraph& graph, const BfsConfig& config, Cancellation cancel) {
  config.validate();
  const Vertex n = graph.vertex_count();
  validate_path_ends(kName, config.source, config.target, n);
  BfsResult r;
  r.distances.assign(n, kUnreachable);
  r.parents.assign(n, kNoVertex);
  r.order.reserve(n);
  r.distances[config.source] = 0;
  r.order.push_back(config.source);
  const bool both = config.undirected && !graph.undirected();
  bool found = config.target == config.source;
  // `order` doubles as the queue: [level_begin, level_end) is the current level.
  std::size_t level_begin = 0;
  cancel.enter_phase("bfs", n);  // steps: vertices reached
  for (std::int64_t depth = 0; !found && level_begin < r.order.size(); ++depth) {
    if (config.max_depth >= 0 && depth >= config.max_depth) break;
    cancel.check();
    cancel.at_step(r.order.size());
    const std::size_t level_end = r.order.size();
    for (std::size_t i = level_begin; i < level_end && !found; ++i) {
      const Vertex u = r.order[i];
      auto visit = [&](Vertex w) {
        if (r.distances[w] != kUnreachable) return;
        r.distances[w] = depth + 1;
        r.parents[w] = u;
        r.order.push_back(w);
        if (config.target && w == *config.target) found = true;
      };
      for (Vertex w : graph.out(u)) visit(w);
      if (both) {
        for (Vertex w : graph.in(u)) visit(w);
      }
    }
    level_begin = level_end;
  }
  if (config.target) r.path = path_from_parents(r.parents, config.source, *config.target);
  return r;
}

}  // namespace guanxi::algorithms
