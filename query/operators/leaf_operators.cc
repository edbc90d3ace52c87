// EmptyRow (the one row every query starts from) and Argument (the outer
// row of an Optional, Merge or pattern expression).
#include "query/operators/operator_factories.h"

namespace guanxi::query {

namespace {

class EmptyRow final : public Operator {
 public:
  using Operator::Operator;
  void reset() override { done_ = false; }

 protected:
  bool next(Row&) override {
    if (done_) return false;
    done_ = true;
    return true;
  }

 private:
  bool done_ = false;
};

class Argument final : public Operator {
 public:
  Argument(const LogicalOperator& plan, const Row* argument)
      : Operator(plan), argument_(argument) {}
  void reset() override { done_ = false; }

 protected:
  bool next(Row& row) override {
    if (done_) return false;
    done_ = true;
    if (argument_) row = *argument_;
    return true;
  }

 private:
  const Row* argument_;
  bool done_ = false;
};

}  // namespace

OperatorPtr make_empty_row(const LogicalOperator& plan) { return std::make_unique<EmptyRow>(plan); }
OperatorPtr make_argument(const LogicalOperator& plan, const Row* argument) {
  return std::make_unique<Argument>(plan, argument);
}

}  // namespace guanxi::query
