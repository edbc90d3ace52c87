#include "algorithms/community/simple_neighbours.h"

#include <atomic>
#include <numeric>

namespace guanxi::algorithms {

namespace {

// Calls emit(u) for each distinct u != v of the union of two sorted lists.
template <typename Emit>
void merge_distinct(Vertex v, std::span<const Vertex> a, std::span<const Vertex> b, Emit emit) {
  std::size_t i = 0, j = 0;
  bool any = false;
  Vertex last = 0;
  while (i < a.size() || j < b.size()) {
    Vertex u;
    if (j == b.size() || (i < a.size() && a[i] <= b[j])) {
      u = a[i++];
    } else {
      u = b[j++];
    }
    if (u == v || (any && u == last)) continue;
    emit(u);
    last = u;
    any = true;
  }
}

}  // namespace

SimpleNeighbours simple_neighbours(const CsrGraph& graph, int threads, Cancellation cancel) {
  const Vertex n = graph.vertex_count();
  const bool undirected = graph.undirected();
  SimpleNeighbours s;
  s.offsets.assign(static_cast<std::size_t>(n) + 1, 0);
  std::atomic<bool> cancelled{false};
  const std::span<const Vertex> none;
  for (int pass = 0; pass < 2; ++pass) {
#pragma omp parallel for schedule(dynamic, 4096) num_threads(threads)
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) {
      const Vertex v = static_cast<Vertex>(i);
      if ((i & 4095) == 0 && cancel.requested()) cancelled = true;
      const auto in = undirected ? none : graph.in(v);
      if (pass == 0) {
        std::uint64_t d = 0;
        merge_distinct(v, graph.out(v), in, [&](Vertex) { ++d; });
        s.offsets[v + 1] = d;
      } else {
        std::uint64_t at = s.offsets[v];
        merge_distinct(v, graph.out(v), in, [&](Vertex u) { s.targets[at++] = u; });
      }
    }
    if (cancelled) throw Cancelled();
    if (pass == 0) {
      std::partial_sum(s.offsets.begin(), s.offsets.end(), s.offsets.begin());
      s.targets.resize(s.offsets.back());
    }
  }
  return s;
}

}  // namespace guanxi::algorithms
