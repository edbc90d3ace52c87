// Benchmarks of the community algorithms on graphs generated in memory:
//   L: R-MAT, scale GUANXI_BENCH_SCALE (default 20), edge factor 16, undirected
//      (2^20 vertices, ~16.8M ties, ~33.5M arcs at the default scale);
//   M: a clustered power-law graph, 100k vertices / 500k ties: a planted
//      partition whose vertices have power-law expected degrees (Pareto, exponent
//      2.5) and power-law community sizes; each tie stays inside the community
//      of its first end with probability 0.6, else lands anywhere (seeded).
// Counters: modularity (Louvain), components, triangles, degeneracy, and the
// process's peak resident set so far (peak_rss_mb).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "algorithms/community/kcore.h"
#include "algorithms/community/louvain.h"
#include "algorithms/community/triangles.h"
#include "algorithms/community/wcc.h"
#include "algorithms/csr_graph.h"
#include "bench/generator/rmat.h"
#include "bench/generator/seeded_random.h"

namespace guanxi::algorithms {
namespace {

int bench_scale() {
  const char* s = std::getenv("GUANXI_BENCH_SCALE");
  return s ? std::atoi(s) : 20;
}

const CsrGraph& rmat_graph() {
  static const std::unique_ptr<CsrGraph> graph = [] {
    bench::RmatOptions options;
    options.scale = bench_scale();
    options.edge_factor = 16;
    options.seed = 1;
    const auto ties = bench::generate_rmat(options);
    CsrBuilder builder(static_cast<Vertex>(options.node_count()), true);
    builder.reserve(ties.size() * 2);
    for (const auto& t : ties) builder.add(static_cast<Vertex>(t.src), static_cast<Vertex>(t.dst));
    return std::make_unique<CsrGraph>(builder.build());
  }();
  return *graph;
}

// Index drawn with probability proportional to weight, by binary search over
// the cumulative weights.
Vertex draw(const std::vector<double>& cumulative, std::size_t begin, std::size_t end, bench::SeededRandom& random) {
  const double low = begin == 0 ? 0 : cumulative[begin - 1];
  const double x = low + random.uniform() * (cumulative[end - 1] - low);
  const auto it = std::upper_bound(cumulative.begin() + static_cast<std::ptrdiff_t>(begin),
                                   cumulative.begin() + static_cast<std::ptrdiff_t>(end), x);
  return static_cast<Vertex>(std::min<std::size_t>(static_cast<std::size_t>(it - cumulative.begin()), end - 1));
}

const CsrGraph& clustered_graph() {
  static const std::unique_ptr<CsrGraph> graph = [] {
    constexpr Vertex kVertices = 100'000;
    constexpr std::size_t kTies = 500'000;
    constexpr double kInside = 0.6;
    bench::SeededRandom random(2024);
    // Community boundaries: power-law sizes between 20 and 2,000.
    std::vector<std::size_t> community_end;
    for (std::size_t at = 0; at < kVertices;) {
      const double size = 20 * std::pow(1 - random.uniform(), -1 / 1.5);
      at = std::min<std::size_t>(kVertices, at + static_cast<std::size_t>(std::min(size, 2000.0)));
      community_end.push_back(at);
    }
    std::vector<std::size_t> community_of(kVertices);
    std::vector<double> cumulative(kVertices);
    double sum = 0;
    for (std::size_t c = 0, v = 0; c < community_end.size(); ++c) {
      for (; v < community_end[c]; ++v) {
        community_of[v] = c;
        sum += std::pow(1 - random.uniform(), -1 / 1.5);  // Pareto, degree exponent 2.5
        cumulative[v] = sum;
      }
    }
    CsrBuilder builder(kVertices, true);
    builder.reserve(2 * kTies);
    for (std::size_t i = 0; i < kTies; ++i) {
      const Vertex u = draw(cumulative, 0, kVertices, random);
      const std::size_t c = community_of[u];
      const Vertex v = random.chance(kInside) ? draw(cumulative, c == 0 ? 0 : community_end[c - 1], community_end[c], random)
                                              : draw(cumulative, 0, kVertices, random);
      builder.add(u, v);
    }
    return std::make_unique<CsrGraph>(builder.build());
  }();
  return *graph;
}

const CsrGraph& graph_of(const benchmark::State& state) { return state.range(0) == 0 ? rmat_graph() : clustered_graph(); }

void set_common_counters(benchmark::State& state, const CsrGraph& g) {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_mb"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
  state.counters["vertices"] = g.vertex_count();
  state.counters["arcs"] = static_cast<double>(g.arc_count());
  state.SetLabel(state.range(0) == 0 ? "L: R-MAT scale " + std::to_string(bench_scale()) : "M: clustered 100k/500k");
}

void BM_Wcc(benchmark::State& state) {
  const CsrGraph& g = graph_of(state);
  WccResult r;
  for (auto _ : state) r = wcc(g);
  state.counters["components"] = static_cast<double>(r.component_count);
  set_common_counters(state, g);
}

void BM_Louvain(benchmark::State& state) {
  const CsrGraph& g = graph_of(state);
  LouvainResult r;
  for (auto _ : state) r = louvain(g);
  state.counters["modularity"] = r.modularity;
  state.counters["communities"] = static_cast<double>(r.community_count);
  state.counters["levels"] = r.levels;
  set_common_counters(state, g);
}

void BM_TriangleCount(benchmark::State& state) {
  const CsrGraph& g = graph_of(state);
  TriangleResult r;
  for (auto _ : state) r = triangle_count(g);
  state.counters["triangles"] = static_cast<double>(r.total);
  set_common_counters(state, g);
}

void BM_KCore(benchmark::State& state) {
  const CsrGraph& g = graph_of(state);
  KCoreResult r;
  for (auto _ : state) r = kcore(g);
  state.counters["degeneracy"] = static_cast<double>(r.degeneracy);
  set_common_counters(state, g);
}

// Arg 0: L (R-MAT), arg 1: M (clustered). Wall time: the runs are parallel.
#define COMMUNITY_BENCH(fn, iterations)                                                                 \
  BENCHMARK(fn)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(iterations)
COMMUNITY_BENCH(BM_Wcc, 3);
COMMUNITY_BENCH(BM_Louvain, 1);
COMMUNITY_BENCH(BM_TriangleCount, 1);
COMMUNITY_BENCH(BM_KCore, 3);

}  // namespace
}  // namespace guanxi::algorithms

BENCHMARK_MAIN();
