#include "algorithms/centrality/degree.h"

#include <span>

namespace guanxi::algorithms {

namespace {

double weight_sum(std::span<const double> weights) {
  double sum = 0;
  for (double w : weights) sum += w;
  return sum;
}

}  // namespace

DegreeResult degree(const CsrGraph& graph, const DegreeConfig& config, Cancellation cancel) {
  config.validate();
  const Vertex n = graph.vertex_count();
  const bool weighted = config.weighted && graph.weighted();
  const bool count_out = config.orientation != DegreeOrientation::kIn;
  // An undirected graph's in-lists repeat its out-lists.
  const bool count_in = config.orientation == DegreeOrientation::kIn ||
                        (config.orientation == DegreeOrientation::kBoth && !graph.undirected());
  DegreeResult result;
  result.scores.assign(n, 0.0);
  for (Vertex v = 0; v < n; ++v) {
    if ((v & 0xfff) == 0) cancel.check();
    double score = 0;
    if (count_out)
      score +=
          weighted ? weight_sum(graph.out_weights(v)) : static_cast<double>(graph.out_degree(v));
    if (count_in)
      score += weighted ? weight_sum(graph.in_weights(v)) : static_cast<double>(graph.in_degree(v));
    result.scores[v] = score;
  }
  return result;
}

}  // namespace guanxi::algorithms
