// What the expanding operators share: resolving relationship types, reading
// a node's neighbours in a direction, and relationship uniqueness.
#pragma once

#include <vector>

#include "query/executor/execution_context.h"
#include "query/planner/logical_plan.h"
#include "storage/adjacency.h"

namespace guanxi::query {

// One neighbour of a node: the relationship and the node at its other end.
struct Hop {
  RelRef rel;
  storage::NodeId other = 0;
};

// Reads neighbour lists through reusable adjacency cursors.
class NeighbourReader {
 public:
  // Resolves `types` in ctx; a type that never existed matches nothing.
  void open(ExecutionContext& ctx, const std::vector<std::string>& types,
            ast::RelDirection direction);
  // Replaces `out` with the neighbours of `node` (kBoth: outgoing then
  // incoming, a self-loop once).
  void read(storage::NodeId node, std::vector<Hop>& out);

 private:
  std::unique_ptr<storage::AdjacencyCursor> out_, in_;
  std::vector<storage::TypeId> types_;
  bool nothing_ = false;  // only unknown types were asked for
  ast::RelDirection direction_ = ast::RelDirection::kRight;
};

// Whether `rel` is one of the relationships held in `slots` of `row`
// (single relationships or lists of them).
bool relationship_used(const Row& row, const std::vector<int>& slots, storage::EdgeId rel);

}  // namespace guanxi::query
