#include "algorithms/similarity/node_similarity.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <sstream>
#include <string>
#include <unordered_map>

#include "algorithms/thread_count.h"

namespace guanxi::algorithms {

namespace {

constexpr const char* kName = "algo.nodeSimilarity";

std::string number(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

// Number of distinct entries of a sorted list.
std::uint64_t distinct(std::span<const Vertex> list) {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < list.size(); ++i) n += (i == 0 || list[i] != list[i - 1]);
  return n;
}

}  // namespace

void NodeSimilarityConfig::validate() const {
  if (top_k < 1)
    throw ConfigError(kName, "topK", "must be at least 1, got " + std::to_string(top_k));
  if (!(similarity_cutoff >= 0 && similarity_cutoff <= 1)) {
    throw ConfigError(kName, "similarityCutoff",
                      "must be in [0, 1], got " + number(similarity_cutoff));
  }
  if (degree_cutoff < 1) {
    throw ConfigError(kName, "degreeCutoff",
                      "must be at least 1, got " + std::to_string(degree_cutoff));
  }
  if (concurrency < 0) {
    throw ConfigError(kName, "concurrency",
                      "must be at least 0 (0 = all cores), got " + std::to_string(concurrency));
  }
}

NodeSimilarityResult node_similarity(const CsrGraph& graph, const NodeSimilarityConfig& config,
                                     Cancellation cancel) {
  config.validate();
  const Vertex n = graph.vertex_count();
  std::vector<std::uint32_t> degree(n);
  NodeSimilarityResult result;
  for (Vertex v = 0; v < n; ++v) {
    degree[v] = static_cast<std::uint32_t>(distinct(graph.out(v)));
    result.compared_nodes += degree[v] >= static_cast<std::uint32_t>(config.degree_cutoff);
  }
  auto takes_part = [&](Vertex v) {
    return degree[v] >= static_cast<std::uint32_t>(config.degree_cutoff);
  };
  std::vector<std::vector<SimilarPair>> best(n);
  std::atomic<bool> cancelled{false};
  const int threads = thread_count(config.concurrency);
  cancel.enter_phase("nodeSimilarity", n);  // steps: vertices compared
#pragma omp parallel num_threads(threads)
  {
    std::vector<std::uint32_t> common(n, 0);
    std::vector<Vertex> touched;
    std::vector<SimilarPair> candidates;
#pragma omp for schedule(dynamic, 64)
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) {
      const auto u = static_cast<Vertex>(i);
      if ((u & 255) == 0) {
        if (cancel.requested()) cancelled = true;
        cancel.advance(std::min<std::uint64_t>(256, n - u));
      }
      if (cancelled.load(std::memory_order_relaxed) || !takes_part(u)) continue;
      // |N(u) ∩ N(v)| for every v sharing an out-neighbour with u: v has an
      // out-relationship to some w in N(u), i.e. v is in in(w).
      touched.clear();
      const auto out = graph.out(u);
      for (std::size_t a = 0; a < out.size(); ++a) {
        if (a > 0 && out[a] == out[a - 1]) continue;
        const auto in = graph.in(out[a]);
        for (std::size_t b = 0; b < in.size(); ++b) {
          const Vertex v = in[b];
          if ((b > 0 && v == in[b - 1]) || v == u || !takes_part(v)) continue;
          if (common[v]++ == 0) touched.push_back(v);
        }
      }
      candidates.clear();
      for (const Vertex v : touched) {
        const double c = common[v];
        common[v] = 0;
        const double j = c / (static_cast<double>(degree[u]) + degree[v] - c);
        if (j >= config.similarity_cutoff) candidates.push_back({u, v, j});
      }
      auto better = [](const SimilarPair& x, const SimilarPair& y) {
        return x.similarity != y.similarity ? x.similarity > y.similarity : x.node2 < y.node2;
      };
      const auto keep = std::min(candidates.size(), static_cast<std::size_t>(config.top_k));
      std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep),
                        candidates.end(), better);
      best[u].assign(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep));
    }
  }
  if (cancelled) throw Cancelled();
  for (auto& list : best) result.pairs.insert(result.pairs.end(), list.begin(), list.end());
  return result;
}

NodeSimilarityResult node_similarity_for(const CsrGraph& graph, std::span<const Vertex> sources,
                                         const NodeSimilarityConfig& config, Cancellation cancel) {
  config.validate();
  const Vertex n = graph.vertex_count();
  std::vector<Vertex> order(sources.begin(), sources.end());
  for (const Vertex u : order) {
    if (u >= n) {
      throw ConfigError(kName, "sourceNodes",
                        "must hold nodes of the projected graph, got vertex " + std::to_string(u));
    }
  }
  std::sort(order.begin(), order.end());
  order.erase(std::unique(order.begin(), order.end()), order.end());
  std::unordered_map<Vertex, std::uint32_t> degrees;
  auto degree = [&](Vertex v) {
    auto [it, fresh] = degrees.try_emplace(v, 0);
    if (fresh) it->second = static_cast<std::uint32_t>(distinct(graph.out(v)));
    return it->second;
  };
  const auto cutoff = static_cast<std::uint32_t>(config.degree_cutoff);
  NodeSimilarityResult result;
  std::unordered_map<Vertex, std::uint32_t> common;
  std::vector<SimilarPair> candidates;
  cancel.enter_phase("nodeSimilarity", order.size());
  for (const Vertex u : order) {
    cancel.check();
    cancel.advance();
    if (degree(u) < cutoff) continue;
    ++result.compared_nodes;
    common.clear();
    const auto out = graph.out(u);
    for (std::size_t a = 0; a < out.size(); ++a) {
      if (a > 0 && out[a] == out[a - 1]) continue;
      const auto in = graph.in(out[a]);
      for (std::size_t b = 0; b < in.size(); ++b) {
        const Vertex v = in[b];
        if ((b > 0 && v == in[b - 1]) || v == u || degree(v) < cutoff) continue;
        ++common[v];
      }
    }
    candidates.clear();
    for (const auto& [v, count] : common) {
      const double c = count;
      const double j = c / (static_cast<double>(degree(u)) + degree(v) - c);
      if (j >= config.similarity_cutoff) candidates.push_back({u, v, j});
    }
    auto better = [](const SimilarPair& x, const SimilarPair& y) {
      return x.similarity != y.similarity ? x.similarity > y.similarity : x.node2 < y.node2;
    };
    const auto keep = std::min(candidates.size(), static_cast<std::size_t>(config.top_k));
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep),
                      candidates.end(), better);
    result.pairs.insert(result.pairs.end(), candidates.begin(),
                        candidates.begin() + static_cast<std::ptrdiff_t>(keep));
  }
  return result;
}

}  // namespace guanxi::algorithms
