// The two graphs of the algorithm workloads: "L", the R-MAT graph of 2^scale
// nodes, and "M", the clustered graph of ClusteredOptions' defaults.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bench/generator/clustered_graph.h"
#include "bench/generator/rmat.h"

namespace guanxi::bench {

struct WorkloadGraph {
  std::uint64_t nodes = 0;
  std::vector<RmatRelationship> relationships;
};

// The graph named `which` ("L" or "M"); nullopt for another name.
inline std::optional<WorkloadGraph> workload_graph(const std::string& which, int scale) {
  WorkloadGraph graph;
  if (which == "L") {
    RmatOptions options;
    options.scale = scale;
    graph.nodes = options.node_count();
    graph.relationships = generate_rmat(options);
  } else if (which == "M") {
    ClusteredOptions options;
    graph.nodes = options.nodes;
    graph.relationships = generate_clustered(options);
  } else {
    return std::nullopt;
  }
  return graph;
}

}  // namespace guanxi::bench
