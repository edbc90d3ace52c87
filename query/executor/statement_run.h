// StatementRun: one execution of a prepared query in a given transaction:
// the execution context, the operator tree and the row they fill.
#pragma once

#include <memory>
#include <vector>

#include "query/executor/execution_context.h"
#include "query/executor/prepared_query.h"
#include "query/operators/operator.h"

namespace guanxi::query {

class StatementRun {
 public:
  // `write_txn` is the transaction when the statement may write (it is then
  // also `txn`). Builds and opens the operators; nothing runs yet.
  StatementRun(const PreparedQuery& query, storage::Graph& graph, const storage::Transaction& txn,
               storage::WriteTransaction* write_txn, const ExecutionOptions& options, bool profile);
  ~StatementRun();

  // The next result row, one value per column; false at the end. Throws
  // QueryError (storage failures translated).
  bool next(std::vector<Value>& out);
  // Runs to the end, appending every row to `rows`, which count against the
  // statement's memory budget while it runs.
  void drain(std::vector<std::vector<Value>>& rows);

  const ChangeSummary& changes() const { return ctx_->changes(); }
  // The operator tree with rows (and times when profiling).
  PlanNode profile() const { return root_->profile(query_.bound.slot_names); }

 private:
  const PreparedQuery& query_;
  std::unique_ptr<ExecutionContext> ctx_;
  OperatorPtr root_;
  Row row_;
};

// The plan of `query` as an operator tree without running it (EXPLAIN).
PlanNode explain_plan(const PreparedQuery& query);

}  // namespace guanxi::query
