#include "algorithms/centrality/pagerank.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "algorithms/centrality/config_value.h"
#include "algorithms/centrality/weight_check.h"
#include "algorithms/config_checks.h"
#include "algorithms/thread_count.h"

namespace guanxi::algorithms {

namespace {

constexpr const char* kName = "algo.pagerank";
// Vertices per parallel work item. Per-chunk partial sums, added in chunk
// order afterwards, keep the result independent of the thread count.
constexpr Vertex kChunk = 4096;

}  // namespace

void PageRankConfig::validate() const {
  if (!(damping_factor >= 0 && damping_factor < 1)) {
    throw ConfigError(kName, "dampingFactor",
                      "must be in [0, 1), got " + config_value(damping_factor));
  }
  validate_max_iterations(kName, max_iterations);
  validate_tolerance(kName, tolerance);
  validate_concurrency(kName, concurrency);
}

namespace {

void check_sources(const std::vector<Vertex>& sources, Vertex n) {
  for (Vertex s : sources) {
    if (s >= n) {
      throw ConfigError(kName, "sourceNodes",
                        "must name vertices of the graph, got local id " + std::to_string(s) +
                            " of " + std::to_string(n));
    }
  }
}

// The teleport vector: an equal share for each distinct source; empty when
// there are none (uniform, 1/n everywhere).
std::vector<double> teleport_vector(const std::vector<Vertex>& source_nodes, Vertex n) {
  if (source_nodes.empty()) return {};
  std::vector<double> teleport(n, 0.0);
  std::vector<Vertex> sources = source_nodes;
  std::sort(sources.begin(), sources.end());
  sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
  for (Vertex s : sources) teleport[s] = 1.0 / static_cast<double>(sources.size());
  return teleport;
}

// inverse[u] = 1/W(u), u's total out-weight (out-degree unweighted); 0 for
// dangling vertices.
std::vector<double> inverse_out_weights(const CsrGraph& graph, bool weighted, int threads) {
  const Vertex n = graph.vertex_count();
  std::vector<double> inverse(n);
#pragma omp parallel for schedule(static) num_threads(threads)
  for (Vertex u = 0; u < n; ++u) {
    double total = 0;
    if (weighted) {
      for (double w : graph.out_weights(u)) total += w;
    } else {
      total = static_cast<double>(graph.out_degree(u));
    }
    inverse[u] = total > 0 ? 1.0 / total : 0.0;
  }
  return inverse;
}

}  // namespace

PageRankResult pagerank(const CsrGraph& graph, const PageRankConfig& config, Cancellation cancel) {
  config.validate();
  const Vertex n = graph.vertex_count();
  check_sources(config.source_nodes, n);
  const bool weighted = config.weighted && graph.weighted();
  if (weighted) check_relationship_weights(graph, kName);
  PageRankResult result;
  if (n == 0) {
    result.converged = true;
    return result;
  }
  const double d = config.damping_factor;
  const double work = static_cast<double>(graph.arc_count() + n) * config.max_iterations;
  const int threads = thread_count(config.concurrency, work);

  const std::vector<double> teleport = teleport_vector(config.source_nodes, n);
  const double uniform = 1.0 / static_cast<double>(n);
  const std::vector<double> inverse = inverse_out_weights(graph, weighted, threads);

  // rank: scores; share: rank[u] * inverse[u], what u sends along each unit
  // of out-weight. Both double-buffered.
  // Classic PageRank starts uniform (Graphalytics); personalized PageRank
  // starts on the teleport vector, so vertices the sources never reach stay
  // exactly 0 rather than decaying towards it.
  std::vector<double> rank = teleport.empty() ? std::vector<double>(n, uniform) : teleport;
  std::vector<double> next_rank(n);
  std::vector<double> share(n), next_share(n);
  const Vertex chunks = (n + kChunk - 1) / kChunk;
  std::vector<double> chunk_dangling(chunks), chunk_change(chunks);
  double dangling = 0;
  for (Vertex u = 0; u < n; ++u) {
    share[u] = rank[u] * inverse[u];
    if (inverse[u] == 0) dangling += rank[u];
  }

  cancel.enter_phase("pageRank", static_cast<std::uint64_t>(config.max_iterations));
  for (int iteration = 0; iteration < config.max_iterations; ++iteration) {
    cancel.check();
    cancel.at_step(static_cast<std::uint64_t>(iteration) + 1);
    const double jump = (1 - d) + d * dangling;  // mass spread by the teleport vector
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (Vertex c = 0; c < chunks; ++c) {
      const Vertex begin = c * kChunk, end = std::min<Vertex>(n, begin + kChunk);
      double chunk_dangling_sum = 0, chunk_max_change = 0;
      for (Vertex v = begin; v < end; ++v) {
        const auto sources = graph.in(v);
        double sum = 0;
        if (weighted) {
          const auto weights = graph.in_weights(v);
          for (std::size_t i = 0; i < sources.size(); ++i) sum += share[sources[i]] * weights[i];
        } else {
          for (Vertex u : sources) sum += share[u];
        }
        const double value = jump * (teleport.empty() ? uniform : teleport[v]) + d * sum;
        next_rank[v] = value;
        next_share[v] = value * inverse[v];
        if (inverse[v] == 0) chunk_dangling_sum += value;
        chunk_max_change = std::max(chunk_max_change, std::abs(value - rank[v]));
      }
      chunk_dangling[c] = chunk_dangling_sum;
      chunk_change[c] = chunk_max_change;
    }
    dangling = 0;
    double change = 0;
    for (Vertex c = 0; c < chunks; ++c) {
      dangling += chunk_dangling[c];
      change = std::max(change, chunk_change[c]);
    }
    rank.swap(next_rank);
    share.swap(next_share);
    result.iterations = iteration + 1;
    if (change < config.tolerance) {
      result.converged = true;
      break;
    }
  }
  result.scores = std::move(rank);
  return result;
}

}  // namespace guanxi::algorithms
