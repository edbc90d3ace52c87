// Test-only readers for the community algorithm tests: the classic graphs
// exported under tests/data/algorithms, the SNAP graphs in tests/data,
// the networkx reference files written by make_community_reference.py, and
// seeded random graphs for the property tests.
#pragma once

#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "algorithms/csr_graph.h"
#include "tests/support/test_data.h"

namespace guanxi::algorithms::community_test {

inline std::string data_path(const std::string& file) {
  return std::string(GUANXI_TEST_DATA) + "/algorithms/" + file;
}
inline std::string real_data_path(const std::string& file) {
  return guanxi::test_support::test_data_path(file).string();
}

// "<name>.edges": "# n=<count>" then "u v [weight]" lines. Weights are kept
// only when `weighted`.
inline CsrGraph classic_graph(const std::string& name, bool weighted = false) {
  const std::string path = data_path(name + ".edges");
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::string line;
  std::getline(in, line);
  const Vertex n = static_cast<Vertex>(std::stoul(line.substr(line.find('=') + 1)));
  CsrBuilder builder(n, true);
  while (std::getline(in, line)) {
    std::istringstream s(line);
    Vertex u = 0, v = 0;
    double w = 1;
    if (!(s >> u >> v)) continue;
    if (weighted && (s >> w)) {
      builder.add(u, v, w);
    } else {
      builder.add(u, v);
    }
  }
  return builder.build();
}

// A SNAP relationship list "u v" (ids below n; '#' lines skipped).
inline CsrGraph snap_graph(const std::string& file, Vertex n, bool directed) {
  std::istringstream in(guanxi::test_support::read_test_data(file));
  CsrBuilder builder(n, !directed);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream s(line);
    Vertex u = 0, v = 0;
    if (s >> u >> v) builder.add(u, v);
  }
  return builder.build();
}

inline CsrGraph facebook() {
  return snap_graph("snap-ego-facebook/facebook_combined.txt.zst", 4039, false);
}
inline CsrGraph email_eu_core() {
  return snap_graph("snap-email-Eu-core/email-Eu-core.txt.zst", 1005, true);
}

// "vertex value" lines (vertices 0, 1, ... in order) of the file at `path`.
inline std::vector<double> values_at(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::vector<double> values;
  std::size_t v = 0;
  double x = 0;
  while (in >> v >> x) {
    if (v != values.size())
      throw std::runtime_error(path + ": vertex " + std::to_string(v) + " out of order");
    values.push_back(x);
  }
  return values;
}

// "vertex value" lines of tests/data/algorithms/<file>, indexed by vertex.
inline std::vector<double> reference_values(const std::string& file) {
  return values_at(data_path(file));
}

// networkx's Louvain modularity ("modularity <value>") of <name>.louvain.
inline double reference_modularity(const std::string& name) {
  const std::string path = data_path(name + ".louvain");
  std::ifstream in(path);
  std::string key;
  double q = 0;
  if (!(in >> key >> q) || key != "modularity")
    throw std::runtime_error(path + ": expected 'modularity <value>'");
  return q;
}

// A seeded G(n, m) multigraph (self-loops and parallel arcs possible).
inline CsrGraph random_graph(Vertex n, std::size_t m, bool undirected, std::uint64_t seed,
                             bool weighted = false) {
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<Vertex> pick(0, n - 1);
  std::uniform_real_distribution<double> weight(0.5, 3.0);
  CsrBuilder builder(n, undirected);
  for (std::size_t i = 0; i < m; ++i) {
    const Vertex u = pick(random), v = pick(random);
    if (weighted) {
      builder.add(u, v, weight(random));
    } else {
      builder.add(u, v);
    }
  }
  return builder.build();
}

// A seeded planted partition: `groups` groups of `size` vertices, each vertex
// with `inner` random relationships inside its group and `outer` anywhere.
inline CsrGraph planted_partition(Vertex groups, Vertex size, int inner, int outer,
                                  std::uint64_t seed) {
  std::mt19937_64 random(seed);
  const Vertex n = groups * size;
  std::uniform_int_distribution<Vertex> any(0, n - 1), within(0, size - 1);
  CsrBuilder builder(n, true);
  for (Vertex v = 0; v < n; ++v) {
    for (int i = 0; i < inner; ++i) builder.add(v, v / size * size + within(random));
    for (int i = 0; i < outer; ++i) builder.add(v, any(random));
  }
  return builder.build();
}

}  // namespace guanxi::algorithms::community_test
