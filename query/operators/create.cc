// Create: for each input row, the nodes and relationships of the CREATE
// pattern (slots in plan.slots are the nodes the clause itself creates).
#include "query/executor/execution_context.h"
#include "query/operators/graph_writes.h"
#include "query/operators/operator_factories.h"

namespace guanxi::query {

namespace {

class Create final : public Operator {
 public:
  using Operator::Operator;

 protected:
  bool next(Row& row) override {
    if (!input_->pull(row)) return false;
    ctx_->check_cancelled();
    create_pattern(*ctx_, plan_.bound_clause->parts, plan_.slots, row);
    return true;
  }
};

}  // namespace

OperatorPtr make_create(const LogicalOperator& plan) { return std::make_unique<Create>(plan); }

}  // namespace guanxi::query
