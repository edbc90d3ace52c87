// PruningExpand: (a)-[r1]-(b)-[r2]-(c) for a consumer that only wants the
// distinct c of each a (see optimizer.cc). Each distinct b is expanded once,
// however many relationships lead to it, and each c is yielded once per input row;
// b, r1 and r2 stay null, since nothing above reads them.
//
// Relationship uniqueness stays exact: r2 may not be r1. That can only
// happen when the relationship b-c is the one that led from a to b, so for each b we
// keep how many first-hop relationships reached it and, when exactly one did, which:
// the second hop skips that relationship only when it was b's sole way in.
#include <algorithm>

#include "query/executor/execution_context.h"
#include "query/operators/neighbour_reader.h"
#include "query/operators/operator_factories.h"

namespace guanxi::query {

namespace {

class PruningExpand final : public Operator {
 public:
  using Operator::Operator;
  void open(ExecutionContext& ctx) override {
    Operator::open(ctx);
    first_.open(ctx, plan_.hops[0].types, plan_.hops[0].direction);
    second_.open(ctx, plan_.hops[1].types, plan_.hops[1].direction);
    if (!seen_) seen_ = ctx.lend_node_marks();
  }
  void reset() override {
    Operator::reset();
    found_.clear();
    pos_ = 0;
  }

 protected:
  bool next(Row& row) override {
    for (;;) {
      if (pos_ < found_.size()) {
        row[plan_.to_slot] = NodeRef{found_[pos_++]};
        return true;
      }
      if (!input_->pull(row)) return false;
      found_.clear();
      pos_ = 0;
      const Value& from = row[plan_.from_slot];
      if (from.kind() == ValueKind::kNode) expand(row, from.as_node().id);
    }
  }

 private:
  // A middle node, how many first-hop relationships reached it, and the relationship when one did.
  struct Middle {
    storage::NodeId node = 0;
    storage::RelationshipId sole_rel = 0;
    std::uint64_t relationships = 0;
  };

  void expand(const Row& row, storage::NodeId start) {
    const ExpandHop& one = plan_.hops[0];
    const ExpandHop& two = plan_.hops[1];
    hops_.clear();
    first_.visit(start, [&](const Hop& hop) {
      if (one.unique_with.empty() || !relationship_used(row, one.unique_with, hop.rel.id)) {
        hops_.push_back(hop);
      }
    });
    std::sort(hops_.begin(), hops_.end(),
              [](const Hop& x, const Hop& y) { return x.other < y.other; });
    middles_.clear();
    for (const Hop& hop : hops_) {
      if (middles_.empty() || middles_.back().node != hop.other) {
        middles_.push_back(Middle{hop.other, hop.rel.id, 0});
      }
      ++middles_.back().relationships;
    }
    seen_->next_round();
    for (const Middle& middle : middles_) {
      if ((++expanded_ & 255) == 0) ctx_->check_cancelled();
      const bool check_first = two.differs_from_previous && middle.relationships == 1;
      second_.visit(middle.node, [&](const Hop& hop) {
        if (check_first && hop.rel.id == middle.sole_rel) return;
        if (!two.unique_with.empty() && relationship_used(row, two.unique_with, hop.rel.id)) return;
        if (seen_->mark(hop.other)) found_.push_back(hop.other);
      });
    }
  }

  NeighbourReader first_, second_;
  std::vector<Hop> hops_;
  std::vector<Middle> middles_;
  NodeMarksPool::Lease seen_;
  std::vector<storage::NodeId> found_;  // the c of the current input row
  size_t pos_ = 0;
  std::uint64_t expanded_ = 0;
};

}  // namespace

OperatorPtr make_pruning_expand(const LogicalOperator& plan) {
  return std::make_unique<PruningExpand>(plan);
}

}  // namespace guanxi::query
