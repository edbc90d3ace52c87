// k-hop reach: how many distinct vertices lie within k hops of a source.
//
// Semantics: reach(s) = |{v != s : dist(s, v) <= k}| with hop distances along
// the out-lists (with `undirected` also along the in-lists), as networkx's
// len(single_source_shortest_path_length(G, s, cutoff=k)) - 1. The source
// itself never counts, parallel relationships and self-loops change nothing. `combined`
// is the reach of the source set as a whole: the vertices outside the set
// within k hops of any of its sources. Sources are processed in parallel
// (OpenMP); results do not depend on the thread count.
#pragma once

#include <cstdint>
#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"

namespace guanxi::algorithms {

struct KhopConfig {
  int k = 2;                         // k: hops, at least 0
  std::vector<Vertex> source_nodes;  // sourceNodes (local ids); empty = every vertex
  bool undirected = false;           // also walk relationships against their direction
  int concurrency = 0;               // threads; 0 = all cores

  // Throws ConfigError for k < 0 or concurrency < 0.
  void validate() const;
};

struct KhopResult {
  std::vector<Vertex> sources;        // the sources, in the order given (or 0..n-1)
  std::vector<std::uint64_t> counts;  // counts[i]: reach of sources[i]
  std::uint64_t combined = 0;         // reach of the source set as a whole
};

// Throws ConfigError for a bad config or a source not in the graph
// ("sourceNodes"); Cancelled when `cancel` fires (polled every few sources).
KhopResult khop_reach(const CsrGraph& graph, const KhopConfig& config, Cancellation cancel = {});

}  // namespace guanxi::algorithms
