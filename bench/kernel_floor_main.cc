// guanxi-kernel-floor: the floor of the algorithm figures. The L or M graph
// as plain in-memory CSR arrays and two minimal serial kernels on them, no
// database, projection, configuration or result rows around them: 20
// PageRank power iterations (pull over the in-lists, dangling mass spread
// evenly, as algo.pagerank computes it) and union-find WCC (path halving,
// union by index). An algorithm procedure's time over this one's is what
// everything around the kernel costs.
//
//   guanxi-kernel-floor --graph L --scale 20 --repeat 5
//
// Prints one JSON line per kernel: every wall time (building the CSR is not
// timed), the median and a result figure (the sum of the ranks, the number
// of components), so the procedure's answer can be checked against it.
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
  CLI::App app{"Guanxi kernel floor: minimal PageRank and WCC kernels on a plain CSR"};
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
  report("pagerank20", repeat, [&] { return pagerank(in, out_degree); });
  report("wcc", repeat, [&] { return static_cast<double>(wcc(out)); });
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "guanxi-kernel-floor: %s\n", e.what());
  return 1;
}
