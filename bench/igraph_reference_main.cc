// guanxi-igraph-reference: the same algorithms on the same generated graphs
// in igraph (Debian's libigraph-dev), for the comparisons of the algorithm
// figures. Bench-only: Guanxi itself never links igraph.
//
//   guanxi-igraph-reference --graph L --algo pagerank --repeat 3
//
// Prints one JSON line: every wall time of the algorithm call alone (building
// the igraph graph is not timed), the median, a result figure (modularity,
// components, triangles, degeneracy) and the peak resident set.
#include <igraph.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "bench/generator/seeded_random.h"
#include "bench/workload_graphs.h"

namespace {

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void check(igraph_error_t rc, const char* what) {
  if (rc != IGRAPH_SUCCESS) {
    std::fprintf(stderr, "igraph: %s failed (%d)\n", what, static_cast<int>(rc));
    std::exit(1);
  }
}

// Builds the L or M graph, directed or not, optionally without parallel
// relationships and self-loops (as Guanxi's triangle and k-core algorithms see it).
void build(igraph_t* graph, const std::string& which, int scale, bool directed, bool simple) {
  auto workload = guanxi::bench::workload_graph(which, scale);
  if (!workload) {
    std::fprintf(stderr, "guanxi-igraph-reference: --graph must be L or M\n");
    std::exit(2);
  }
  const std::uint64_t nodes = workload->nodes;
  const std::vector<guanxi::bench::RmatRelationship>& relationships = workload->relationships;
  igraph_vector_int_t endpoints;
  check(igraph_vector_int_init(&endpoints, static_cast<igraph_integer_t>(2 * relationships.size())),
        "vector");
  for (std::size_t i = 0; i < relationships.size(); ++i) {
    VECTOR(endpoints)[2 * i] = static_cast<igraph_integer_t>(relationships[i].src);
    VECTOR(endpoints)[2 * i + 1] = static_cast<igraph_integer_t>(relationships[i].dst);
  }
  check(igraph_create(graph, &endpoints, static_cast<igraph_integer_t>(nodes), directed), "create");
  igraph_vector_int_destroy(&endpoints);
  if (simple) check(igraph_simplify(graph, true, true, nullptr), "simplify");
}

}  // namespace

int main(int argc, char** argv) try {
  CLI::App app{"igraph reference timings on Guanxi's benchmark graphs"};
  std::string which = "L";
  std::string algo = "pagerank";
  int scale = 20;
  int repeat = 3;
  int sources = 1000;
  app.add_option("--graph", which, "L or M")->check(CLI::IsMember({"L", "M"}));
  app.add_option("--algo", algo, "pagerank, wcc, louvain, betweenness, triangles, kcore")
      ->check(CLI::IsMember({"pagerank", "wcc", "louvain", "betweenness", "triangles", "kcore"}));
  app.add_option("--scale", scale, "R-MAT scale of L");
  app.add_option("--repeat", repeat, "runs (the median is reported)");
  app.add_option("--sources", sources, "sampled sources for betweenness");
  CLI11_PARSE(app, argc, argv);

  const bool directed = algo == "pagerank" || algo == "wcc";
  const bool simple = algo == "triangles" || algo == "kcore";
  igraph_t graph;
  build(&graph, which, scale, directed, simple);
  const igraph_integer_t n = igraph_vcount(&graph);

  double figure = 0;
  std::function<void()> body;
  igraph_vector_t scores;
  igraph_vector_int_t membership;
  igraph_vector_init(&scores, 0);
  igraph_vector_int_init(&membership, 0);
  if (algo == "pagerank") {
    body = [&] {
      igraph_real_t value;
      check(igraph_pagerank(&graph, IGRAPH_PAGERANK_ALGO_PRPACK, &scores, &value, igraph_vss_all(),
                            true, 0.85, nullptr, nullptr),
            "pagerank");
      figure = VECTOR(scores)[0];
    };
  } else if (algo == "wcc") {
    body = [&] {
      igraph_integer_t count = 0;
      check(igraph_connected_components(&graph, &membership, nullptr, &count, IGRAPH_WEAK),
            "components");
      figure = static_cast<double>(count);
    };
  } else if (algo == "louvain") {
    body = [&] {
      igraph_vector_t modularity;
      igraph_vector_init(&modularity, 0);
      check(igraph_community_multilevel(&graph, nullptr, 1.0, &membership, nullptr, &modularity),
            "multilevel");
      figure = igraph_vector_max(&modularity);
      igraph_vector_destroy(&modularity);
    };
  } else if (algo == "betweenness") {
    body = [&] {
      guanxi::bench::SeededRandom random(42);
      std::vector<igraph_integer_t> all(static_cast<std::size_t>(n));
      for (igraph_integer_t i = 0; i < n; ++i) all[static_cast<std::size_t>(i)] = i;
      for (int i = 0; i < sources; ++i)
        std::swap(all[static_cast<std::size_t>(i)],
                  all[i + random.below(static_cast<std::uint64_t>(n - i))]);
      igraph_vector_int_t chosen;
      igraph_vector_int_init(&chosen, sources);
      for (int i = 0; i < sources; ++i) VECTOR(chosen)[i] = all[static_cast<std::size_t>(i)];
      check(igraph_betweenness_subset(&graph, &scores, igraph_vss_all(), false,
                                      igraph_vss_vector(&chosen), igraph_vss_all(), nullptr),
            "betweenness_subset");
      figure = igraph_vector_max(&scores);
      igraph_vector_int_destroy(&chosen);
    };
  } else if (algo == "triangles") {
    body = [&] {
      check(igraph_adjacent_triangles(&graph, &scores, igraph_vss_all()), "triangles");
      figure = igraph_vector_sum(&scores) / 3;
    };
  } else {
    body = [&] {
      check(igraph_coreness(&graph, &membership, IGRAPH_ALL), "coreness");
      figure = static_cast<double>(igraph_vector_int_max(&membership));
    };
  }

  std::vector<double> seconds;
  for (int i = 0; i < repeat; ++i) {
    auto start = std::chrono::steady_clock::now();
    body();
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::vector<double> sorted = seconds;
  std::sort(sorted.begin(), sorted.end());
  std::string times;
  for (double s : seconds) times += (times.empty() ? "" : ", ") + std::to_string(s);
  std::printf(
      "{\"name\": \"igraph %s %s\", \"median_seconds\": %.3f, \"seconds\": [%s], \"figure\": %.6f, "
      "\"peak_rss_mb\": %.0f}\n",
      algo.c_str(), which.c_str(), sorted[sorted.size() / 2], times.c_str(), figure, peak_rss_mb());
  igraph_vector_destroy(&scores);
  igraph_vector_int_destroy(&membership);
  igraph_destroy(&graph);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "guanxi-igraph-reference: %s\n", e.what());
  return 1;
}
