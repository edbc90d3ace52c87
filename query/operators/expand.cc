// Expand: for each input row, the relationships of the node in from_slot
// (in a direction, of a set of types) and the nodes at their other ends.
// Expand(Into) checks that the other end is the node already in to_slot.
#include "query/executor/execution_context.h"
#include "query/operators/neighbour_reader.h"
#include "query/operators/operator_factories.h"

namespace guanxi::query {

namespace {

class Expand final : public ExpandingOperator {
 public:
  using ExpandingOperator::ExpandingOperator;
  void reset() override {
    Operator::reset();
    hops_.clear();
    pos_ = 0;
  }

 protected:
  bool next(Row& row) override {
    for (;;) {
      while (pos_ < hops_.size()) {
        const Hop& hop = hops_[pos_++];
        if (!plan_.unique_with.empty() && relationship_used(row, plan_.unique_with, hop.rel.id)) {
          continue;
        }
        if (plan_.rel_into) {
          const Value& bound = row[plan_.rel_slot];
          if (bound.kind() != ValueKind::kRelationship ||
              bound.as_relationship().id != hop.rel.id) {
            continue;
          }
        }
        if (plan_.into) {
          const Value& to = row[plan_.to_slot];
          if (to.kind() != ValueKind::kNode || to.as_node().id != hop.other) continue;
        } else {
          row[plan_.to_slot] = NodeRef{hop.other};
        }
        if (!plan_.rel_into) row[plan_.rel_slot] = hop.rel;
        return true;
      }
      if (!input_->pull(row)) return false;
      if ((++inputs_ & 255) == 0) ctx_->check_cancelled();
      const Value& from = row[plan_.from_slot];
      pos_ = 0;
      if (from.kind() != ValueKind::kNode) {
        hops_.clear();  // a null from OPTIONAL MATCH expands to nothing
        continue;
      }
      neighbours_.read(from.as_node().id, hops_);
    }
  }

 private:
  std::vector<Hop> hops_;
  size_t pos_ = 0;
  std::uint64_t inputs_ = 0;
};

}  // namespace

OperatorPtr make_expand(const LogicalOperator& plan) { return std::make_unique<Expand>(plan); }

}  // namespace guanxi::query
