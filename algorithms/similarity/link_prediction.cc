#include "algorithms/similarity/link_prediction.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <iterator>
#include <unordered_map>

#include "algorithms/community/simple_neighbours.h"
#include "algorithms/thread_count.h"

namespace guanxi::algorithms {

namespace {

constexpr const char* kName = "algo.linkPrediction";

// What one common neighbour w contributes to a pair's score.
double contribution(LinkMeasure measure, std::uint64_t degree_of_w) {
  switch (measure) {
    case LinkMeasure::kAdamicAdar: return 1.0 / std::log(static_cast<double>(degree_of_w));
    case LinkMeasure::kResourceAllocation: return 1.0 / static_cast<double>(degree_of_w);
    default: return 1.0;
  }
}

// The score from the common-neighbour sum and the two degrees.
double finish(LinkMeasure measure, double sum, std::uint64_t common, std::uint64_t du,
              std::uint64_t dv) {
  if (measure != LinkMeasure::kJaccard) return sum;
  const std::uint64_t united = du + dv - common;
  return united == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(united);
}

// N(v) of the simple undirected view (out- and in-lists merged, distinct, v
// left out), into `list`; the same set simple_neighbours() builds for all.
void simple_list(const CsrGraph& graph, Vertex v, std::vector<Vertex>& list) {
  list.clear();
  const auto out = graph.out(v);
  if (graph.undirected()) {
    list.assign(out.begin(), out.end());  // in(v) is out(v): nothing to merge
  } else {
    const auto in = graph.in(v);
    std::merge(out.begin(), out.end(), in.begin(), in.end(), std::back_inserter(list));
  }
  list.erase(std::unique(list.begin(), list.end()), list.end());
  list.erase(std::remove(list.begin(), list.end(), v), list.end());
}

}  // namespace

LinkMeasure parse_link_measure(const std::string& name) {
  std::string lower;
  for (char c : name)
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (lower == "commonneighbors" || lower == "commonneighbours")
    return LinkMeasure::kCommonNeighbors;
  if (lower == "adamicadar") return LinkMeasure::kAdamicAdar;
  if (lower == "resourceallocation") return LinkMeasure::kResourceAllocation;
  if (lower == "jaccard") return LinkMeasure::kJaccard;
  throw ConfigError(
      kName, "measure",
      "must be one of commonNeighbors, adamicAdar, resourceAllocation, jaccard, got '" + name +
          "'");
}

void LinkPredictionConfig::validate() const {
  if (top_k < 1)
    throw ConfigError(kName, "topK", "must be at least 1, got " + std::to_string(top_k));
  if (concurrency < 0) {
    throw ConfigError(kName, "concurrency",
                      "must be at least 0 (0 = all cores), got " + std::to_string(concurrency));
  }
}

std::vector<double> link_scores(const CsrGraph& graph,
                                std::span<const std::pair<Vertex, Vertex>> pairs,
                                const LinkPredictionConfig& config, Cancellation cancel) {
  config.validate();
  for (const auto& [u, v] : pairs) {
    if (u >= graph.vertex_count() || v >= graph.vertex_count()) {
      throw ConfigError(kName, "pairs",
                        "must hold vertices of the graph, got (" + std::to_string(u) + ", " +
                            std::to_string(v) + ")");
    }
  }
  const int threads = thread_count(config.concurrency);
  const SimpleNeighbours nb = simple_neighbours(graph, threads, cancel);
  auto list = [&](Vertex v) {
    return std::span<const Vertex>(nb.targets.data() + nb.offsets[v],
                                   nb.targets.data() + nb.offsets[v + 1]);
  };
  std::vector<double> scores(pairs.size());
  const auto m = static_cast<std::int64_t>(pairs.size());
#pragma omp parallel for schedule(dynamic, 256) num_threads(threads)
  for (std::int64_t i = 0; i < m; ++i) {
    const auto [u, v] = pairs[static_cast<std::size_t>(i)];
    const auto a = list(u), b = list(v);
    std::size_t x = 0, y = 0;
    std::uint64_t common = 0;
    double sum = 0;
    while (x < a.size() && y < b.size()) {
      if (a[x] < b[y]) {
        ++x;
      } else if (b[y] < a[x]) {
        ++y;
      } else {
        ++common;
        sum += contribution(config.measure, nb.degree(a[x]));
        ++x, ++y;
      }
    }
    scores[static_cast<std::size_t>(i)] = finish(config.measure, sum, common, a.size(), b.size());
  }
  cancel.check();
  return scores;
}

std::vector<ScoredPair> link_suggestions(const CsrGraph& graph, const LinkPredictionConfig& config,
                                         Cancellation cancel) {
  config.validate();
  const Vertex n = graph.vertex_count();
  const int threads = thread_count(config.concurrency);
  const SimpleNeighbours nb = simple_neighbours(graph, threads, cancel);
  std::vector<std::vector<ScoredPair>> best(n);
  std::atomic<bool> cancelled{false};
  cancel.enter_phase("linkPrediction", n);  // steps: vertices scored
#pragma omp parallel num_threads(threads)
  {
    // Per candidate v: common-neighbour count and score sum; `tied` marks N(u).
    std::vector<std::uint32_t> common(n, 0);
    std::vector<double> sum(n, 0.0);
    std::vector<Vertex> tied(n, ~Vertex{0});
    std::vector<Vertex> touched;
    std::vector<ScoredPair> candidates;
#pragma omp for schedule(dynamic, 64)
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) {
      const auto u = static_cast<Vertex>(i);
      if (cancelled.load(std::memory_order_relaxed)) continue;
      if ((u & 255) == 0) {
        if (cancel.requested()) cancelled = true;
        cancel.advance(std::min<std::uint64_t>(256, n - u));
      }
      touched.clear();
      for (auto a = nb.offsets[u]; a < nb.offsets[u + 1]; ++a) tied[nb.targets[a]] = u;
      // Ascending w, so every candidate's sum adds its terms in the same
      // order as link_scores' merge does.
      for (auto a = nb.offsets[u]; a < nb.offsets[u + 1]; ++a) {
        const Vertex w = nb.targets[a];
        const double c = contribution(config.measure, nb.degree(w));
        for (auto b = nb.offsets[w]; b < nb.offsets[w + 1]; ++b) {
          const Vertex v = nb.targets[b];
          if (v == u || tied[v] == u) continue;
          if (common[v]++ == 0) touched.push_back(v);
          sum[v] += c;
        }
      }
      candidates.clear();
      for (const Vertex v : touched) {
        candidates.push_back(
            {u, v, finish(config.measure, sum[v], common[v], nb.degree(u), nb.degree(v))});
        common[v] = 0;
        sum[v] = 0;
      }
      auto better = [](const ScoredPair& x, const ScoredPair& y) {
        return x.score != y.score ? x.score > y.score : x.node2 < y.node2;
      };
      const auto keep = std::min(candidates.size(), static_cast<std::size_t>(config.top_k));
      std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep),
                        candidates.end(), better);
      best[u].assign(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep));
    }
  }
  if (cancelled) throw Cancelled();
  std::vector<ScoredPair> out;
  for (auto& list : best) out.insert(out.end(), list.begin(), list.end());
  return out;
}

