// The inner part of the projection (algorithms/projection.h): reading the
// neighbour lists of a range of projected nodes from one adjacency table into
// CSR pieces, and joining pieces into whole CSR arrays.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"
#include "algorithms/projection.h"
#include "storage/graph.h"

namespace guanxi::algorithms::projection_detail {

inline constexpr Vertex kAbsent = ~Vertex{0};

// The projected nodes: local ids in ascending node id order.
struct NodeSet {
  Vertex count = 0;
  std::vector<std::uint64_t> node_ids;  // local -> node; empty = identity
  std::vector<Vertex> local_of;         // node -> local or kAbsent; empty = identity

  Vertex local(storage::NodeId id) const {
    if (local_of.empty()) return id < count ? static_cast<Vertex>(id) : kAbsent;
    return id < local_of.size() ? local_of[id] : kAbsent;
  }
  storage::NodeId node(Vertex v) const { return node_ids.empty() ? v : node_ids[v]; }
};

// What a scan keeps of each relationship, and how it weighs it.
struct RelationshipFilter {
  std::vector<storage::TypeId> types;  // sorted; empty = all types
  bool weighted = false;
  std::optional<storage::PropertyKeyId> weight_key;  // nullopt: no relationship has it
  std::string weight_name;
  double default_weight = 1.0;
  bool missing_weight_is_error = false;
  std::function<RelationshipWeightReader()> weight_readers;  // empty: read the records
};

// CSR arrays: offsets (count + 1), neighbours, weights (empty if unweighted).
struct Lists {
  std::vector<std::uint64_t> offsets;
  std::vector<Vertex> ends;
  std::vector<double> weights;
};

// The lists of local vertices [lo, hi) as read from one table.
struct Piece {
  Vertex lo = 0, hi = 0;
  bool weighted = false;
  std::vector<std::uint64_t> degree;  // hi - lo entries
  std::vector<Vertex> ends;
  std::vector<double> weights;
  std::vector<Vertex> mixed;  // vertices whose list joins several (node, type) keys: not yet sorted
};

// Reads the neighbour lists of local vertices [lo, hi) from the `out` or `in`
// table in `txn`; `expected_arcs` bounds the arcs (a capacity hint). Polls
// `cancel` every few thousand vertices.
Piece scan_piece(storage::Graph& graph, const storage::Transaction& txn,
                 storage::Direction direction, const NodeSet& nodes,
                 const RelationshipFilter& filter, Vertex lo, Vertex hi,
                 std::uint64_t expected_arcs, Cancellation cancel);

// Joins pieces covering 0..count-1 in order and sorts the mixed lists by
// (neighbour, weight).
Lists join(std::vector<Piece> pieces, Vertex count);

// The undirected lists: per vertex the merge of out(v) and in(v), leaving out
// in(v)'s self-loops (a self-loop is one arc, as in CsrBuilder).
Lists merge_undirected(const Lists& out, const Lists& in);

// The CsrGraph of ready arrays (`in` empty when undirected).
CsrGraph assemble(bool undirected, Lists out, Lists in, std::vector<std::uint64_t> node_ids);

}  // namespace guanxi::algorithms::projection_detail
