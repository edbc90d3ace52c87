// guanxi-kernel-floor: the floor of the algorithm figures. The L or M graph
// as plain in-memory CSR arrays and two minimal serial kernels on them, no
// database, projection, configuration or result rows around them: 20
// PageRank power iterations (pull over the in-lists, dangling mass spread
// evenly, as algo.pagerank computes it), union-find WCC (path halving,
// union by index) and triangle counting as GAPBS's tc counts them (relabel
// by descending degree, then each triangle once from its highest vertex over
// sorted lists; the simple undirected graph is built beforehand, as GAPBS
// builds it when it loads a graph). An algorithm procedure's time over this
// one's is what everything around the kernel costs.
//
//   guanxi-kernel-floor --graph L --scale 20 --repeat 5
//
// Prints one JSON line per kernel: every wall time (building the CSR is not
// timed), the median and a result figure (the sum of the ranks, the number
// of components, the number of triangles), so the procedure's answer can be
// checked against it.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <functional>
#include <numeric>
#include <string>
#include <vector>

#include "bench/workload_graphs.h"

namespace {

using Vertex = std::uint32_t;

struct Csr {
  std::vector<std::uint64_t> offsets;
  std::vector<Vertex> neighbours;
};

// Lists of `n` vertices: by source (`by_source`) or by destination.
Csr build(std::uint64_t n, const std::vector<guanxi::bench::RmatRelationship>& arcs,
          bool by_source) {
  Csr csr;
  csr.offsets.assign(n + 1, 0);
  for (const auto& a : arcs) ++csr.offsets[(by_source ? a.src : a.dst) + 1];
  std::partial_sum(csr.offsets.begin(), csr.offsets.end(), csr.offsets.begin());
  csr.neighbours.resize(arcs.size());
  std::vector<std::uint64_t> next(csr.offsets.begin(), csr.offsets.end() - 1);
  for (const auto& a : arcs) {
    const std::uint64_t from = by_source ? a.src : a.dst;
    csr.neighbours[next[from]++] = static_cast<Vertex>(by_source ? a.dst : a.src);
  }
  return csr;
}

double pagerank(const Csr& in, const std::vector<std::uint32_t>& out_degree) {
  const std::size_t n = out_degree.size();
  const double damping = 0.85;
  std::vector<double> rank(n, 1.0 / static_cast<double>(n)), contribution(n), next(n);
  for (int iteration = 0; iteration < 20; ++iteration) {
    double dangling = 0;
    for (std::size_t v = 0; v < n; ++v) {
      if (out_degree[v] == 0) {
        dangling += rank[v];
        contribution[v] = 0;
      } else {
        contribution[v] = rank[v] / out_degree[v];
      }
    }
    const double base = (1.0 - damping + damping * dangling) / static_cast<double>(n);
    for (std::size_t v = 0; v < n; ++v) {
      double sum = 0;
      for (std::uint64_t i = in.offsets[v]; i < in.offsets[v + 1]; ++i)
        sum += contribution[in.neighbours[i]];
      next[v] = base + damping * sum;
    }
    rank.swap(next);
  }
  return std::accumulate(rank.begin(), rank.end(), 0.0);
}

std::uint64_t wcc(const Csr& out) {
  const std::size_t n = out.offsets.size() - 1;
  std::vector<Vertex> parent(n);
  std::iota(parent.begin(), parent.end(), Vertex{0});
  auto find = [&](Vertex v) {
    while (parent[v] != v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  };
  for (Vertex u = 0; u < n; ++u) {
    for (std::uint64_t i = out.offsets[u]; i < out.offsets[u + 1]; ++i) {
      Vertex a = find(u), b = find(out.neighbours[i]);
      if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
  }
  std::uint64_t components = 0;
  for (Vertex v = 0; v < n; ++v) components += find(v) == v;
  return components;
}

// Each vertex's distinct neighbours other than itself, either direction,
// sorted.
Csr simple_undirected(const Csr& out, const Csr& in) {
  const std::size_t n = out.offsets.size() - 1;
  Csr s;
  s.offsets.assign(n + 1, 0);
  std::vector<Vertex> list;
  for (Vertex v = 0; v < n; ++v) {
    list.assign(out.neighbours.begin() + static_cast<std::ptrdiff_t>(out.offsets[v]),
                out.neighbours.begin() + static_cast<std::ptrdiff_t>(out.offsets[v + 1]));
    list.insert(list.end(), in.neighbours.begin() + static_cast<std::ptrdiff_t>(in.offsets[v]),
                in.neighbours.begin() + static_cast<std::ptrdiff_t>(in.offsets[v + 1]));
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    list.erase(std::remove(list.begin(), list.end(), v), list.end());
    s.neighbours.insert(s.neighbours.end(), list.begin(), list.end());
    s.offsets[v + 1] = s.neighbours.size();
  }
  return s;
}

std::uint64_t triangles(const Csr& g) {
  const std::size_t n = g.offsets.size() - 1;
  const auto degree = [&](Vertex v) { return g.offsets[v + 1] - g.offsets[v]; };
  // Highest degree first: a hub is then rarely the highest vertex of a
  // triangle, so its long list is rarely walked.
  std::vector<Vertex> order(n);
  std::iota(order.begin(), order.end(), Vertex{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](Vertex a, Vertex b) { return degree(a) > degree(b); });
  std::vector<Vertex> label(n);
  for (Vertex i = 0; i < n; ++i) label[order[i]] = i;
  Csr r;
  r.offsets.assign(n + 1, 0);
  r.neighbours.resize(g.neighbours.size());
  for (Vertex i = 0; i < n; ++i) r.offsets[i + 1] = r.offsets[i] + degree(order[i]);
  for (Vertex i = 0; i < n; ++i) {
    const Vertex v = order[i];
    auto at = r.neighbours.begin() + static_cast<std::ptrdiff_t>(r.offsets[i]);
    for (std::uint64_t j = g.offsets[v]; j < g.offsets[v + 1]; ++j) *at++ = label[g.neighbours[j]];
    std::sort(r.neighbours.begin() + static_cast<std::ptrdiff_t>(r.offsets[i]), at);
  }
  std::uint64_t total = 0;
  for (Vertex u = 0; u < n; ++u) {
    const Vertex* const u_begin = r.neighbours.data() + r.offsets[u];
    const Vertex* const u_end = r.neighbours.data() + r.offsets[u + 1];
    for (const Vertex* pv = u_begin; pv != u_end && *pv < u; ++pv) {
      const Vertex v = *pv;
      const Vertex* it = u_begin;
      for (std::uint64_t k = r.offsets[v]; k < r.offsets[v + 1]; ++k) {
        const Vertex w = r.neighbours[k];
        if (w >= v) break;
        while (*it < w) ++it;  // stops at v at the latest, which is in u's list
        total += *it == w;
      }
    }
  }
  return total;
}

void report(const std::string& name, int repeat, const std::function<double()>& kernel) {
  std::vector<double> seconds;
  double figure = 0;
  for (int i = 0; i < repeat; ++i) {
    const auto start = std::chrono::steady_clock::now();
    figure = kernel();
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::string times;
  for (double s : seconds) times += (times.empty() ? "" : ", ") + std::to_string(s);
  std::sort(seconds.begin(), seconds.end());
  std::printf("{\"name\": \"%s\", \"median_seconds\": %.4f, \"seconds\": [%s], \"figure\": %.6g}\n",
              name.c_str(), seconds[seconds.size() / 2], times.c_str(), figure);
}

}  // namespace

int main(int argc, char** argv) try {
  CLI::App app{"Guanxi kernel floor: minimal PageRank, WCC and triangle kernels on a plain CSR"};
  std::string which = "L";
  int scale = 20;
  int repeat = 5;
  app.add_option("--graph", which, "L (R-MAT) or M (clustered)");
  app.add_option("--scale", scale, "R-MAT scale of L");
  app.add_option("--repeat", repeat, "runs of each kernel (the median is reported)")
      ->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);
  auto graph = guanxi::bench::workload_graph(which, scale);
  if (!graph) {
    std::fprintf(stderr, "guanxi-kernel-floor: --graph must be L or M\n");
    return 2;
  }
  const Csr out = build(graph->nodes, graph->relationships, true);
  const Csr in = build(graph->nodes, graph->relationships, false);
  std::vector<std::uint32_t> out_degree(graph->nodes);
  for (std::uint64_t v = 0; v < graph->nodes; ++v)
    out_degree[v] = static_cast<std::uint32_t>(out.offsets[v + 1] - out.offsets[v]);
  graph.reset();
  const Csr simple = simple_undirected(out, in);
  report("pagerank20", repeat, [&] { return pagerank(in, out_degree); });
  report("wcc", repeat, [&] { return static_cast<double>(wcc(out)); });
  report("triangles", repeat, [&] { return static_cast<double>(triangles(simple)); });
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "guanxi-kernel-floor: %s\n", e.what());
  return 1;
}
