// CommunityGraph: the undirected weighted graph Louvain and Leiden move
// vertices on, and its aggregation (one vertex per community).
//
// Self-loops are held apart (loop(v), counted once, as in networkx); a
// neighbour list may still hold v itself (a viewed projection's self-loop
// arc), which callers skip. A directed projection is symmetrized: the relationship u–v
// weighs w(u→v) + w(v→u), a self-loop keeps its weight. Unweighted arcs
// weigh 1; parallel arcs add up.
#pragma once

#include <cstdint>
#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

class CommunityGraph {
 public:
  CommunityGraph() = default;
  CommunityGraph(CommunityGraph&&) = default;
  CommunityGraph& operator=(CommunityGraph&&) = default;
  CommunityGraph(const CommunityGraph&) = delete;
  CommunityGraph& operator=(const CommunityGraph&) = delete;

  // Views an undirected projection in place (self-loop arcs are skipped while
  // iterating) or symmetrizes a directed one into owned arrays.
  static CommunityGraph of(const CsrGraph& graph, int threads);

  // The graph whose vertex c stands for all v with community[v] == c (dense
  // ids below `count`): relationship weights summed, inner relationships become c's self-loop.
  CommunityGraph aggregate(const std::vector<Vertex>& community, Vertex count, int threads,
                           Cancellation cancel) const;

  Vertex vertex_count() const { return n_; }
  std::uint64_t begin(Vertex v) const { return offsets_[v]; }
  std::uint64_t end(Vertex v) const { return offsets_[v + 1]; }
  Vertex target(std::uint64_t i) const { return targets_[i]; }
  double weight(std::uint64_t i) const { return weights_ ? weights_[i] : 1.0; }
  double loop(Vertex v) const { return loop_[v]; }
  // Ask the cache for v's offsets, and (once they are in) for the start of
  // its neighbour list: a sweep in shuffled order misses on both.
  void prefetch_offsets(Vertex v) const { __builtin_prefetch(offsets_ + v); }
  void prefetch_list(Vertex v) const {
    __builtin_prefetch(targets_ + offsets_[v]);
    if (weights_) __builtin_prefetch(weights_ + offsets_[v]);
  }
  // Weighted degree, a self-loop counted twice.
  double degree(Vertex v) const { return degree_[v]; }
  // Σ degree = 2m.
  double total() const { return total_; }

  // Modularity of a dense partition (ids below `count`) at resolution γ.
  double modularity(const std::vector<Vertex>& community, Vertex count, double resolution) const;

 private:
  void finish(int threads);  // derives degree_ and total_

  Vertex n_ = 0;
  const std::uint64_t* offsets_ = nullptr;
  const Vertex* targets_ = nullptr;
  const double* weights_ = nullptr;  // null: every arc weighs 1
  std::vector<double> loop_, degree_;
  double total_ = 0;
  std::vector<std::uint64_t> own_offsets_;
  std::vector<Vertex> own_targets_;
  std::vector<double> own_weights_;
};

// Renumbers arbitrary ids (each below `bound`) densely in order of first
// appearance; returns the count.
Vertex renumber_dense(std::vector<Vertex>& ids, Vertex bound);

}  // namespace guanxi::algorithms
