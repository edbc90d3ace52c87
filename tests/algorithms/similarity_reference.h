// Test helpers of the similarity and link-prediction tests: the classic graphs
// (tests/data/algorithms/<name>.edges), the Facebook ego graph, and the pair
// references make_similarity_reference.py wrote ("u v value" lines).
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "algorithms/csr_graph.h"
#include "tests/support/test_data.h"

namespace guanxi::algorithms::similarity_testing {

inline std::istringstream open(const std::string& path) {
  return std::istringstream(std::string(storage::FileContents(path).data()));
}

// An undirected graph from "u v [w]" lines; "# n=N" gives the vertex count,
// else it is one past the largest id. Weights are ignored.
inline CsrGraph load_undirected(const std::string& path) {
  std::istringstream in = open(path);
  std::vector<std::pair<Vertex, Vertex>> relationships;
  Vertex n = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("# n=", 0) == 0) {
      n = static_cast<Vertex>(std::stoul(line.substr(4)));
      continue;
    }
    std::istringstream s(line);
    Vertex u, v;
    if (!(s >> u >> v)) continue;
    relationships.push_back({u, v});
    n = std::max({n, u + 1, v + 1});
  }
  CsrBuilder b(n, true);
  for (auto [u, v] : relationships) b.add(u, v);
  return b.build();
}

inline CsrGraph classic(const std::string& name) {
  return load_undirected(std::string(GUANXI_TEST_DATA) + "/algorithms/" + name + ".edges");
}
inline CsrGraph facebook() {
  return load_undirected(
      guanxi::test_support::test_data_path("snap-ego-facebook/facebook_combined.txt.zst").string());
}

struct PairValue {
  Vertex u = 0, v = 0;
  double value = 0;
};

inline std::vector<PairValue> reference(const std::string& graph, const std::string& measure) {
  std::istringstream in =
      open(std::string(GUANXI_TEST_DATA) + "/algorithms/" + graph + "." + measure);
  std::vector<PairValue> rows;
  PairValue r;
  while (in >> r.u >> r.v >> r.value) rows.push_back(r);
  if (rows.empty()) throw std::runtime_error(graph + "." + measure + ": no rows");
  return rows;
}

// |a - b| <= 1e-9 relative (absolute below 1).
inline bool close(double a, double b) {
  return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
}

}  // namespace guanxi::algorithms::similarity_testing
