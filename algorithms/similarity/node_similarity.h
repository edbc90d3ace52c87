// Node similarity: Jaccard similarity of out-neighbour sets, the top k most
// similar other vertices per vertex (Neo4j GDS gds.nodeSimilarity).
//
// Semantics: N(v) is the set of distinct out-neighbours of v (parallel relationships
// count once; a self-loop puts v in its own set); on an undirected projection
// that is every neighbour. Only vertices with |N(v)| >= degreeCutoff take part.
// For u != v, J(u, v) = |N(u) ∩ N(v)| / |N(u) ∪ N(v)|. For each participating
// vertex u the result holds the pairs (u, v) with J(u, v) >= similarityCutoff
// and J > 0, the topK best by similarity, ties broken by smaller v. Both
// (u, v) and (v, u) appear when each is in the other's top k. Output is
// ordered by node1, then similarity descending, then node2, and does not depend
// on the thread count.
#pragma once

#include <span>
#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

struct NodeSimilarityConfig {
  int top_k = 10;                // topK, at least 1
  double similarity_cutoff = 0;  // similarityCutoff, in [0, 1]
  int degree_cutoff = 1;         // degreeCutoff, at least 1
  int concurrency = 0;           // threads; 0 = all cores

  // Throws ConfigError naming the first key out of range.
  void validate() const;
};

struct SimilarPair {
  Vertex node1 = 0;
  Vertex node2 = 0;
  double similarity = 0;
  friend bool operator==(const SimilarPair&, const SimilarPair&) = default;
};

struct NodeSimilarityResult {
  std::vector<SimilarPair> pairs;
  std::uint64_t compared_nodes = 0;  // vertices that passed degreeCutoff
};

// Throws ConfigError for a bad config; Cancelled when `cancel` fires.
NodeSimilarityResult node_similarity(const CsrGraph& graph, const NodeSimilarityConfig& config = {},
                                     Cancellation cancel = {});

// The same for the `sources` only (duplicates count once): node_similarity's
// pairs whose node1 is a source, in the same order, at the cost of the
// sources' two-hop neighbourhoods rather than of the graph. compared_nodes
// counts the sources that pass degreeCutoff. Throws ConfigError naming
// "sourceNodes" for a vertex not in the graph.
NodeSimilarityResult node_similarity_for(const CsrGraph& graph, std::span<const Vertex> sources,
                                         const NodeSimilarityConfig& config = {},
                                         Cancellation cancel = {});

}  // namespace guanxi::algorithms
