// Link prediction: scores for pairs of vertices that are not (yet) tied, with
// networkx's semantics on undirected simple graphs.
//
// The graph is read as simple and undirected: N(v) is the set of distinct
// vertices tied to v in either direction, v itself left out (parallel relationships
// and self-loops count once / not at all). With CN = N(u) ∩ N(v):
//   commonNeighbors      |CN|                           (len(nx.common_neighbors))
//   adamicAdar           sum over w in CN of 1/ln|N(w)|  (nx.adamic_adar_index)
//   resourceAllocation   sum over w in CN of 1/|N(w)|    (nx.resource_allocation_index)
//   jaccard              |CN| / |N(u) ∪ N(v)|, 0 if the union is empty (nx.jaccard_coefficient)
// Sums run over CN in ascending local id, so scores are deterministic.
// Suggestions: for each vertex u, the topK vertices v != u not tied to u with
// a score > 0 (they share a neighbour), best first, ties broken by smaller v;
// ordered by node1, then score descending, then node2.
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

enum class LinkMeasure { kCommonNeighbors, kAdamicAdar, kResourceAllocation, kJaccard };

// "commonNeighbors", "adamicAdar", "resourceAllocation", "jaccard" (any case);
// anything else is a ConfigError naming "measure".
LinkMeasure parse_link_measure(const std::string& name);

struct LinkPredictionConfig {
  LinkMeasure measure = LinkMeasure::kAdamicAdar;  // measure
  int top_k = 10;                                  // topK (suggestions), at least 1
  int concurrency = 0;                             // threads; 0 = all cores

  // Throws ConfigError naming the first key out of range.
  void validate() const;
};

struct ScoredPair {
  Vertex node1 = 0;
  Vertex node2 = 0;
  double score = 0;
  friend bool operator==(const ScoredPair&, const ScoredPair&) = default;
};

// The score of each given pair (u, v), in order. A pair u == v scores as if v
// were another vertex with the same neighbours. Throws ConfigError naming
// "pairs" for a vertex not in the graph.
std::vector<double> link_scores(const CsrGraph& graph,
                                std::span<const std::pair<Vertex, Vertex>> pairs,
                                const LinkPredictionConfig& config = {}, Cancellation cancel = {});

// The top-k suggestions of every vertex (see above).
std::vector<ScoredPair> link_suggestions(const CsrGraph& graph,
                                         const LinkPredictionConfig& config = {},
                                         Cancellation cancel = {});

// The same suggestions for the `sources` only (duplicates count once), equal
// to link_suggestions' rows whose node1 is a source, in the same order. The
// work is that of the sources' two-hop neighbourhoods, not of the graph:
// "whom should customer 42 meet" answers in microseconds on a million
// customers once the graph is projected. Throws ConfigError naming
// "sourceNodes" for a vertex not in the graph.
std::vector<ScoredPair> link_suggestions_for(const CsrGraph& graph, std::span<const Vertex> sources,
                                             const LinkPredictionConfig& config = {},
                                             Cancellation cancel = {});

}  // namespace guanxi::algorithms
