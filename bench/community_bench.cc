// Benchmarks of the community algorithms on graphs generated in memory:
//   L: R-MAT, scale GUANXI_BENCH_SCALE (default 20), relationships per node 16, undirected
//      (2^20 vertices, ~16.8M relationships, ~33.5M arcs at the default scale);
//   M: the clustered power-law graph of bench/generator/clustered_graph.h,
//      100k vertices / 500k relationships.
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
#include "bench/generator/clustered_graph.h"
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
    options.relationships_per_node = 16;
    options.seed = 1;
    const auto relationships = bench::generate_rmat(options);
    CsrBuilder builder(static_cast<Vertex>(options.node_count()), true);
    builder.reserve(relationships.size() * 2);
    for (const auto& t : relationships)
      builder.add(static_cast<Vertex>(t.src), static_cast<Vertex>(t.dst));
    return std::make_unique<CsrGraph>(builder.build());
  }();
  return *graph;
}

const CsrGraph& clustered_graph() {
  static const std::unique_ptr<CsrGraph> graph = [] {
    bench::ClusteredOptions options;
    const auto relationships = bench::generate_clustered(options);
    CsrBuilder builder(static_cast<Vertex>(options.nodes), true);
    builder.reserve(2 * relationships.size());
    for (const auto& t : relationships)
      builder.add(static_cast<Vertex>(t.src), static_cast<Vertex>(t.dst));
    return std::make_unique<CsrGraph>(builder.build());
  }();
  return *graph;
}

const CsrGraph& graph_of(const benchmark::State& state) {
  return state.range(0) == 0 ? rmat_graph() : clustered_graph();
}

void set_common_counters(benchmark::State& state, const CsrGraph& g) {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  state.counters["peak_rss_mb"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
  state.counters["vertices"] = g.vertex_count();
  state.counters["arcs"] = static_cast<double>(g.arc_count());
  state.SetLabel(state.range(0) == 0 ? "L: R-MAT scale " + std::to_string(bench_scale())
                                     : "M: clustered 100k/500k");
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
#define COMMUNITY_BENCH(fn, iterations) \
  BENCHMARK(fn)                         \
      ->Arg(1)                          \
      ->Arg(0)                          \
      ->Unit(benchmark::kMillisecond)   \
      ->UseRealTime()                   \
      ->Iterations(iterations)
COMMUNITY_BENCH(BM_Wcc, 3);
COMMUNITY_BENCH(BM_Louvain, 1);
COMMUNITY_BENCH(BM_TriangleCount, 1);
COMMUNITY_BENCH(BM_KCore, 3);

}  // namespace
}  // namespace guanxi::algorithms

BENCHMARK_MAIN();
