// CsrGraph: the compressed-sparse-row snapshot every algorithm runs on.
//
// Vertices are dense local ids 0..n-1; node_ids maps them back to database
// node ids (identity for graphs built in tests). Out-lists are sorted by
// target. When the projection is undirected each relationship appears in both lists
// and `in` mirrors `out`. A directed graph carries its in-lists (reverse CSR)
// so algorithms that pull (PageRank) or walk backwards (SCC) need no rebuild,
// unless it was projected for an algorithm that follows every relationship
// from its start alone (WCC): has_in_lists() then says false and in(),
// in_weights() and in_degree() must not be called. Weights, when present,
// run parallel to targets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace guanxi::algorithms {

using Vertex = std::uint32_t;

class CsrGraph {
 public:
  CsrGraph() = default;

  Vertex vertex_count() const {
    return static_cast<Vertex>(out_offsets_.empty() ? 0 : out_offsets_.size() - 1);
  }
  // Directed relationships (an undirected relationship counts twice: once per direction).
  std::uint64_t arc_count() const { return out_targets_.size(); }
  bool undirected() const { return undirected_; }
  bool weighted() const { return !out_weights_.empty(); }
  // False only for a directed graph built without its in-lists.
  bool has_in_lists() const { return undirected_ || !in_offsets_.empty(); }

  std::span<const Vertex> out(Vertex v) const {
    return {out_targets_.data() + out_offsets_[v], out_targets_.data() + out_offsets_[v + 1]};
  }
  // In an undirected graph the in-lists are the out-lists, stored once.
  // Throws std::logic_error when the graph has no in-lists.
  std::span<const Vertex> in(Vertex v) const {
    if (undirected_) return out(v);
    if (in_offsets_.empty()) [[unlikely]]
      missing_in_lists();
    return {in_sources_.data() + in_offsets_[v], in_sources_.data() + in_offsets_[v + 1]};
  }
  // Weights of out(v) / in(v); empty spans when unweighted.
  std::span<const double> out_weights(Vertex v) const {
    if (out_weights_.empty()) return {};
    return {out_weights_.data() + out_offsets_[v], out_weights_.data() + out_offsets_[v + 1]};
  }
  std::span<const double> in_weights(Vertex v) const {
    if (undirected_) return out_weights(v);
    if (in_offsets_.empty()) [[unlikely]]
      missing_in_lists();
    if (in_weights_.empty()) return {};
    return {in_weights_.data() + in_offsets_[v], in_weights_.data() + in_offsets_[v + 1]};
  }
  std::uint64_t out_degree(Vertex v) const { return out_offsets_[v + 1] - out_offsets_[v]; }
  std::uint64_t in_degree(Vertex v) const {
    if (undirected_) return out_degree(v);
    if (in_offsets_.empty()) [[unlikely]]
      missing_in_lists();
    return in_offsets_[v + 1] - in_offsets_[v];
  }

  // The database node id of a local vertex.
  std::uint64_t node_id(Vertex v) const { return node_ids_.empty() ? v : node_ids_[v]; }
  const std::vector<std::uint64_t>& node_ids() const { return node_ids_; }

  // Bytes the graph's arrays hold (their capacities), for memory budgets.
  std::size_t memory_bytes() const;

  const std::vector<std::uint64_t>& out_offsets() const { return out_offsets_; }
  const std::vector<Vertex>& out_targets() const { return out_targets_; }

 private:
  friend class CsrBuilder;
  // An algorithm that reads in-lists was given a graph projected without them.
  [[noreturn]] static void missing_in_lists();

  bool undirected_ = false;
  std::vector<std::uint64_t> out_offsets_, in_offsets_;
  std::vector<Vertex> out_targets_, in_sources_;
  std::vector<double> out_weights_, in_weights_;
  std::vector<std::uint64_t> node_ids_;
};

// Builds a CsrGraph from a list of arcs. Parallel arcs and self-loops are kept
// (a multigraph, as the database is); algorithms document how they treat them.
class CsrBuilder {
 public:
  // `vertex_count` local vertices; `undirected` adds each arc in both directions.
  CsrBuilder(Vertex vertex_count, bool undirected) : n_(vertex_count), undirected_(undirected) {}

  void add(Vertex src, Vertex dst) { arcs_.push_back({src, dst}); }
  void add(Vertex src, Vertex dst, double weight) {
    arcs_.push_back({src, dst});
    weights_.resize(arcs_.size() - 1, 1.0);
    weights_.push_back(weight);
  }
  void reserve(std::size_t arcs) { arcs_.reserve(arcs); }
  // Node ids of the local vertices (default: identity).
  void set_node_ids(std::vector<std::uint64_t> ids) { node_ids_ = std::move(ids); }

  // Consumes the arcs. Throws std::invalid_argument for an arc whose endpoint
  // is not below vertex_count.
  CsrGraph build();

  // Adopts CSR arrays built elsewhere (the projection builds them in parallel
  // straight from storage) without copying or sorting: offsets of n + 1
  // entries, each list sorted by (neighbour, weight), weights parallel to the
  // lists or empty on both sides, `in` the reverse of `out` (all three `in`
  // arrays empty when undirected: in() reads out()), node ids of n entries or empty (identity).
  // Throws std::invalid_argument on inconsistent sizes.
  static CsrGraph adopt(bool undirected, std::vector<std::uint64_t> out_offsets,
                        std::vector<Vertex> out_targets, std::vector<double> out_weights,
                        std::vector<std::uint64_t> in_offsets, std::vector<Vertex> in_sources,
                        std::vector<double> in_weights, std::vector<std::uint64_t> node_ids);

 private:
  Vertex n_;
  bool undirected_;
  std::vector<std::pair<Vertex, Vertex>> arcs_;
  std::vector<double> weights_;
  std::vector<std::uint64_t> node_ids_;
};

}  // namespace guanxi::algorithms
