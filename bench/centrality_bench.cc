// Centrality kernels on in-memory R-MAT graphs (no storage, no
// projection: the pure algorithm time).
//
//  - PageRank, 20 iterations (tolerance 0), on the directed R-MAT graph "L":
//    2^scale vertices, 16 * 2^scale arcs (a=0.57 b=0.19 c=0.19, seed 1);
//    scale from GUANXI_BENCH_SCALE (default 20: 1,048,576 vertices, 16.8M arcs).
//  - Betweenness from 1,000 sampled sources (seed 1) on an undirected R-MAT
//    graph like "M": 2^(scale-3) vertices, 4 * 2^(scale-3) relationships (default
//    131,072 vertices, 524,288 relationships).
// Threads: OpenMP's default (all cores); set OMP_NUM_THREADS to change.
// Builds need guanxi_algorithms linked into the bench targets.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "algorithms/centrality/betweenness.h"
#include "algorithms/centrality/pagerank.h"
#include "algorithms/csr_graph.h"
#include "bench/generator/rmat.h"

namespace {

using guanxi::algorithms::CsrBuilder;
using guanxi::algorithms::CsrGraph;
using guanxi::algorithms::Vertex;

int bench_scale() {
  const char* env = std::getenv("GUANXI_BENCH_SCALE");
  return env ? std::max(4, std::atoi(env)) : 20;
}

CsrGraph rmat_graph(int scale, int relationships_per_node, bool undirected) {
  guanxi::bench::RmatOptions options;
  options.scale = scale;
  options.relationships_per_node = relationships_per_node;
  options.seed = 1;
  const auto relationships = guanxi::bench::generate_rmat(options);
  CsrBuilder builder(static_cast<Vertex>(options.node_count()), undirected);
  builder.reserve(relationships.size() * (undirected ? 2 : 1));
  for (const auto& relationship : relationships)
    builder.add(static_cast<Vertex>(relationship.src), static_cast<Vertex>(relationship.dst));
  return builder.build();
}

const CsrGraph& large_graph() {
  static const CsrGraph graph = rmat_graph(bench_scale(), 16, false);
  return graph;
}

const CsrGraph& medium_graph() {
  static const CsrGraph graph = rmat_graph(std::max(4, bench_scale() - 3), 4, true);
  return graph;
}

void BM_PageRank20(benchmark::State& state) {
  const CsrGraph& g = large_graph();
  guanxi::algorithms::PageRankConfig config;
  config.max_iterations = 20;
  config.tolerance = 0;
  for (auto _ : state) {
    auto result = guanxi::algorithms::pagerank(g, config);
    benchmark::DoNotOptimize(result.scores.data());
  }
  state.counters["vertices"] = g.vertex_count();
  state.counters["arcs"] = static_cast<double>(g.arc_count());
  state.counters["arcs_per_s"] = benchmark::Counter(static_cast<double>(g.arc_count()) * 20,
                                                    benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_PageRank20)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);

void BM_Betweenness1000Sources(benchmark::State& state) {
  const CsrGraph& g = medium_graph();
  guanxi::algorithms::BetweennessConfig config;
  config.sampling_size = std::min<std::uint64_t>(1000, g.vertex_count());
  config.sampling_seed = 1;
  for (auto _ : state) {
    auto result = guanxi::algorithms::betweenness(g, config);
    benchmark::DoNotOptimize(result.scores.data());
  }
  state.counters["vertices"] = g.vertex_count();
  state.counters["arcs"] = static_cast<double>(g.arc_count());
}
BENCHMARK(BM_Betweenness1000Sources)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
