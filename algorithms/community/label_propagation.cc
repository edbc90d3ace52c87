#include "algorithms/community/label_propagation.h"

#include <algorithm>
#include <atomic>
#include <string>

#include "algorithms/community/team_size.h"
#include "algorithms/config_checks.h"

namespace guanxi::algorithms {

void LabelPropagationConfig::validate() const {
  validate_max_iterations("algo.labelPropagation", max_iterations);
  validate_concurrency("algo.labelPropagation", concurrency);
}

namespace {

// The most frequent value of `labels` (sorted in place), smallest on a relationship.
std::uint64_t most_frequent(std::vector<std::uint64_t>& labels) {
  std::sort(labels.begin(), labels.end());
  std::uint64_t best = labels[0];
  std::size_t best_count = 0;
  for (std::size_t i = 0; i < labels.size();) {
    std::size_t j = i;
    while (j < labels.size() && labels[j] == labels[i]) ++j;
    if (j - i > best_count) {  // strictly more: the earlier (smaller) label wins relationships
      best_count = j - i;
      best = labels[i];
    }
    i = j;
  }
  return best;
}

}  // namespace

LabelPropagationResult label_propagation(const CsrGraph& graph,
                                         const LabelPropagationConfig& config,
                                         Cancellation cancel) {
  config.validate();
  const Vertex n = graph.vertex_count();
  const bool both = !graph.undirected();
  std::vector<std::uint64_t> label(n), next(n);
  for (Vertex v = 0; v < n; ++v) label[v] = graph.node_id(v);
  LabelPropagationResult result;
  const int threads = team_size(config.concurrency, graph.vertex_count() + graph.arc_count());
  std::atomic<bool> stop{false};
  cancel.enter_phase("labelPropagation", static_cast<std::uint64_t>(config.max_iterations));
  for (int iteration = 0; iteration < config.max_iterations; ++iteration) {
    cancel.check();
    cancel.at_step(static_cast<std::uint64_t>(iteration) + 1);
    std::atomic<bool> changed{false};
#pragma omp parallel num_threads(threads)
    {
      std::vector<std::uint64_t> seen;
      bool local_changed = false;
#pragma omp for schedule(dynamic, 1024)
      for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) {
        const Vertex v = static_cast<Vertex>(i);
        if ((i & 4095) == 0 && cancel.requested()) stop = true;
        if (stop.load(std::memory_order_relaxed)) continue;
        seen.clear();
        for (Vertex u : graph.out(v)) seen.push_back(label[u]);
        if (both) {
          for (Vertex u : graph.in(v)) seen.push_back(label[u]);
        }
        next[v] = seen.empty() ? label[v] : most_frequent(seen);
        local_changed |= next[v] != label[v];
      }
      if (local_changed) changed = true;
    }
    if (stop) throw Cancelled();
    label.swap(next);
    result.iterations = iteration + 1;
    if (!changed) {
      result.converged = true;
      break;
    }
  }
  std::vector<std::uint64_t> distinct(label);
  std::sort(distinct.begin(), distinct.end());
  result.community_count =
      static_cast<std::uint64_t>(std::unique(distinct.begin(), distinct.end()) - distinct.begin());
  result.community = std::move(label);
  return result;
}

}  // namespace guanxi::algorithms