std::vector<ScoredPair> link_suggestions_for(const CsrGraph& graph, std::span<const Vertex> sources,
                                             const LinkPredictionConfig& config,
                                             Cancellation cancel) {
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

  std::vector<ScoredPair> out;
  std::vector<Vertex> neighbours, second;
  // Per candidate: common-neighbour count and score sum, in a hash map for a
  // small neighbourhood and in arrays over all vertices for a hub's (a hub
  // of R-MAT scale 20 reaches 419M arcs in two hops, where hashing costs
  // several times the arrays' 12 MB).
  struct Tally {
    std::uint64_t common = 0;
    double sum = 0;
  };
  std::unordered_map<Vertex, Tally> tallies;
  std::vector<Tally> dense;
  constexpr Vertex kNoVertex = ~Vertex{0};
  std::vector<Vertex> neighbour_of;  // dense: neighbour_of[w] == u marks N(u)
  std::vector<Vertex> touched;
  std::vector<ScoredPair> candidates;
  cancel.enter_phase("linkPrediction", order.size());
  for (const Vertex u : order) {
    cancel.check();
    cancel.advance();
    simple_list(graph, u, neighbours);
    std::uint64_t reach = 0;
    for (const Vertex w : neighbours) reach += graph.out_degree(w) + graph.in_degree(w);
    const bool use_dense = reach > n / 16;
    if (use_dense && dense.empty()) dense.resize(n), neighbour_of.assign(n, kNoVertex);
    if (use_dense)
      for (const Vertex w : neighbours) neighbour_of[w] = u;
    auto is_neighbour = [&](Vertex v) {
      return use_dense ? neighbour_of[v] == u
                       : std::binary_search(neighbours.begin(), neighbours.end(), v);
    };
    tallies.clear();
    touched.clear();
    // Ascending w, as link_suggestions adds them, so the sums are equal to
    // the last bit.
    for (std::size_t i = 0; i < neighbours.size(); ++i) {
      if ((i & 255) == 255) cancel.check();
      simple_list(graph, neighbours[i], second);
      const double c = contribution(config.measure, second.size());
      for (const Vertex v : second) {
        if (v == u || is_neighbour(v)) continue;
        Tally& t = use_dense ? dense[v] : tallies[v];
        if (use_dense && t.common == 0) touched.push_back(v);
        ++t.common;
        t.sum += c;
      }
    }
    candidates.clear();
    auto add = [&](Vertex v, const Tally& t) {
      std::uint64_t dv = 0;
      if (config.measure == LinkMeasure::kJaccard) {
        simple_list(graph, v, second);
        dv = second.size();
      }
      candidates.push_back({u, v, finish(config.measure, t.sum, t.common, neighbours.size(), dv)});
    };
    if (use_dense) {
      for (const Vertex v : touched) {
        add(v, dense[v]);
        dense[v] = Tally{};
      }
    } else {
      for (const auto& [v, t] : tallies) add(v, t);
    }
    auto better = [](const ScoredPair& x, const ScoredPair& y) {
      return x.score != y.score ? x.score > y.score : x.node2 < y.node2;
    };
    const auto keep = std::min(candidates.size(), static_cast<std::size_t>(config.top_k));
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep),
                      candidates.end(), better);
    out.insert(out.end(), candidates.begin(),
               candidates.begin() + static_cast<std::ptrdiff_t>(keep));
  }
  return out;
}

}  // namespace guanxi::algorithms
