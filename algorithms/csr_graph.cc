#include "algorithms/csr_graph.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>
#include <tuple>

namespace guanxi::algorithms {

namespace {

// Counting sort of arcs by `key`, then each list sorted by the other end (and
// weight), producing offsets, neighbours and weights.
void fill(Vertex n, const std::vector<std::pair<Vertex, Vertex>>& arcs,
          const std::vector<double>& weights, bool reverse, std::vector<std::uint64_t>& offsets,
          std::vector<Vertex>& ends, std::vector<double>& out_weights) {
  offsets.assign(static_cast<std::size_t>(n) + 1, 0);
  for (const auto& [s, d] : arcs) ++offsets[(reverse ? d : s) + 1];
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  ends.resize(arcs.size());
  if (!weights.empty()) out_weights.resize(arcs.size());
  std::vector<std::uint64_t> pos(offsets.begin(), offsets.end() - 1);
  for (std::size_t i = 0; i < arcs.size(); ++i) {
    const auto [s, d] = arcs[i];
    const std::uint64_t at = pos[reverse ? d : s]++;
    ends[at] = reverse ? s : d;
    if (!weights.empty()) out_weights[at] = weights[i];
  }
  std::vector<std::pair<Vertex, double>> scratch;
  for (Vertex v = 0; v < n; ++v) {
    const auto b = offsets[v], e = offsets[v + 1];
    if (e - b < 2) continue;
    if (weights.empty()) {
      std::sort(ends.begin() + static_cast<std::ptrdiff_t>(b),
                ends.begin() + static_cast<std::ptrdiff_t>(e));
      continue;
    }
    scratch.clear();
    for (auto i = b; i < e; ++i) scratch.emplace_back(ends[i], out_weights[i]);
    std::sort(scratch.begin(), scratch.end());
    for (auto i = b; i < e; ++i) std::tie(ends[i], out_weights[i]) = scratch[i - b];
  }
}

}  // namespace

void CsrGraph::missing_in_lists() {
  throw std::logic_error("this graph was projected without its in-lists");
}

std::size_t CsrGraph::memory_bytes() const {
  return sizeof(CsrGraph) +
         (out_offsets_.capacity() + in_offsets_.capacity() + node_ids_.capacity()) *
             sizeof(std::uint64_t) +
         (out_targets_.capacity() + in_sources_.capacity()) * sizeof(Vertex) +
         (out_weights_.capacity() + in_weights_.capacity()) * sizeof(double);
}

CsrGraph CsrBuilder::build() {
  for (const auto& [s, d] : arcs_) {
    if (s >= n_ || d >= n_) {
      throw std::invalid_argument("arc (" + std::to_string(s) + ", " + std::to_string(d) +
                                  ") has an endpoint outside 0.." + std::to_string(n_) + "-1");
    }
  }
  if (!weights_.empty()) weights_.resize(arcs_.size(), 1.0);
  if (undirected_) {
    const std::size_t m = arcs_.size();
    arcs_.reserve(2 * m);
    for (std::size_t i = 0; i < m; ++i) {
      if (arcs_[i].first == arcs_[i].second) continue;  // a self-loop is one arc
      arcs_.push_back({arcs_[i].second, arcs_[i].first});
      if (!weights_.empty()) weights_.push_back(weights_[i]);
    }
  }
  CsrGraph g;
  g.undirected_ = undirected_;
  fill(n_, arcs_, weights_, false, g.out_offsets_, g.out_targets_, g.out_weights_);
  if (!undirected_) fill(n_, arcs_, weights_, true, g.in_offsets_, g.in_sources_, g.in_weights_);
  if (!node_ids_.empty()) {
    if (node_ids_.size() != n_) throw std::invalid_argument("node id map of the wrong size");
    g.node_ids_ = std::move(node_ids_);
  }
  arcs_.clear();
  weights_.clear();
  return g;
}

CsrGraph CsrBuilder::adopt(bool undirected, std::vector<std::uint64_t> out_offsets,
                           std::vector<Vertex> out_targets, std::vector<double> out_weights,
                           std::vector<std::uint64_t> in_offsets, std::vector<Vertex> in_sources,
                           std::vector<double> in_weights, std::vector<std::uint64_t> node_ids) {
  const bool no_in_lists = in_offsets.empty() && in_sources.empty() && in_weights.empty();
  const bool in_lists_consistent =
      undirected || no_in_lists
          ? no_in_lists
          : out_offsets.size() == in_offsets.size() && in_offsets.back() == in_sources.size() &&
                out_targets.size() == in_sources.size() &&
                in_weights.size() == (out_weights.empty() ? 0 : in_sources.size());
  const bool consistent = !out_offsets.empty() && out_offsets.back() == out_targets.size() &&
                          in_lists_consistent &&
                          (out_weights.empty() || out_weights.size() == out_targets.size()) &&
                          (node_ids.empty() || node_ids.size() + 1 == out_offsets.size());
  if (!consistent) throw std::invalid_argument("CsrBuilder::adopt: arrays of inconsistent sizes");
  CsrGraph g;
  g.undirected_ = undirected;
  g.out_offsets_ = std::move(out_offsets);
  g.out_targets_ = std::move(out_targets);
  g.out_weights_ = std::move(out_weights);
  g.in_offsets_ = std::move(in_offsets);
  g.in_sources_ = std::move(in_sources);
  g.in_weights_ = std::move(in_weights);
  g.node_ids_ = std::move(node_ids);
  return g;
}

}  // namespace guanxi::algorithms
