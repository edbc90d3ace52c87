// NeighbourReader: a node's neighbours in a direction, over a set of
// relationship types; and what the expanding operators share with it
// (ExpandingOperator, relationship uniqueness).
#pragma once

#include <vector>

#include "query/executor/execution_context.h"
#include "query/operators/operator.h"
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
  // Calls visit(const Hop&) for each neighbour of `node`, in read()'s order,
  // straight from the adjacency map.
  template <typename Visit>
  void visit(storage::NodeId node, Visit&& visit);

 private:
  // Resolves the type names again; in a write transaction a write earlier
  // in the statement may have created one that did not exist at open.
  void resolve_types();

  ExecutionContext* ctx_ = nullptr;
  const std::vector<std::string>* type_names_ = nullptr;
  std::unique_ptr<storage::AdjacencyCursor> out_, in_;
  std::vector<storage::TypeId> types_;
  bool missing_ = false;  // some of the types asked for do not exist (yet)
  bool nothing_ = false;  // only unknown types were asked for
  // Subjects the session may not see (docs/privacy.md): every relationship
  // touching one is skipped. Null when nobody is hidden.
  const Roaring64Map* hidden_ = nullptr;
  ast::RelDirection direction_ = ast::RelDirection::kRight;
};

template <typename Visit>
void NeighbourReader::visit(storage::NodeId node, Visit&& visit) {
  if (missing_ && ctx_->writable()) resolve_types();
  if (nothing_) return;
  if (out_) {
    out_->for_each_batch(node, types_,
                         [&](storage::TypeId type, std::span<const storage::AdjacencyEntry> batch) {
                           for (const auto& e : batch) {
                             if (hidden_ && hidden_->contains(e.other())) continue;
                             visit(Hop{RelRef{e.relationship(), node, e.other(), type,
                                              storage::record_hint(e.has_record())},
                                       e.other()});
                           }
                         });
  }
  if (in_) {
    const bool both = out_ != nullptr;
    in_->for_each_batch(node, types_,
                        [&](storage::TypeId type, std::span<const storage::AdjacencyEntry> batch) {
                          for (const auto& e : batch) {
                            if (both && e.other() == node)
                              continue;  // a self-loop, already seen outgoing
                            if (hidden_ && hidden_->contains(e.other())) continue;
                            visit(Hop{RelRef{e.relationship(), e.other(), node, type,
                                             storage::record_hint(e.has_record())},
                                      e.other()});
                          }
                        });
  }
}

// An operator that reads the neighbours over the plan's types, in its
// direction, through `neighbours_`.
class ExpandingOperator : public Operator {
 public:
  using Operator::Operator;
  void open(ExecutionContext& ctx) override {
    Operator::open(ctx);
    neighbours_.open(ctx, plan_.types, plan_.direction);
  }

 protected:
  NeighbourReader neighbours_;
};

// Whether `rel` is one of the relationships held in `slots` of `row`
// (single relationships or lists of them).
bool relationship_used(const Row& row, const std::vector<int>& slots, storage::RelationshipId rel);

}  // namespace guanxi::query
