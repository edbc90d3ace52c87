// Breadth-first search from one source: hop distances, BFS-tree parents, the
// visit order and, optionally, the path to one target.
//
// Semantics: relationships are followed along the out-lists (as Graphalytics BFS does on
// a directed graph); with `undirected` also against their direction (out-list,
// then in-list). On an undirected projection the out-lists already hold every
// relationship both ways. Neighbours are visited in list order (ascending local id), so
// parents and the visit order are deterministic: the parent of v is the first
// vertex of the previous level, in visit order, that has a relationship to v. Parallel
// relationships and self-loops change nothing. With a target the search stops as soon
// as the target is reached (distances of vertices not yet reached then stay
// kUnreachable); with maxDepth it stops expanding at that depth.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

// Distance of a vertex BFS did not reach (Graphalytics writes this value).
inline constexpr std::int64_t kUnreachable = std::numeric_limits<std::int64_t>::max();
// Parent of the source and of unreached vertices.
inline constexpr Vertex kNoVertex = std::numeric_limits<Vertex>::max();

struct BfsConfig {
  Vertex source = 0;             // sourceNode (local id)
  std::optional<Vertex> target;  // targetNode: stop once reached
  std::int64_t max_depth = -1;   // maxDepth: -1 = unlimited, else at least 0
  bool undirected = false;       // also walk relationships against their direction

  // Throws ConfigError for maxDepth < -1.
  void validate() const;
};

struct BfsResult {
  std::vector<std::int64_t> distances;  // hops from the source; kUnreachable if not reached
  std::vector<Vertex> parents;          // BFS-tree parent; kNoVertex for the source and unreached
  std::vector<Vertex> order;            // vertices in visit order, the source first
  std::vector<Vertex> path;  // source .. target; empty without a target or if unreachable
};

// Throws ConfigError naming "sourceNode" / "targetNode" for a vertex not in
// the graph, or a bad maxDepth; Cancelled when `cancel` fires (polled per level).
BfsResult bfs(const CsrGraph& graph, const BfsConfig& config, Cancellation cancel = {});

// The path source .. v read from BFS-tree parents (empty if v was not reached).
std::vector<Vertex> path_from_parents(const std::vector<Vertex>& parents, Vertex source, Vertex v);

}  // namespace guanxi::algorithms
