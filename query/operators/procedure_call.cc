// ProcedureCall: for each input row, calls the procedure with the evaluated
// arguments (a standalone `CALL p` without parentheses takes them from the
// statement's parameters, by name) and emits one row per result row, the
// yielded columns in their slots.
#include "query/executor/execution_context.h"
#include "query/expression/evaluator.h"
#include "query/operators/operator_factories.h"
#include "query/procedures/procedure_registry.h"

namespace guanxi::query {

namespace {

class ProcedureCall final : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    results_.reset();
  }

 protected:
  bool next(Row& row) override {
    const auto& yield_slots = plan_.bound_clause->yield_slots;
    for (;;) {
      if (results_ && results_->next(result_)) {
        for (size_t i = 0; i < yield_slots.size() && i < result_.size(); ++i) {
          if (yield_slots[i] >= 0) row[yield_slots[i]] = std::move(result_[i]);
        }
        return true;
      }
      results_.reset();
      if (!input_->pull(row)) return false;
      call(row);
      if (plan_.procedure->outputs.empty() && !plan_.bound_clause->standalone_call) {
        // A procedure without outputs runs for its effect; inside a query
        // the row goes on once.
        std::vector<Value> ignored;
        while (results_->next(ignored)) {
        }
        results_.reset();
        return true;
      }
    }
  }

 private:
  void call(Row& row) {
    const ast::Clause& clause = *plan_.clause;
    const ProcedureSignature& procedure = *plan_.procedure;
    std::vector<Value> args;
    if (clause.arguments_given) {
      for (const auto& a : clause.arguments) args.push_back(evaluate(*a, row, *ctx_));
    } else {
      for (const auto& p : procedure.parameters) {
        auto it = ctx_->parameters().find(p.name);
        if (it != ctx_->parameters().end()) {
          args.push_back(it->second);
        } else if (!p.default_value) {
          throw QueryError(QueryErrorCode::kSemantic, "Expected parameter(s): " + p.name);
        }
      }
    }
    ProcedureContext context{ctx_->graph(),
                             ctx_->txn(),
                             procedure.writes ? &ctx_->write_txn() : nullptr,
                             ctx_->reader(),
                             ctx_->session(),
                             ctx_->changes(),
                             [this] { ctx_->check_cancelled(); },
                             ctx_->projections(),
                             ctx_->cancel_flag()};
    LiveProgress* progress = ctx_->progress();
    if (progress) context.progress = &progress->algorithm;
    context.projection_cache = ctx_->projection_cache();
    context.statement_text = ctx_->statement_text();
    context.statement_time = ctx_->statement_time();
    results_ = ctx_->procedures().open(procedure, context, std::move(args));
    // An algorithm has run by now; its rows are no phase of it.
    if (progress) progress->algorithm.clear();
  }

  std::unique_ptr<ProcedureRows> results_;  // of the current input row
  std::vector<Value> result_;
};

}  // namespace

OperatorPtr make_procedure_call(const LogicalOperator& plan) {
  return std::make_unique<ProcedureCall>(plan);
}

}  // namespace guanxi::query
