#include "algorithms/community/triangles.h"

#include <algorithm>
#include <atomic>
#include <numeric>

#include "algorithms/community/simple_neighbours.h"
#include "algorithms/community/team_size.h"

namespace guanxi::algorithms {

void TriangleConfig::validate() const { validate_concurrency("algo.triangleCount", concurrency); }

namespace {

// Relationships oriented from lower to higher rank, in rank space, each list sorted.
struct Oriented {
  std::vector<Vertex> rank;  // vertex -> rank
  std::vector<std::uint64_t> offsets;
  std::vector<Vertex> targets;
};

Oriented orient(const SimpleNeighbours& s, Vertex n, int threads) {
  Oriented o;
  // Rank by (degree, id): a counting sort by degree keeps ids ascending.
  std::uint64_t max_degree = 0;
  for (Vertex v = 0; v < n; ++v) max_degree = std::max(max_degree, s.degree(v));
  std::vector<std::uint64_t> bucket(max_degree + 2, 0);
  for (Vertex v = 0; v < n; ++v) ++bucket[s.degree(v) + 1];
  std::partial_sum(bucket.begin(), bucket.end(), bucket.begin());
  o.rank.resize(n);
  std::vector<Vertex> vertex_of(n);
  for (Vertex v = 0; v < n; ++v) {
    o.rank[v] = static_cast<Vertex>(bucket[s.degree(v)]++);
    vertex_of[o.rank[v]] = v;
  }
  o.offsets.assign(static_cast<std::size_t>(n) + 1, 0);
#pragma omp parallel for schedule(dynamic, 4096) num_threads(threads)
  for (std::int64_t a = 0; a < static_cast<std::int64_t>(n); ++a) {
    const Vertex v = vertex_of[a];
    std::uint64_t up = 0;
    for (auto i = s.offsets[v]; i < s.offsets[v + 1]; ++i) up += o.rank[s.targets[i]] > a;
    o.offsets[a + 1] = up;
  }
  std::partial_sum(o.offsets.begin(), o.offsets.end(), o.offsets.begin());
  o.targets.resize(o.offsets.back());
#pragma omp parallel for schedule(dynamic, 4096) num_threads(threads)
  for (std::int64_t a = 0; a < static_cast<std::int64_t>(n); ++a) {
    const Vertex v = vertex_of[a];
    std::uint64_t at = o.offsets[a];
    for (auto i = s.offsets[v]; i < s.offsets[v + 1]; ++i) {
      const Vertex r = o.rank[s.targets[i]];
      if (r > static_cast<Vertex>(a)) o.targets[at++] = r;
    }
    std::sort(o.targets.begin() + static_cast<std::ptrdiff_t>(o.offsets[a]),
              o.targets.begin() + static_cast<std::ptrdiff_t>(o.offsets[a + 1]));
  }
  return o;
}

std::vector<std::uint64_t> count_per_vertex(const SimpleNeighbours& s, Vertex n, int threads,
                                            Cancellation cancel, std::uint64_t& total) {
  const Oriented o = orient(s, n, threads);
  std::vector<std::uint64_t> by_rank(n, 0);
  std::atomic<bool> cancelled{false};
  std::uint64_t found = 0;
  cancel.enter_phase("triangleCount", n);  // steps: vertices done
#pragma omp parallel num_threads(threads) reduction(+ : found)
  {
    std::vector<Vertex> mark(n, UINT32_MAX);
#pragma omp for schedule(dynamic, 64)
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) {
      const Vertex a = static_cast<Vertex>(i);
      if ((a & 4095) == 0) {
        if (cancel.requested()) cancelled = true;
        cancel.advance(std::min<std::uint64_t>(4096, n - a));
      }
      if (cancelled.load(std::memory_order_relaxed)) continue;
      const auto begin = o.offsets[a], end = o.offsets[a + 1];
      if (end - begin < 2) continue;
      for (auto j = begin; j < end; ++j) mark[o.targets[j]] = a;
      std::uint64_t at_a = 0;
      for (auto j = begin; j < end; ++j) {
        const Vertex b = o.targets[j];
        std::uint64_t at_b = 0;
        for (auto k = o.offsets[b]; k < o.offsets[b + 1]; ++k) {
          const Vertex c = o.targets[k];
          if (mark[c] != a) continue;
          ++at_b;
          std::atomic_ref<std::uint64_t>(by_rank[c]).fetch_add(1, std::memory_order_relaxed);
        }
        if (at_b == 0) continue;
        at_a += at_b;
        std::atomic_ref<std::uint64_t>(by_rank[b]).fetch_add(at_b, std::memory_order_relaxed);
      }
      if (at_a != 0)
        std::atomic_ref<std::uint64_t>(by_rank[a]).fetch_add(at_a, std::memory_order_relaxed);
      found += at_a;
    }
  }
  if (cancelled) throw Cancelled();
  total = found;
  std::vector<std::uint64_t> triangles(n);
  for (Vertex v = 0; v < n; ++v) triangles[v] = by_rank[o.rank[v]];
  return triangles;
}

}  // namespace

