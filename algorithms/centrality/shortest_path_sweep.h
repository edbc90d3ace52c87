// One single-source shortest-path sweep (BFS, or Dijkstra with relationship weights as
// distances) with the per-vertex state Brandes betweenness, closeness and
// harmonic centrality need. One sweep object is reused for many sources by
// one thread: run() resets only what the previous run touched.
//
// Path counting follows networkx (_single_source_shortest_path_basic and
// _single_source_dijkstra_path_basic): parallel relationships are distinct paths, and
// two weighted paths are equally short only when their summed distances are
// equal as doubles. Weights must be finite and non-negative (checked by the
// caller with check_relationship_weights).
#pragma once

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

class ShortestPathSweep {
 public:
  // `weighted`: Dijkstra over the graph's weights (the graph must have them);
  // else BFS. `reverse`: follow in-lists, so distance(v) is the distance from
  // v to the source. `count_paths`: also count shortest paths.
  ShortestPathSweep(const CsrGraph& graph, bool weighted, bool reverse, bool count_paths);

  void run(Vertex source);

  // The vertices reached by the last run, in the order they were settled
  // (non-decreasing distance; the source first).
  const std::vector<Vertex>& order() const { return order_; }
  bool reached(Vertex v) const {
    return weighted_ ? rank_[v] != kUnreached : level_[v] != kUnreached;
  }
  // Only for reached vertices.
  double distance(Vertex v) const {
    return weighted_ ? distance_[v] : static_cast<double>(level_[v]);
  }
  // Number of shortest paths from the source (count_paths only).
  double paths(Vertex v) const { return paths_[v]; }
  const std::vector<double>& path_counts() const { return paths_; }

  // Calls visit(p) for every arc p -> w (p <- w when reverse) that lies on a
  // shortest path to the reached vertex w, once per parallel arc.
  template <class Visit>
  void for_each_predecessor(Vertex w, Visit&& visit) const;

 private:
  static constexpr std::uint32_t kUnreached = std::numeric_limits<std::uint32_t>::max();

  void breadth_first(Vertex source);
  void dijkstra(Vertex source);

  const CsrGraph& graph_;
  const bool weighted_, reverse_, count_paths_;
  std::vector<Vertex> order_;
  std::vector<std::uint32_t> level_;  // BFS depth
  std::vector<double> distance_;      // Dijkstra distance
  std::vector<std::uint32_t> rank_;   // Dijkstra settle position
  std::vector<double> paths_;
  std::vector<std::pair<double, Vertex>> heap_;
};

template <class Visit>
void ShortestPathSweep::for_each_predecessor(Vertex w, Visit&& visit) const {
  const auto back = reverse_ ? graph_.out(w) : graph_.in(w);
  if (!weighted_) {
    const std::uint32_t want = level_[w] - 1;
    if (level_[w] == 0) return;
    for (Vertex p : back) {
      if (level_[p] == want) visit(p);
    }
    return;
  }
  const auto weights = reverse_ ? graph_.out_weights(w) : graph_.in_weights(w);
  const double dw = distance_[w];
  const std::uint32_t rw = rank_[w];
  for (std::size_t i = 0; i < back.size(); ++i) {
    const Vertex p = back[i];
    // Settled before w (so never unreached) and on a shortest path to it.
    if (rank_[p] < rw && distance_[p] + weights[i] == dw) visit(p);
  }
}

}  // namespace guanxi::algorithms
