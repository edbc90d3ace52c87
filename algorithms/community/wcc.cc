#include "algorithms/community/wcc.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <unordered_map>
#include <vector>

#include "algorithms/community/team_size.h"

namespace guanxi::algorithms {

namespace {

// Parent pointers, read and written through atomic_ref. Allocated without
// zeroing, as every entry is set before it is read: zeroing the arrays of a
// scale-20 run and then faulting their fresh pages in was a third of its time.
class Parents {
 public:
  explicit Parents(Vertex n) : n_(n), p_(std::make_unique_for_overwrite<Vertex[]>(n)) {}
  std::atomic_ref<Vertex> operator[](Vertex v) const { return std::atomic_ref<Vertex>(p_[v]); }
  Vertex size() const { return n_; }

 private:
  Vertex n_;
  std::unique_ptr<Vertex[]> p_;
};

// Joins the trees of u and v, each vertex pointing at a smaller one (or at
// itself, a root). Only a root is ever re-pointed, by compare-and-swap, so
// concurrent links stay a forest whose roots are its smallest vertices.
void link(const Parents& parent, Vertex u, Vertex v) {
  Vertex p1 = parent[u].load(std::memory_order_relaxed);
  Vertex p2 = parent[v].load(std::memory_order_relaxed);
  while (p1 != p2) {
    const Vertex high = std::max(p1, p2), low = std::min(p1, p2);
    Vertex p_high = parent[high].load(std::memory_order_relaxed);
    if (p_high == low) return;
    if (p_high == high &&
        parent[high].compare_exchange_strong(p_high, low, std::memory_order_relaxed))
      return;
    p1 = parent[parent[high].load(std::memory_order_relaxed)].load(std::memory_order_relaxed);
    p2 = parent[low].load(std::memory_order_relaxed);
  }
}

// Points every vertex at its root.
void compress(const Parents& parent, int threads) {
  const auto n = static_cast<std::int64_t>(parent.size());
#pragma omp parallel for schedule(dynamic, 16384) num_threads(threads)
  for (std::int64_t v = 0; v < n; ++v) {
    Vertex p = parent[static_cast<Vertex>(v)].load(std::memory_order_relaxed);
    while (true) {
      const Vertex gp = parent[p].load(std::memory_order_relaxed);
      if (gp == p) break;
      p = gp;
    }
    parent[static_cast<Vertex>(v)].store(p, std::memory_order_relaxed);
  }
}

// The root most of `samples` vertices drawn evenly over the graph point at
// (after compress): the largest component, very likely.
Vertex most_common_root(const Parents& parent) {
  constexpr std::uint64_t kSamples = 1024;
  const std::uint64_t n = parent.size();
  std::unordered_map<Vertex, std::uint32_t> count;
  Vertex best = 0;
  std::uint32_t best_count = 0;
  for (std::uint64_t i = 0; i < std::min(kSamples, n); ++i) {
    const auto r =
        parent[static_cast<Vertex>(i * n / std::min(kSamples, n))].load(std::memory_order_relaxed);
    const std::uint32_t c = ++count[r];
    if (c > best_count) {
      best = r;
      best_count = c;
    }
  }
  return best;
}

// A bitmap of the vertices whose parent is `root` (after compress: its
// component as sampled so far), bit v of word v / 64.
std::vector<std::uint64_t> members(const Parents& parent, Vertex root, int threads) {
  const std::int64_t words = (static_cast<std::int64_t>(parent.size()) + 63) / 64;
  std::vector<std::uint64_t> bits(static_cast<std::size_t>(words));
#pragma omp parallel for schedule(static) num_threads(threads)
  for (std::int64_t w = 0; w < words; ++w) {
    std::uint64_t word = 0;
    const auto first = static_cast<Vertex>(w * 64);
    const Vertex last = std::min<Vertex>(parent.size(), first + 64);
    for (Vertex v = first; v < last; ++v) {
      if (parent[v].load(std::memory_order_relaxed) == root)
        word |= std::uint64_t{1} << (v - first);
    }
    bits[static_cast<std::size_t>(w)] = word;
  }
  return bits;
}

}  // namespace

void WccConfig::validate() const { validate_concurrency("algo.wcc", concurrency); }

WccResult wcc(const CsrGraph& graph, const WccConfig& config, Cancellation cancel) {
  config.validate();
  const Vertex n = graph.vertex_count();
  Parents parent(n);
  const bool undirected = graph.undirected();
  std::atomic<bool> stop{false};
  const int threads = team_size(config.concurrency, graph.vertex_count() + graph.arc_count());
  constexpr std::int64_t kBlock = 4096;
  const std::int64_t blocks = (static_cast<std::int64_t>(n) + kBlock - 1) / kBlock;
  // Afforest (Sutton, Ben-Nun, Barak, IPDPS 2018): link every vertex to its
  // first kRounds neighbours, which on a social graph already joins most of
  // the giant component; then the vertices found in the largest component
  // skip their remaining lists, since each of their relationships to another
  // component is also met from the other end (undirected lists hold both ends;
  // a directed graph reads the in-lists for that). On the scale-20 R-MAT
  // graph this reads a small part of the 33.5M arcs a full union-find reads.
  // A directed graph without in-lists cannot meet a relationship from its
  // end, so the giant's vertices read their lists too, but link only the
  // neighbours outside a bitmap of the giant (n bits, which stay in cache
  // where the parent array does not). On that graph's out-lists this takes
  // 38-55 ms on two threads; linking every arc took 59-67 ms.
  constexpr std::size_t kRounds = 2;
  const bool skip_giant = graph.has_in_lists();  // always, when undirected

#pragma omp parallel for schedule(static) num_threads(threads)
  for (std::int64_t v = 0; v < static_cast<std::int64_t>(n); ++v)
    parent[static_cast<Vertex>(v)].store(static_cast<Vertex>(v), std::memory_order_relaxed);
  for (std::size_t r = 0; r < kRounds; ++r) {
#pragma omp parallel for schedule(dynamic, 16384) num_threads(threads)
    for (std::int64_t v = 0; v < static_cast<std::int64_t>(n); ++v) {
      const auto out = graph.out(static_cast<Vertex>(v));
      if (r < out.size()) link(parent, static_cast<Vertex>(v), out[r]);
    }
    compress(parent, threads);
  }
  cancel.check();
  const Vertex giant = n == 0 ? 0 : most_common_root(parent);
  const std::vector<std::uint64_t> in_giant =
      skip_giant ? std::vector<std::uint64_t>{} : members(parent, giant, threads);

  cancel.enter_phase("wcc", static_cast<std::uint64_t>(blocks));
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::int64_t b = 0; b < blocks; ++b) {
    if (stop.load(std::memory_order_relaxed)) continue;
    if (cancel.requested()) {
      stop = true;
      continue;
    }
    const Vertex end = static_cast<Vertex>(std::min<std::int64_t>(n, (b + 1) * kBlock));
    for (Vertex v = static_cast<Vertex>(b * kBlock); v < end; ++v) {
      const bool giant_member = parent[v].load(std::memory_order_relaxed) == giant;
      if (skip_giant && giant_member) continue;
      const auto out = graph.out(v);
      if (giant_member) {
        for (std::size_t i = kRounds; i < out.size(); ++i) {
          const Vertex w = out[i];
          if (((in_giant[w >> 6] >> (w & 63)) & 1) == 0) link(parent, v, w);
        }
        continue;
      }
      for (std::size_t i = kRounds; i < out.size(); ++i) link(parent, v, out[i]);
      if (skip_giant && !undirected) {
        for (const Vertex u : graph.in(v)) link(parent, v, u);
      }
    }
    cancel.advance();
  }
  if (stop) throw Cancelled();
  compress(parent, threads);

