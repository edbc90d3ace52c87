// Union: the rows of each branch in turn, each branch's result columns
// copied into the slots of the first branch's. (UNION without ALL is
// followed by a Distinct.)
#include "query/executor/execution_context.h"
#include "query/operators/operator_factories.h"

namespace guanxi::query {

namespace {

class Union final : public Operator {
 public:
  Union(const LogicalOperator& plan, const Row* argument) : Operator(plan), argument_(argument) {
    for (const auto& branch : plan.branches) {
      branches_.push_back(build_operator(*branch, argument));
      add_child(branches_.back().get());
    }
  }
  void reset() override {
    Operator::reset();
    for (auto& b : branches_) b->reset();
    current_ = 0;
  }

 protected:
  bool next(Row& row) override {
    while (current_ < branches_.size()) {
      if (branches_[current_]->pull(row)) {
        const auto& from = plan_.branches[current_]->slots;
        if (current_ > 0) {
          for (size_t i = 0; i < from.size(); ++i) row[plan_.slots[i]] = row[from[i]];
        }
        return true;
      }
      ++current_;
      if (current_ >= branches_.size()) break;
      // The next branch binds its own slots from the outer row (or nothing).
      if (argument_) {
        row = *argument_;
      } else {
        std::fill(row.begin(), row.end(), Value());
      }
    }
    return false;
  }

 private:
  const Row* argument_;
  std::vector<OperatorPtr> branches_;
  size_t current_ = 0;
};

}  // namespace

OperatorPtr make_union(const LogicalOperator& plan, const Row* argument) {
  return std::make_unique<Union>(plan, argument);
}

}  // namespace guanxi::query
