// BatchedApply (CALL { } IN TRANSACTIONS OF n ROWS): Apply that commits the
// subquery's writes every n input rows, so that a large write neither holds
// every change in one transaction nor loses the finished batches to a late
// failure.
//
// LMDB has one writer, and a write transaction's cursors end with its
// commit, so the operator works in phases. It reads its whole input first
// and destroys the input operators (closing their cursors). Then, for each
// batch, it builds the subquery's operators afresh, runs them over the
// batch's rows, destroys them, and commits while keeping the writer lock
// (WriteTransaction::commit_and_continue). A full map aborts only the
// current batch: the map grows and that batch runs again. Its output rows
// are kept until the last batch has committed, so no operator downstream
// holds a cursor across a commit, and the binder lets nothing outside the
// subquery write, so the statement's final commit has nothing to lose.
//
// Outside an auto-commit writing statement (a subquery that only reads) the
// batches run in the statement's one transaction.
#include <algorithm>

#include "query/executor/execution_context.h"
#include "query/expression/evaluator.h"
#include "query/operators/operator_factories.h"
#include "query/storage_error_translation.h"
#include "query/value_footprint.h"

namespace guanxi::query {

namespace {

class BatchedApply final : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    output_.clear();
    pos_ = 0;
    ran_ = false;
  }

 protected:
  bool next(Row& row) override {
    if (!ran_) {
      ran_ = true;
      run(row.size());
    }
    if (pos_ >= output_.size()) return false;
    row = std::move(output_[pos_++]);
    return true;
  }

 private:
  // The batch size: OF n ROWS, evaluated once (a literal or a parameter).
  std::size_t batch_rows() {
    Row empty;
    const ast::Expression* rows = plan_.clause->batch_rows.get();
    if (rows == nullptr) return static_cast<std::size_t>(ast::kDefaultBatchRows);
    const Value n = evaluate(*rows, empty, *ctx_);
    if (n.kind() != ValueKind::kInt || n.as_int() < 1) {
      ctx_->fail(QueryErrorCode::kInvalidArgument,
                 "IN TRANSACTIONS OF n ROWS needs a positive integer, got " + n.to_string(), rows);
    }
    return static_cast<std::size_t>(n.as_int());
  }

  void run(std::size_t width) {
    const std::size_t size = batch_rows();
    std::vector<Row> input;
    Row row(width);
    while (input_->pull(row)) {
      reserve_one_more(input, memory_);
      input.push_back(row);
      memory_.add(row_heap_bytes(input.back()));
    }
    const bool commits = ctx_->commits_batches();
    if (commits) {
      // Its cursors belong to the transaction the first batch commits.
      input_.reset();
      ctx_->release_transaction_state();
    }
    std::size_t committed = 0;
    for (std::size_t begin = 0; begin < input.size(); begin += size) {
      const std::size_t end = std::min(input.size(), begin + size);
      const std::size_t output_mark = output_.size();
      const ChangeSummary changes = ctx_->changes();
      for (;;) {
        try {
          run_rows(input, begin, end);
          if (commits) ctx_->commit_batch();
          break;
        } catch (const storage::MapFullError&) {
          if (!commits) throw;
          // Only this batch is lost: grow the map and run it again.
          output_.resize(output_mark);
          ctx_->changes() = changes;
          ctx_->restart_batch();
        } catch (const QueryError& e) {
          throw with_committed(e, commits ? committed : 0);
        } catch (const storage::StorageError& e) {
          throw with_committed(query_error_from(e), commits ? committed : 0);
        }
      }
      ++committed;
    }
  }

  // Runs the subquery for input rows [begin, end), appending its rows to
  // output_. Its operators live only as long as this call.
  void run_rows(const std::vector<Row>& input, std::size_t begin, std::size_t end) {
    OperatorPtr inner = build_operator(*plan_.inner, &argument_);
    if (profiling()) inner->enable_profiling();
    inner->open(*ctx_);
    const bool unit = plan_.slots.empty();
    Row row;
    for (std::size_t i = begin; i < end; ++i) {
      argument_ = input[i];
      inner->reset();
      row = argument_;
      while (inner->pull(row)) {
        if (unit) continue;
        for (int slot : plan_.outer_slots) row[slot] = argument_[slot];
        keep(row);
      }
      if (unit) keep(argument_);
    }
  }

  void keep(const Row& row) {
    reserve_one_more(output_, memory_);
    output_.push_back(row);
    memory_.add(row_heap_bytes(output_.back()));
  }

  QueryError with_committed(const QueryError& e, std::size_t committed) const {
    if (committed == 0) return e;
    return QueryError(e.code(),
                      e.message() + " (the " + std::to_string(committed) +
                          " earlier batches of CALL { } IN TRANSACTIONS stay committed)",
                      e.position(), ctx_->statement_text());
  }

  Row argument_;
  std::vector<Row> output_;
  std::size_t pos_ = 0;
  bool ran_ = false;
};

}  // namespace

OperatorPtr make_batched_apply(const LogicalOperator& plan) {
  return std::make_unique<BatchedApply>(plan);
}

}  // namespace guanxi::query
