#include "algorithms/paths/khop.h"

#include <atomic>
#include <numeric>
#include <string>

#include "algorithms/thread_count.h"

namespace guanxi::algorithms {

namespace {

constexpr const char* kName = "algo.khopReach";

// A BFS limited to k levels that reuses its arrays across sources: a vertex is
// seen in the current search when its stamp equals the search's number.
class BoundedBfs {
 public:
  BoundedBfs(const CsrGraph& graph, bool undirected)
      : graph_(graph), both_(undirected && !graph.undirected()), stamp_(graph.vertex_count(), 0) {}

  // Vertices within k hops of any of `sources`, the sources excluded.
  std::uint64_t reach(std::span<const Vertex> sources, int k) {
    ++search_;
    frontier_.clear();
    for (Vertex s : sources) {
      if (stamp_[s] == search_) continue;
      stamp_[s] = search_;
      frontier_.push_back(s);
    }
    std::uint64_t count = 0;
    for (int depth = 0; depth < k && !frontier_.empty(); ++depth) {
      next_.clear();
      for (Vertex u : frontier_) {
        for (Vertex w : graph_.out(u)) see(w);
        if (both_) {
          for (Vertex w : graph_.in(u)) see(w);
        }
      }
      count += next_.size();
      frontier_.swap(next_);
    }
    return count;
  }

 private:
  void see(Vertex w) {
    if (stamp_[w] == search_) return;
    stamp_[w] = search_;
    next_.push_back(w);
  }

  const CsrGraph& graph_;
  bool both_;
  std::vector<std::uint32_t> stamp_;
  std::uint32_t search_ = 0;
  std::vector<Vertex> frontier_, next_;
};

}  // namespace

void KhopConfig::validate() const {
  if (k < 0) throw ConfigError(kName, "k", "must be at least 0, got " + std::to_string(k));
  if (concurrency < 0) {
    throw ConfigError(kName, "concurrency",
                      "must be at least 0 (0 = all cores), got " + std::to_string(concurrency));
  }
}

KhopResult khop_reach(const CsrGraph& graph, const KhopConfig& config, Cancellation cancel) {
  config.validate();
  const Vertex n = graph.vertex_count();
  KhopResult r;
  if (config.source_nodes.empty()) {
    r.sources.resize(n);
    std::iota(r.sources.begin(), r.sources.end(), Vertex{0});
  } else {
    for (Vertex s : config.source_nodes) {
      if (s >= n)
        throw ConfigError(kName, "sourceNodes",
                          "must be vertices of the graph, got " + std::to_string(s));
    }
    r.sources = config.source_nodes;
  }
  r.counts.assign(r.sources.size(), 0);
  const auto m = static_cast<std::int64_t>(r.sources.size());
  std::atomic<bool> cancelled{false};
  const int threads = thread_count(config.concurrency);
  cancel.enter_phase("khopReach", static_cast<std::uint64_t>(m));  // steps: sources searched
#pragma omp parallel num_threads(threads)
  {
    BoundedBfs search(graph, config.undirected);
#pragma omp for schedule(dynamic, 64)
    for (std::int64_t i = 0; i < m; ++i) {
      if (cancelled.load(std::memory_order_relaxed)) continue;
      if ((i & 63) == 0 && cancel.requested()) cancelled = true;
      r.counts[i] = search.reach(std::span<const Vertex>(&r.sources[i], 1), config.k);
      cancel.advance();
    }
  }
  if (cancelled) throw Cancelled();
  BoundedBfs all(graph, config.undirected);
  r.combined = all.reach(r.sources, config.k);
  return r;
}

}  // namespace guanxi::algorithms
