// Introductions for one customer: link prediction and node similarity for
// chosen source vertices (sourceNodes) on the R-MAT graph L, scale
// GUANXI_BENCH_SCALE (default 20: 2^20 vertices, ~16.8M relationships,
// undirected), projected once as a named graph would be. The cost follows
// the sources' two-hop neighbourhoods, so a typical customer (median
// degree), a well-connected one (99th percentile) and the largest hub are
// measured apart; `two_hop` counts the arcs of that neighbourhood.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "algorithms/csr_graph.h"
#include "algorithms/similarity/link_prediction.h"
#include "algorithms/similarity/node_similarity.h"
#include "bench/generator/rmat.h"

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

// The vertex at degree percentile state.range(0) (50: a typical customer,
// 99: a well-connected one, 100: the largest hub).
Vertex source_of(const benchmark::State& state, const CsrGraph& g) {
  std::vector<Vertex> order(g.vertex_count());
  for (Vertex v = 0; v < g.vertex_count(); ++v) order[v] = v;
  auto by_degree = [&](Vertex a, Vertex b) { return g.out_degree(a) < g.out_degree(b); };
  const auto at =
      std::min(order.size() - 1, order.size() * static_cast<std::size_t>(state.range(0)) / 100);
  std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(at), order.end(),
                   by_degree);
  return order[at];
}

void set_counters(benchmark::State& state, const CsrGraph& g, Vertex source) {
  double two_hop = 0;
  for (Vertex w : g.out(source)) two_hop += static_cast<double>(g.out_degree(w));
  state.counters["degree"] = static_cast<double>(g.out_degree(source));
  state.counters["two_hop"] = two_hop;
  state.SetLabel("L: R-MAT scale " + std::to_string(bench_scale()) + ", degree percentile " +
                 std::to_string(state.range(0)));
}

void BM_LinkPredictionForOneCustomer(benchmark::State& state) {
  const CsrGraph& g = rmat_graph();
  const std::vector<Vertex> sources = {source_of(state, g)};
  LinkPredictionConfig config;
  config.top_k = 10;
  std::size_t rows = 0;
  for (auto _ : state) rows = link_suggestions_for(g, sources, config).size();
  state.counters["rows"] = static_cast<double>(rows);
  set_counters(state, g, sources[0]);
}

void BM_NodeSimilarityForOneCustomer(benchmark::State& state) {
  const CsrGraph& g = rmat_graph();
  const std::vector<Vertex> sources = {source_of(state, g)};
  NodeSimilarityConfig config;
  std::size_t rows = 0;
  for (auto _ : state) rows = node_similarity_for(g, sources, config).pairs.size();
  state.counters["rows"] = static_cast<double>(rows);
  set_counters(state, g, sources[0]);
}

BENCHMARK(BM_LinkPredictionForOneCustomer)
    ->Arg(50)
    ->Arg(99)
    ->Arg(100)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NodeSimilarityForOneCustomer)
    ->Arg(50)
    ->Arg(99)
    ->Arg(100)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace guanxi::algorithms

BENCHMARK_MAIN();
