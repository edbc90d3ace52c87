// Dijkstra's weighted shortest paths from one source, to one target or to all
// vertices, with path reconstruction.
//
// Semantics: relationships are followed along the out-lists; with `undirected` also
// against their direction (out-list, then in-list; an undirected projection
// already lists each relationship both ways). The length of a relationship is its weight when
// the graph is weighted and `weighted` is set, else 1. Of parallel relationships the
// lightest counts; self-loops never shorten a path. Weights must be finite and
// non-negative (checked up front over every relationship). Relationships between equal
// distances are broken deterministically: vertices settle in order of
// (distance, local id) and a parent only changes on a strictly shorter
// distance. With a target the search stops once the target is settled.
#pragma once

#include <limits>
#include <optional>
#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

struct DijkstraConfig {
  Vertex source = 0;             // sourceNode (local id)
  std::optional<Vertex> target;  // targetNode: stop once settled
  bool undirected = false;       // also walk relationships against their direction
  bool weighted = true;          // use the graph's weights when it has them
};

struct DijkstraResult {
  // Shortest distance from the source; +infinity if unreachable (or not
  // settled before the target was).
  std::vector<double> distances;
  std::vector<Vertex>
      parents;               // shortest-path tree; kNoVertex (bfs.h) for the source and unreached
  std::vector<Vertex> path;  // source .. target; empty without a target or if unreachable
};

// Throws ConfigError naming "sourceNode" / "targetNode" for a vertex not in
// the graph and "relationshipWeightProperty" for a negative or non-finite
// weight (naming the relationship); Cancelled when `cancel` fires.
DijkstraResult dijkstra(const CsrGraph& graph, const DijkstraConfig& config,
                        Cancellation cancel = {});

}  // namespace guanxi::algorithms
