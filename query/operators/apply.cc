// Apply (CALL { }): runs the subquery's plan for each input row, which its
// Argument starts from, and passes on every row the subquery returns (the
// outer row with the subquery's columns bound). A subquery without RETURN
// runs for its writes alone: after it the input row goes on once.
#include "query/executor/execution_context.h"
#include "query/operators/operator_factories.h"

namespace guanxi::query {

namespace {

class Apply final : public Operator {
 public:
  explicit Apply(const LogicalOperator& plan) : Operator(plan) {
    inner_ = build_operator(*plan.inner, &argument_);
    add_child(inner_.get());
  }
  void reset() override {
    Operator::reset();
    active_ = false;
  }

 protected:
  bool next(Row& row) override {
    const bool unit = plan_.slots.empty();
    for (;;) {
      if (active_) {
        while (inner_->pull(row)) {
          if (unit) continue;
          for (int slot : plan_.outer_slots) row[slot] = argument_[slot];
          return true;
        }
        active_ = false;
        if (unit) {
          row = argument_;
          return true;
        }
      }
      if (!input_->pull(row)) return false;
      argument_ = row;
      inner_->reset();
      active_ = true;
    }
  }

 private:
  Row argument_;
  OperatorPtr inner_;
  bool active_ = false;
};

}  // namespace

OperatorPtr make_apply(const LogicalOperator& plan) { return std::make_unique<Apply>(plan); }

}  // namespace guanxi::query
