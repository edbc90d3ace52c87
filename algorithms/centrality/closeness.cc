#include "algorithms/centrality/closeness.h"

#include <atomic>
#include <cstdint>

#include "algorithms/centrality/shortest_path_sweep.h"
#include "algorithms/centrality/weight_check.h"
#include "algorithms/thread_count.h"

namespace guanxi::algorithms {

namespace {

// Runs `score(sweep)` after a sweep towards every vertex v (distances d(u, v),
// so the sweep follows in-lists) and stores its value as v's score.
template <class Score>
ClosenessResult for_every_vertex(const CsrGraph& graph, bool weighted, int concurrency,
                                 Cancellation cancel, Score score) {
  const Vertex n = graph.vertex_count();
  ClosenessResult result;
  result.scores.assign(n, 0.0);
  std::atomic<bool> stop{false};
  const int threads = thread_count(concurrency, static_cast<double>(graph.arc_count() + n) * n);
#pragma omp parallel num_threads(threads)
  {
    ShortestPathSweep sweep(graph, weighted, /*reverse=*/true, /*count_paths=*/false);
#pragma omp for schedule(dynamic, 16)
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) {
      if (stop.load(std::memory_order_relaxed)) continue;
      if (cancel.requested()) {
        stop.store(true, std::memory_order_relaxed);
        continue;
      }
      const Vertex v = static_cast<Vertex>(i);
      sweep.run(v);
      cancel.advance();
      result.scores[v] = score(sweep);
    }
  }
  if (stop.load()) throw Cancelled();
  return result;
}

}  // namespace

void ClosenessConfig::validate() const { validate_concurrency("algo.closeness", concurrency); }

void HarmonicConfig::validate() const { validate_concurrency("algo.harmonic", concurrency); }

ClosenessResult closeness(const CsrGraph& graph, const ClosenessConfig& config,
                          Cancellation cancel) {
  config.validate();
  const bool weighted = config.weighted && graph.weighted();
  if (weighted) check_relationship_weights(graph, "algo.closeness");
  const double others = static_cast<double>(graph.vertex_count()) - 1;
  cancel.enter_phase("closeness", graph.vertex_count());
  return for_every_vertex(graph, weighted, config.concurrency, cancel,
                          [&](const ShortestPathSweep& sweep) {
                            double total = 0;
                            for (Vertex u : sweep.order()) total += sweep.distance(u);
                            if (!(total > 0) || others < 1) return 0.0;
                            const double reached = static_cast<double>(sweep.order().size()) - 1;
                            double score = reached / total;
                            if (config.use_wasserman_faust) score *= reached / others;
                            return score;
                          });
}

ClosenessResult harmonic(const CsrGraph& graph, const HarmonicConfig& config, Cancellation cancel) {
  config.validate();
  const bool weighted = config.weighted && graph.weighted();
  if (weighted) check_relationship_weights(graph, "algo.harmonic");
  const double others = static_cast<double>(graph.vertex_count()) - 1;
  cancel.enter_phase("harmonic", graph.vertex_count());
  return for_every_vertex(graph, weighted, config.concurrency, cancel,
                          [&](const ShortestPathSweep& sweep) {
                            double total = 0;
                            for (Vertex u : sweep.order()) {
                              const double d = sweep.distance(u);
                              if (d > 0) total += 1 / d;
                            }
                            if (config.normalized && others >= 1) total /= others;
                            return total;
                          });
}

}  // namespace guanxi::algorithms