  WccResult result;
  result.component.resize(n);
  const auto count = static_cast<std::int64_t>(n);
  std::uint64_t roots = 0;
  // Roots are the smallest local vertex of their component. When node ids
  // ascend with the local ids (a projection of whole labels does), a root's
  // node id is its component's label and every vertex is labelled in one
  // parallel pass; otherwise each component's smallest id is found first.
  bool ascending = true;
  for (Vertex v = 1; v < n && ascending; ++v) ascending = graph.node_id(v - 1) < graph.node_id(v);
  if (ascending) {
#pragma omp parallel for schedule(static) num_threads(threads) reduction(+ : roots)
    for (std::int64_t v = 0; v < count; ++v) {
      const Vertex r = parent[static_cast<Vertex>(v)].load(std::memory_order_relaxed);
      roots += r == static_cast<Vertex>(v);
      result.component[v] = graph.node_id(r);
    }
    result.component_count = roots;
    return result;
  }
  // A root is met before the rest of its component and sets its entry first.
  const auto smallest = std::make_unique_for_overwrite<std::uint64_t[]>(n);
  for (Vertex v = 0; v < n; ++v) {
    const Vertex r = parent[v].load(std::memory_order_relaxed);
    if (r == v) {
      ++roots;
      smallest[r] = graph.node_id(v);
    } else {
      smallest[r] = std::min(smallest[r], graph.node_id(v));
    }
  }
  result.component_count = roots;
#pragma omp parallel for schedule(static) num_threads(threads)
  for (std::int64_t v = 0; v < count; ++v) {
    result.component[v] = smallest[parent[static_cast<Vertex>(v)].load(std::memory_order_relaxed)];
  }
  return result;
}

}  // namespace guanxi::algorithms
