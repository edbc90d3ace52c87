#include "query/executor/statement_run.h"

#include <new>

#include "query/storage_error_translation.h"
#include "query/value_footprint.h"

namespace guanxi::query {

StatementRun::StatementRun(const PreparedQuery& query, storage::Graph& graph,
                           const storage::Transaction& txn, storage::WriteTransaction* write_txn,
                           const ExecutionOptions& options, bool profile)
    : query_(query) {
  ExecutionOptions o = options;
  o.plan = &query.plan;
  o.slot_count = query.bound.slot_count;
  o.statement_text = query.statement.text;
  ctx_ = std::make_unique<ExecutionContext>(graph, txn, write_txn, o);
  root_ = build_operator(*query.plan.root);
  if (profile) {
    root_->enable_profiling();
    ctx_->enable_profiling();
  }
  row_.assign(static_cast<size_t>(query.bound.slot_count), Value());
  try {
    root_->open(*ctx_);
  } catch (const storage::StorageError& e) {
    throw query_error_from(e);
  }
}

StatementRun::~StatementRun() = default;

bool StatementRun::next(std::vector<Value>& out) {
  try {
    if (!root_->pull(row_)) return false;
    const auto& slots = query_.plan.root->slots;
    out.resize(slots.size());
    for (size_t i = 0; i < slots.size(); ++i) out[i] = row_[slots[i]];
    if (LiveProgress* progress = ctx_->progress()) progress->add_row();
    return true;
  } catch (const storage::StorageError& e) {
    throw query_error_from(e);
  } catch (const std::bad_alloc&) {
    // A streaming read's rows are pulled after Session::run has returned.
    throw out_of_memory_error();
  }
}

void StatementRun::drain(std::vector<std::vector<Value>>& rows) {
  // A writing statement's rows wait here for its commit: they count against
  // the budget like any operator's.
  MemoryCharge held(&ctx_->memory_budget());
  std::vector<Value> out;
  while (next(out)) {
    reserve_one_more(rows, held);
    rows.push_back(out);
    held.add(row_heap_bytes(rows.back()));
  }
}

PlanNode explain_plan(const PreparedQuery& query) {
  return build_operator(*query.plan.root)->profile(query.bound.slot_names);
}

}  // namespace guanxi::query
