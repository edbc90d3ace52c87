// Test-only readers for the centrality tests: the classic graphs under
// tests/data/algorithms ("# n=<count>" then "u v [weight]" lines), the SNAP
// Facebook graph in the shared data, the networkx reference files written by
// make_centrality_reference.py ("vertex value" lines), a comparison helper,
// and seeded random graphs for the property tests.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "algorithms/csr_graph.h"
#include "tests/support/test_data.h"

namespace guanxi::algorithms::centrality_test {

inline std::string data_path(const std::string& file) {
  return std::string(GUANXI_TEST_DATA) + "/algorithms/" + file;
}

inline std::ifstream open(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  return in;
}

// tests/data/algorithms/<name>.edges; weighted when lines carry a third column.
inline CsrGraph load_relationships(const std::string& name, bool directed = false) {
  const std::string path = data_path(name + ".edges");
  std::ifstream in = open(path);
  std::string line;
  std::getline(in, line);
  if (line.rfind("# n=", 0) != 0) throw std::runtime_error(path + ":1: expected '# n=<count>'");
  CsrBuilder builder(static_cast<Vertex>(std::stoul(line.substr(4))), !directed);
  std::size_t no = 1;
  while (std::getline(in, line)) {
    ++no;
    std::istringstream fields(line);
    Vertex u = 0, v = 0;
    if (!(fields >> u >> v))
      throw std::runtime_error(path + ":" + std::to_string(no) + ": expected 'u v [weight]'");
    double w = 0;
    if (fields >> w) {
      builder.add(u, v, w);
    } else {
      builder.add(u, v);
    }
  }
  return builder.build();
}

// The SNAP Facebook ego graph: 4039 vertices, 88234 undirected relationships.
inline CsrGraph load_facebook() {
  std::istringstream in(
      guanxi::test_support::read_test_data("snap-ego-facebook/facebook_combined.txt.zst"));
  CsrBuilder builder(4039, true);
  Vertex u = 0, v = 0;
  while (in >> u >> v) builder.add(u, v);
  return builder.build();
}

// tests/data/algorithms/<graph>.<measure>, indexed by vertex; every vertex
// 0..n-1 must be listed.
inline std::vector<double> load_reference(const std::string& graph, const std::string& measure,
                                          Vertex n) {
  const std::string path = data_path(graph + "." + measure);
  std::ifstream in = open(path);
  std::vector<double> values(n, std::nan(""));
  Vertex v = 0;
  std::string value;
  while (in >> v >> value) {
    if (v >= n) throw std::runtime_error(path + ": vertex " + std::to_string(v) + " out of range");
    values[v] = std::stod(value);
  }
  for (Vertex i = 0; i < n; ++i) {
    if (std::isnan(values[i]))
      throw std::runtime_error(path + ": no value for vertex " + std::to_string(i));
  }
  return values;
}

// Every value within `relative` of the reference (and 1e-14 absolute, for zeros).
inline void expect_all_near(const std::vector<double>& actual, const std::vector<double>& expected,
                            double relative = 1e-9, const std::string& what = "") {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  int reported = 0;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const double tolerance = relative * std::abs(expected[i]) + 1e-14;
    if (std::abs(actual[i] - expected[i]) > tolerance && reported++ < 5) {
      ADD_FAILURE() << what << " vertex " << i << ": got " << actual[i] << ", expected "
                    << expected[i];
    }
  }
  EXPECT_EQ(reported, 0) << what << ": values differ from the reference";
}

// A seeded random multigraph with `arcs` relationships drawn uniformly (self-loops and
// parallel relationships included unless `simple`), optionally with weights in [0.5, 2).
inline CsrGraph random_graph(Vertex n, std::size_t arcs, bool undirected, std::uint64_t seed,
                             bool weighted = false, bool simple = false) {
  std::mt19937_64 random(seed);
  CsrBuilder builder(n, undirected);
  std::set<std::pair<Vertex, Vertex>> seen;
  for (std::size_t i = 0; i < arcs; ++i) {
    Vertex u = static_cast<Vertex>(random() % n), v = static_cast<Vertex>(random() % n);
    if (simple) {
      if (u == v) continue;
      if (!seen.insert(undirected ? std::pair<Vertex, Vertex>{std::min(u, v), std::max(u, v)}
                                  : std::pair{u, v})
               .second) {
        continue;
      }
    }
    if (weighted) {
      builder.add(u, v, 0.5 + static_cast<double>(random() % 1500) / 1000.0);
    } else {
      builder.add(u, v);
    }
  }
  return builder.build();
}

}  // namespace guanxi::algorithms::centrality_test
