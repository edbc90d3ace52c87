#include "algorithms/community/kcore.h"

#include <algorithm>
#include <numeric>

#include "algorithms/community/team_size.h"

namespace guanxi::algorithms {

void KCoreConfig::validate() const { validate_concurrency("algo.kcore", concurrency); }

namespace {

// Calls visit(u) for each distinct u != v of a sorted list.
template <typename Visit>
void for_distinct(Vertex v, std::span<const Vertex> list, Visit visit) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i] == v || (i > 0 && list[i - 1] == list[i])) continue;
    visit(list[i]);
  }
}

}  // namespace

KCoreResult kcore(const CsrGraph& graph, const KCoreConfig& config, Cancellation cancel) {
  config.validate();
  const Vertex n = graph.vertex_count();
  const bool directed = !graph.undirected();
  // Neighbours in networkx's sense: out-list, plus the in-list when directed.
  auto for_neighbours = [&](Vertex v, auto visit) {
    for_distinct(v, graph.out(v), visit);
    if (directed) for_distinct(v, graph.in(v), visit);
  };
  std::vector<std::uint32_t> degree(n);
  const int threads = team_size(config.concurrency, graph.vertex_count() + graph.arc_count());
#pragma omp parallel for schedule(dynamic, 4096) num_threads(threads)
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) {
    std::uint32_t d = 0;
    for_neighbours(static_cast<Vertex>(i), [&](Vertex) { ++d; });
    degree[i] = d;
  }
  const std::uint32_t max_degree = n == 0 ? 0 : *std::max_element(degree.begin(), degree.end());
  // Vertices sorted by current degree; bin[d] is where degree d starts.
  std::vector<std::uint64_t> bin(static_cast<std::size_t>(max_degree) + 2, 0);
  for (Vertex v = 0; v < n; ++v) ++bin[degree[v] + 1];
  std::partial_sum(bin.begin(), bin.end(), bin.begin());
  std::vector<Vertex> sorted(n), position(n);
  {
    std::vector<std::uint64_t> at(bin.begin(), bin.end() - 1);
    for (Vertex v = 0; v < n; ++v) {
      position[v] = static_cast<Vertex>(at[degree[v]]++);
      sorted[position[v]] = v;
    }
  }
  for (Vertex i = 0; i < n; ++i) {
    if ((i & 4095) == 0) cancel.check();
    const Vertex v = sorted[i];
    const std::uint32_t dv = degree[v];
    for_neighbours(v, [&](Vertex u) {
      const std::uint32_t du = degree[u];
      if (du <= dv) return;
      // Swap u with the first vertex of its bin, then shrink the bin.
      const Vertex first = static_cast<Vertex>(bin[du]);
      const Vertex w = sorted[first];
      if (w != u) {
        std::swap(sorted[position[u]], sorted[first]);
        position[w] = position[u];
        position[u] = first;
      }
      ++bin[du];
      --degree[u];
    });
  }
  KCoreResult result;
  result.core.assign(degree.begin(), degree.end());
  result.degeneracy = max_degree == 0 && n == 0 ? 0 : *std::max_element(degree.begin(), degree.end());
  return result;
}

}  // namespace guanxi::algorithms
