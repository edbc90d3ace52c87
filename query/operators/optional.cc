// Optional (OPTIONAL MATCH): runs the inner plan for each input row; when
// it finds nothing the input row goes on once, with the inner variables null.
#include "query/executor/execution_context.h"
#include "query/operators/operator_factories.h"

namespace guanxi::query {

namespace {

class Optional final : public Operator {
 public:
  explicit Optional(const LogicalOperator& plan) : Operator(plan) {
    inner_ = build_operator(*plan.inner, &argument_);
    add_child(inner_.get());
  }
  void reset() override {
    Operator::reset();
    active_ = false;
  }

 protected:
  bool next(Row& row) override {
    for (;;) {
      if (active_) {
        if (inner_->pull(row)) {
          found_ = true;
          return true;
        }
        active_ = false;
        if (!found_) {
          row = argument_;
          for (int slot : plan_.null_slots) row[slot] = Value();
          return true;
        }
      }
      if (!input_->pull(row)) return false;
      argument_ = row;
      inner_->reset();
      active_ = true;
      found_ = false;
    }
  }

 private:
  Row argument_;
  OperatorPtr inner_;
  bool active_ = false;
  bool found_ = false;
};

}  // namespace

OperatorPtr make_optional(const LogicalOperator& plan) { return std::make_unique<Optional>(plan); }

}  // namespace guanxi::query
