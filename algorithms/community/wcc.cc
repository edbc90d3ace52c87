#include "algorithms/community/wcc.h"

#include <algorithm>
#include <atomic>

#include "algorithms/community/team_size.h"

namespace guanxi::algorithms {

namespace {

// Root of `v` with path halving; concurrent finds and links stay correct
// because a parent only ever moves to a smaller vertex.
Vertex find_root(std::vector<std::atomic<Vertex>>& parent, Vertex v) {
  while (true) {
    Vertex p = parent[v].load(std::memory_order_relaxed);
    if (p == v) return v;
    const Vertex gp = parent[p].load(std::memory_order_relaxed);
    if (gp != p) parent[v].compare_exchange_weak(p, gp, std::memory_order_relaxed);
    v = gp;
  }
}

void unite(std::vector<std::atomic<Vertex>>& parent, Vertex a, Vertex b) {
  while (true) {
    a = find_root(parent, a);
    b = find_root(parent, b);
    if (a == b) return;
    if (a < b) std::swap(a, b);  // link the larger root under the smaller
    Vertex expected = a;
    if (parent[a].compare_exchange_strong(expected, b, std::memory_order_relaxed)) return;
  }
}

}  // namespace

void WccConfig::validate() const { validate_concurrency("algo.wcc", concurrency); }

WccResult wcc(const CsrGraph& graph, const WccConfig& config, Cancellation cancel) {
  config.validate();
  const Vertex n = graph.vertex_count();
  std::vector<std::atomic<Vertex>> parent(n);
  const auto& offsets = graph.out_offsets();
  const auto& targets = graph.out_targets();
  const bool undirected = graph.undirected();
  std::atomic<bool> stop{false};
  const int threads = team_size(config.concurrency, graph.vertex_count() + graph.arc_count());
  constexpr std::int64_t kBlock = 4096;
  const std::int64_t blocks = (static_cast<std::int64_t>(n) + kBlock - 1) / kBlock;

  cancel.enter_phase("wcc", static_cast<std::uint64_t>(blocks));
#pragma omp parallel num_threads(threads)
  {
#pragma omp for schedule(static)
    for (std::int64_t v = 0; v < static_cast<std::int64_t>(n); ++v)
      parent[v].store(static_cast<Vertex>(v));
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t b = 0; b < blocks; ++b) {
      if (stop.load(std::memory_order_relaxed)) continue;
      if (cancel.requested()) {
        stop = true;
        continue;
      }
      const Vertex end = static_cast<Vertex>(std::min<std::int64_t>(n, (b + 1) * kBlock));
      for (Vertex v = static_cast<Vertex>(b * kBlock); v < end; ++v) {
        for (auto i = offsets[v]; i < offsets[v + 1]; ++i) {
          const Vertex u = targets[i];
          // An undirected relationship is listed from both ends; one suffices.
          if (undirected && u >= v) break;
          unite(parent, v, u);
        }
      }
      cancel.advance();
    }
  }
  if (stop) throw Cancelled();

  WccResult result;
  result.component.resize(n);
  // Roots are the smallest local vertex of their component; the label is the
  // smallest node id, which differs when node ids are not monotone.
  std::vector<std::uint64_t> smallest(n, UINT64_MAX);
  for (Vertex v = 0; v < n; ++v) {
    const Vertex r = find_root(parent, v);
    parent[v].store(r, std::memory_order_relaxed);
    if (r == v) ++result.component_count;
    smallest[r] = std::min(smallest[r], graph.node_id(v));
  }
#pragma omp parallel for schedule(static) num_threads(threads)
  for (std::int64_t v = 0; v < static_cast<std::int64_t>(n); ++v) {
    result.component[v] = smallest[parent[v].load(std::memory_order_relaxed)];
  }
  return result;
}

}  // namespace guanxi::algorithms
