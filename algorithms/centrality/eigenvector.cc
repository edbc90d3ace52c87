#include "algorithms/centrality/eigenvector.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "algorithms/centrality/config_value.h"
#include "algorithms/centrality/weight_check.h"
#include "algorithms/config_checks.h"
#include "algorithms/thread_count.h"

namespace guanxi::algorithms {

namespace {

constexpr const char* kName = "algo.eigenvector";
// Vertices per parallel work item; per-chunk partial sums are added in chunk
// order so the result does not depend on the thread count.
constexpr Vertex kChunk = 4096;

// sqrt(sum of squares) without overflow or underflow, like math.hypot.
double norm2(const std::vector<double>& y) {
  double scale = 0;
  for (double v : y) scale = std::max(scale, std::abs(v));
  if (scale == 0) return 0;
  double sum = 0;
  for (double v : y) {
    const double r = v / scale;
    sum += r * r;
  }
  return scale * std::sqrt(sum);
}

}  // namespace

void EigenvectorConfig::validate() const {
  validate_max_iterations(kName, max_iterations);
  validate_tolerance(kName, tolerance);
  validate_concurrency(kName, concurrency);
}

EigenvectorResult eigenvector(const CsrGraph& graph, const EigenvectorConfig& config,
                              Cancellation cancel) {
  config.validate();
  const bool weighted = config.weighted && graph.weighted();
  if (weighted) check_relationship_weights(graph, kName);
  const Vertex n = graph.vertex_count();
  EigenvectorResult result;
  if (n == 0) {
    result.converged = true;
    return result;
  }
  const double work = static_cast<double>(graph.arc_count() + n) * config.max_iterations;
  const int threads = thread_count(config.concurrency, work);
  const Vertex chunks = (n + kChunk - 1) / kChunk;
  std::vector<double> chunk_change(chunks);
  std::vector<double> x(n, 1.0 / static_cast<double>(n)), y(n);
  cancel.enter_phase("eigenvector", static_cast<std::uint64_t>(config.max_iterations));
  for (int iteration = 0; iteration < config.max_iterations; ++iteration) {
    cancel.check();
    cancel.at_step(static_cast<std::uint64_t>(iteration) + 1);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (Vertex c = 0; c < chunks; ++c) {
      const Vertex end = std::min<Vertex>(n, (c + 1) * kChunk);
      for (Vertex v = c * kChunk; v < end; ++v) {
        const auto sources = graph.in(v);
        double sum = x[v];
        if (weighted) {
          const auto weights = graph.in_weights(v);
          for (std::size_t i = 0; i < sources.size(); ++i) sum += x[sources[i]] * weights[i];
        } else {
          for (Vertex u : sources) sum += x[u];
        }
        y[v] = sum;
      }
    }
    double norm = norm2(y);
    if (norm == 0) norm = 1;
#pragma omp parallel for schedule(static) num_threads(threads)
    for (Vertex c = 0; c < chunks; ++c) {
      const Vertex end = std::min<Vertex>(n, (c + 1) * kChunk);
      double change = 0;
      for (Vertex v = c * kChunk; v < end; ++v) {
        y[v] /= norm;
        change += std::abs(y[v] - x[v]);
      }
      chunk_change[c] = change;
    }
    double change = 0;
    for (double part : chunk_change) change += part;
    x.swap(y);
    result.iterations = iteration + 1;
    if (change < static_cast<double>(n) * config.tolerance) {
      result.converged = true;
      break;
    }
  }
  result.scores = std::move(x);
  return result;
}

}  // namespace guanxi::algorithms
