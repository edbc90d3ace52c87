#include "algorithms/community/community_graph.h"

#include <algorithm>
#include <atomic>
#include <numeric>

namespace guanxi::algorithms {

Vertex renumber_dense(std::vector<Vertex>& ids, Vertex bound) {
  std::vector<Vertex> dense(bound, UINT32_MAX);
  Vertex count = 0;
  for (Vertex& id : ids) {
    if (dense[id] == UINT32_MAX) dense[id] = count++;
    id = dense[id];
  }
  return count;
}

void CommunityGraph::finish(int threads) {
  degree_.assign(n_, 0);
  double total = 0;
#pragma omp parallel for schedule(dynamic, 4096) reduction(+ : total) num_threads(threads)
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(n_); ++i) {
    const Vertex v = static_cast<Vertex>(i);
    double d = 2 * loop_[v];
    for (auto a = begin(v); a < end(v); ++a) {
      if (target(a) != v) d += weight(a);
    }
    degree_[v] = d;
    total += d;
  }
  total_ = total;
}

CommunityGraph CommunityGraph::of(const CsrGraph& graph, int threads) {
  CommunityGraph g;
  g.n_ = graph.vertex_count();
  g.loop_.assign(g.n_, 0);
  if (graph.undirected()) {
    g.offsets_ = graph.out_offsets().data();
    g.targets_ = graph.out_targets().data();
    if (graph.weighted() && g.n_ > 0) g.weights_ = graph.out_weights(0).data();
    for (Vertex v = 0; v < g.n_; ++v) {
      for (auto a = g.begin(v); a < g.end(v); ++a) {
        if (g.target(a) == v) g.loop_[v] += g.weight(a);
      }
    }
    g.finish(threads);
    return g;
  }
  // Directed: each vertex lists its out-neighbours then its in-neighbours.
  g.own_offsets_.assign(static_cast<std::size_t>(g.n_) + 1, 0);
  for (Vertex v = 0; v < g.n_; ++v)
    g.own_offsets_[v + 1] = graph.out_degree(v) + graph.in_degree(v);
  std::partial_sum(g.own_offsets_.begin(), g.own_offsets_.end(), g.own_offsets_.begin());
  g.own_targets_.resize(g.own_offsets_.back());
  if (graph.weighted()) g.own_weights_.resize(g.own_offsets_.back());
#pragma omp parallel for schedule(dynamic, 4096) num_threads(threads)
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(g.n_); ++i) {
    const Vertex v = static_cast<Vertex>(i);
    std::uint64_t at = g.own_offsets_[v];
    const auto out = graph.out(v);
    const auto out_w = graph.out_weights(v);
    for (std::size_t k = 0; k < out.size(); ++k, ++at) {
      g.own_targets_[at] = out[k];
      if (!out_w.empty()) g.own_weights_[at] = out_w[k];
      if (out[k] == v) g.loop_[v] += out_w.empty() ? 1.0 : out_w[k];
    }
    const auto in = graph.in(v);
    const auto in_w = graph.in_weights(v);
    for (std::size_t k = 0; k < in.size(); ++k, ++at) {
      g.own_targets_[at] = in[k];
      if (!in_w.empty()) g.own_weights_[at] = in_w[k];
    }
  }
  g.offsets_ = g.own_offsets_.data();
  g.targets_ = g.own_targets_.data();
  if (graph.weighted()) g.weights_ = g.own_weights_.data();
  g.finish(threads);
  return g;
}

CommunityGraph CommunityGraph::aggregate(const std::vector<Vertex>& community, Vertex count,
                                         int threads, Cancellation cancel) const {
  // Members of each community, contiguous.
  std::vector<std::uint64_t> first(static_cast<std::size_t>(count) + 1, 0);
  for (Vertex v = 0; v < n_; ++v) ++first[community[v] + 1];
  std::partial_sum(first.begin(), first.end(), first.begin());
  std::vector<Vertex> members(n_);
  {
    std::vector<std::uint64_t> at(first.begin(), first.end() - 1);
    for (Vertex v = 0; v < n_; ++v) members[at[community[v]]++] = v;
  }
  CommunityGraph g;
  g.n_ = count;
  g.loop_.assign(count, 0);
  g.own_offsets_.assign(static_cast<std::size_t>(count) + 1, 0);
  std::atomic<bool> cancelled{false};
  // Two passes over the same accumulation: count each row, then fill it.
  for (int pass = 0; pass < 2 && !cancelled; ++pass) {
#pragma omp parallel num_threads(threads)
    {
      std::vector<double> sum(count, 0);
      std::vector<Vertex> mark(count, UINT32_MAX);  // mark[d] == c: d already touched for c
      std::vector<Vertex> touched;
#pragma omp for schedule(dynamic, 256)
      for (std::int64_t i = 0; i < static_cast<std::int64_t>(count); ++i) {
        const Vertex c = static_cast<Vertex>(i);
        if ((c & 1023) == 0 && cancel.requested()) cancelled = true;
        touched.clear();
        double inner = 0, loops = 0;
        for (auto m = first[c]; m < first[c + 1]; ++m) {
          const Vertex v = members[m];
          loops += loop_[v];
          for (auto a = begin(v); a < end(v); ++a) {
            const Vertex u = target(a);
            if (u == v) continue;
            const Vertex d = community[u];
            if (d == c) {
              inner += weight(a);
              continue;
            }
            if (mark[d] != c) {
              mark[d] = c;
              sum[d] = 0;
              touched.push_back(d);
            }
            sum[d] += weight(a);
          }
        }
        if (pass == 0) {
          g.own_offsets_[c + 1] = touched.size();
          g.loop_[c] = loops + inner / 2;  // each inner relationship was seen from both ends
        } else {
          std::uint64_t at = g.own_offsets_[c];
          for (Vertex d : touched) {
            g.own_targets_[at] = d;
            g.own_weights_[at++] = sum[d];
          }
        }
      }
    }
    if (pass == 0) {
      std::partial_sum(g.own_offsets_.begin(), g.own_offsets_.end(), g.own_offsets_.begin());
      g.own_targets_.resize(g.own_offsets_.back());
      g.own_weights_.resize(g.own_offsets_.back());
    }
  }
  if (cancelled) throw Cancelled();
  g.offsets_ = g.own_offsets_.data();
  g.targets_ = g.own_targets_.data();
  g.weights_ = g.own_weights_.data();
  g.finish(threads);
  return g;
}

double CommunityGraph::modularity(const std::vector<Vertex>& community, Vertex count,
                                  double resolution) const {
  if (total_ == 0) return 0;
  std::vector<double> inside(count, 0), tot(count, 0);
  for (Vertex v = 0; v < n_; ++v) {
    const Vertex c = community[v];
    tot[c] += degree_[v];
    inside[c] += 2 * loop_[v];
    for (auto a = begin(v); a < end(v); ++a) {
      const Vertex u = target(a);
      if (u != v && community[u] == c) inside[c] += weight(a);
    }
  }
  double q = 0;
  for (Vertex c = 0; c < count; ++c) {
    q += inside[c] / total_ - resolution * (tot[c] / total_) * (tot[c] / total_);
  }
  return q;
}

}  // namespace guanxi::algorithms
