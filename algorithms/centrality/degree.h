// Degree centrality: how many relationships a vertex has (or their total weight).
//
// Semantics (as Neo4j GDS gds.degree on a projection):
//  - orientation kOut counts out(v), kIn counts in(v), kBoth counts both
//    lists. On an undirected graph out(v) and in(v) are the same relationships, so every
//    orientation counts each relationship once (kBoth does not double it).
//  - Parallel relationships each count. A self-loop counts once per list it is in: on a
//    directed graph once for kOut, once for kIn, twice for kBoth; on an
//    undirected graph once (networkx would count it twice).
//  - weighted (and the graph carries weights): the score is the sum of the
//    weights instead of the count. Weights are summed as they are (negative
//    weights subtract).
#pragma once

#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

enum class DegreeOrientation { kOut, kIn, kBoth };

struct DegreeConfig {
  DegreeOrientation orientation =
      DegreeOrientation::kOut;  // GDS "orientation": NATURAL/REVERSE/UNDIRECTED
  bool weighted = true;         // use the graph's weights when it has them

  // Nothing can be out of range today; present so every algorithm validates alike.
  void validate() const {}
};

struct DegreeResult {
  std::vector<double> scores;  // indexed by local vertex
};

// Degree of every vertex of `graph`. Polls `cancel` every few thousand vertices.
DegreeResult degree(const CsrGraph& graph, const DegreeConfig& config = {},
                    Cancellation cancel = {});

}  // namespace guanxi::algorithms
