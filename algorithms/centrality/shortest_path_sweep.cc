#include "algorithms/centrality/shortest_path_sweep.h"

#include <algorithm>
#include <functional>
#include <limits>

namespace guanxi::algorithms {

ShortestPathSweep::ShortestPathSweep(const CsrGraph& graph, bool weighted, bool reverse,
                                     bool count_paths)
    : graph_(graph), weighted_(weighted), reverse_(reverse), count_paths_(count_paths) {
  const Vertex n = graph.vertex_count();
  order_.reserve(n);
  if (weighted_) {
    distance_.assign(n, std::numeric_limits<double>::infinity());
    rank_.assign(n, kUnreached);
  } else {
    level_.assign(n, kUnreached);
  }
  if (count_paths_) paths_.assign(n, 0.0);
}

void ShortestPathSweep::run(Vertex source) {
  for (Vertex v : order_) {
    if (weighted_) {
      rank_[v] = kUnreached;
      distance_[v] = std::numeric_limits<double>::infinity();
    } else {
      level_[v] = kUnreached;
    }
    if (count_paths_) paths_[v] = 0;
  }
  order_.clear();
  if (weighted_) {
    dijkstra(source);
  } else {
    breadth_first(source);
  }
}

void ShortestPathSweep::breadth_first(Vertex source) {
  level_[source] = 0;
  if (count_paths_) paths_[source] = 1;
  order_.push_back(source);
  // order_ is the BFS queue.
  for (std::size_t head = 0; head < order_.size(); ++head) {
    const Vertex v = order_[head];
    const std::uint32_t next = level_[v] + 1;
    const auto ends = reverse_ ? graph_.in(v) : graph_.out(v);
    if (count_paths_) {
      const double through_v = paths_[v];
      for (Vertex w : ends) {
        if (level_[w] == kUnreached) {
          level_[w] = next;
          order_.push_back(w);
        }
        if (level_[w] == next) paths_[w] += through_v;
      }
    } else {
      for (Vertex w : ends) {
        if (level_[w] == kUnreached) {
          level_[w] = next;
          order_.push_back(w);
        }
      }
    }
  }
}

void ShortestPathSweep::dijkstra(Vertex source) {
  // Until a vertex is settled (rank_ set) distance_ holds its best tentative
  // distance, infinity when unseen. Every seen vertex is eventually settled,
  // so order_ is also the list of vertices to reset before the next run.
  const auto greater = std::greater<std::pair<double, Vertex>>();
  heap_.clear();
  distance_[source] = 0;
  if (count_paths_) paths_[source] = 1;
  heap_.push_back({0.0, source});
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), greater);
    const auto [dv, v] = heap_.back();
    heap_.pop_back();
    if (rank_[v] != kUnreached || dv != distance_[v]) continue;  // settled, or a stale entry
    rank_[v] = static_cast<std::uint32_t>(order_.size());
    order_.push_back(v);
    const auto ends = reverse_ ? graph_.in(v) : graph_.out(v);
    const auto weights = reverse_ ? graph_.in_weights(v) : graph_.out_weights(v);
    for (std::size_t i = 0; i < ends.size(); ++i) {
      const Vertex w = ends[i];
      if (rank_[w] != kUnreached) continue;
      const double dw = dv + weights[i];
      if (dw < distance_[w]) {
        distance_[w] = dw;
        if (count_paths_) paths_[w] = paths_[v];
        heap_.push_back({dw, w});
        std::push_heap(heap_.begin(), heap_.end(), greater);
      } else if (dw == distance_[w] && count_paths_) {
        paths_[w] += paths_[v];
      }
    }
  }
}

}  // namespace guanxi::algorithms
