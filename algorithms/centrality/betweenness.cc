#include "algorithms/centrality/betweenness.h"

#include <algorithm>
#include <atomic>
#include <numeric>
#include <random>
#include <string>

#include "algorithms/centrality/shortest_path_sweep.h"
#include "algorithms/centrality/weight_check.h"
#include "algorithms/thread_count.h"

namespace guanxi::algorithms {

namespace {

constexpr const char* kName = "algo.betweenness";

// k distinct vertices, uniformly, by a partial Fisher-Yates shuffle. The
// mt19937_64 sequence is fixed by the standard, and the bounded draw is done
// here (not by a library distribution), so a seed picks the same sources
// everywhere.
std::vector<Vertex> sample_sources(Vertex n, std::uint64_t k, std::uint64_t seed) {
  std::vector<Vertex> all(n);
  std::iota(all.begin(), all.end(), Vertex{0});
  std::mt19937_64 random(seed);
  for (std::uint64_t i = 0; i < k; ++i) {
    const std::uint64_t pick = i + random() % (n - i);
    std::swap(all[i], all[pick]);
  }
  all.resize(k);
  return all;
}

// Unscaled Brandes dependencies summed over `sources`; weights already checked
// or ignored by the caller.
BetweennessResult brandes(const CsrGraph& graph, std::vector<Vertex> sources,
                          const BetweennessConfig& config, Cancellation cancel) {
  const Vertex n = graph.vertex_count();
  const bool weighted = config.weighted && graph.weighted();
  if (weighted) check_relationship_weights(graph, kName);
  BetweennessResult result;
  result.sources = std::move(sources);
  const auto& chosen = result.sources;
  const std::int64_t source_count = static_cast<std::int64_t>(chosen.size());
  const double work =
      static_cast<double>(graph.arc_count() + n) * static_cast<double>(source_count);
  const int threads = static_cast<int>(
      std::clamp<std::int64_t>(source_count, 1, thread_count(config.concurrency, work)));
  std::vector<std::vector<double>> partial(static_cast<std::size_t>(threads));
  std::atomic<bool> stop{false};
  cancel.enter_phase("betweenness", static_cast<std::uint64_t>(source_count));

#pragma omp parallel num_threads(threads)
  {
    const int me = omp_get_thread_num();
    std::vector<double>& scores = partial[static_cast<std::size_t>(me)];
    scores.assign(n, 0.0);
    std::vector<double> dependency(n, 0.0);
    ShortestPathSweep sweep(graph, weighted, /*reverse=*/false, /*count_paths=*/true);
    const std::vector<double>& paths = sweep.path_counts();
    // Static round-robin: which thread sums which source is fixed, so the
    // floating-point sums are too.
#pragma omp for schedule(static, 1)
    for (std::int64_t i = 0; i < source_count; ++i) {
      if (stop.load(std::memory_order_relaxed)) continue;
      if (cancel.requested()) {
        stop.store(true, std::memory_order_relaxed);
        continue;
      }
      sweep.run(chosen[static_cast<std::size_t>(i)]);
      cancel.advance();
      const auto& order = sweep.order();
      for (std::size_t j = order.size(); j-- > 1;) {  // order[0] is the source
        const Vertex w = order[j];
        const double coefficient = (1 + dependency[w]) / paths[w];
        sweep.for_each_predecessor(w, [&](Vertex p) { dependency[p] += paths[p] * coefficient; });
        scores[w] += dependency[w];
      }
      for (Vertex v : order) dependency[v] = 0;
    }
  }
  if (stop.load()) throw Cancelled();

  result.scores = std::move(partial[0]);
  for (std::size_t t = 1; t < partial.size(); ++t) {
    for (Vertex v = 0; v < n; ++v) result.scores[v] += partial[t][v];
  }
  return result;
}

// networkx 3.6 _rescale without sampling and endpoints=False.
double exact_scale(Vertex n, bool undirected, bool normalized) {
  const double others = static_cast<double>(n) - 1;  // N
  if (others < 2) return 1;
  if (normalized) return 1 / (others * (others - 1));
  return undirected ? 0.5 : 1;
}

}  // namespace

void BetweennessConfig::validate() const {
  if (sampling_size && *sampling_size < 1) {
    throw ConfigError(kName, "samplingSize",
                      "must be at least 1, got " + std::to_string(*sampling_size));
  }
  validate_concurrency(kName, concurrency);
}

BetweennessResult betweenness(const CsrGraph& graph, const BetweennessConfig& config,
                              Cancellation cancel) {
  config.validate();
  const Vertex n = graph.vertex_count();
  if (!config.sampling_size) {
    std::vector<Vertex> all(n);
    std::iota(all.begin(), all.end(), Vertex{0});
    BetweennessResult result = brandes(graph, std::move(all), config, cancel);
    const double scale = exact_scale(n, graph.undirected(), config.normalized);
    if (scale != 1) {
      for (double& score : result.scores) score *= scale;
    }
    return result;
  }
  if (*config.sampling_size > n) {
    throw ConfigError(kName, "samplingSize",
                      "must be at most the vertex count " + std::to_string(n) + ", got " +
                          std::to_string(*config.sampling_size));
  }
  return betweenness_from_sources(
      graph, sample_sources(n, *config.sampling_size, config.sampling_seed), config, cancel);
}

BetweennessResult betweenness_from_sources(const CsrGraph& graph, std::vector<Vertex> sources,
                                           const BetweennessConfig& config, Cancellation cancel) {
  config.validate();
  const Vertex n = graph.vertex_count();
  std::vector<bool> is_source(n, false);
  for (Vertex s : sources) {
    if (s >= n || is_source[s]) {
      throw ConfigError(kName, "sourceNodes",
                        "must be distinct vertices of the graph, got local id " +
                            std::to_string(s) + (s < n ? " twice" : " of " + std::to_string(n)));
    }
    is_source[s] = true;
  }
  BetweennessResult result = brandes(graph, std::move(sources), config, cancel);
  // networkx 3.6 _rescale with sampled nodes and endpoints=False.
  const double others = static_cast<double>(n) - 1;  // N
  if (others < 2) return result;
  const double k = static_cast<double>(result.sources.size());
  const double correction = graph.undirected() ? 2 : 1;
  double as_source, as_other;
  if (config.normalized) {
    as_source = k > 1 ? 1 / ((k - 1) * (others - 1)) : 0;
    as_other = 1 / (k * (others - 1));
  } else {
    as_source = k > 1 ? others / ((k - 1) * correction) : 0;
    as_other = others / (k * correction);
  }
  for (Vertex v = 0; v < n; ++v) result.scores[v] *= is_source[v] ? as_source : as_other;
  return result;
}

}  // namespace guanxi::algorithms