TriangleResult triangle_count(const CsrGraph& graph, const TriangleConfig& config,
                              Cancellation cancel) {
  config.validate();
  const int threads =
      team_size(config.concurrency, graph.vertex_count() + graph.arc_count(), kOnePassParallelWork);
  const SimpleNeighbours s = simple_neighbours(graph, threads, cancel);
  TriangleResult result;
  result.triangles = count_per_vertex(s, graph.vertex_count(), threads, cancel, result.total);
  return result;
}

ClusteringResult local_clustering_coefficient(const CsrGraph& graph, const TriangleConfig& config,
                                              Cancellation cancel) {
  config.validate();
  const int threads =
      team_size(config.concurrency, graph.vertex_count() + graph.arc_count(), kOnePassParallelWork);
  const Vertex n = graph.vertex_count();
  const SimpleNeighbours s = simple_neighbours(graph, threads, cancel);
  ClusteringResult result;
  result.coefficient.assign(n, 0);
  if (graph.undirected()) {
    std::uint64_t total = 0;
    const auto triangles = count_per_vertex(s, n, threads, cancel, total);
    for (Vertex v = 0; v < n; ++v) {
      const double d = static_cast<double>(s.degree(v));
      if (d >= 2) result.coefficient[v] = static_cast<double>(triangles[v]) / (d * (d - 1) / 2);
    }
  } else {
    std::atomic<bool> cancelled{false};
#pragma omp parallel num_threads(threads)
    {
      std::vector<Vertex> mark(n, UINT32_MAX);
#pragma omp for schedule(dynamic, 64)
      for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) {
        const Vertex v = static_cast<Vertex>(i);
        if ((v & 4095) == 0 && cancel.requested()) cancelled = true;
        if (cancelled.load(std::memory_order_relaxed)) continue;
        const double d = static_cast<double>(s.degree(v));
        if (d < 2) continue;
        for (auto j = s.offsets[v]; j < s.offsets[v + 1]; ++j) mark[s.targets[j]] = v;
        std::uint64_t arcs = 0;
        for (auto j = s.offsets[v]; j < s.offsets[v + 1]; ++j) {
          const Vertex u = s.targets[j];
          const auto out = graph.out(u);
          for (std::size_t k = 0; k < out.size(); ++k) {
            const Vertex w = out[k];
            if (w == u || (k > 0 && out[k - 1] == w)) continue;  // self-loop or parallel arc
            arcs += mark[w] == v;
          }
        }
        result.coefficient[v] = static_cast<double>(arcs) / (d * (d - 1));
      }
    }
    if (cancelled) throw Cancelled();
  }
  double sum = 0;
  for (double c : result.coefficient) sum += c;
  result.average = n == 0 ? 0 : sum / n;
  return result;
}

}  // namespace guanxi::algorithms
