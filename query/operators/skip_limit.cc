// Skip and Limit. Limit stops pulling its input as soon as it has its rows,
// so `MATCH (n) RETURN n LIMIT 1` reads one node.
#include "query/executor/execution_context.h"
#include "query/operators/operator_factories.h"
#include "query/operators/row_count.h"

namespace guanxi::query {

namespace {

class Skip final : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    skipped_ = false;
  }

 protected:
  bool next(Row& row) override {
    if (!skipped_) {
      skipped_ = true;
      const std::int64_t n = evaluate_row_count(*plan_.count, *ctx_);
      for (std::int64_t i = 0; i < n; ++i) {
        if (!input_->pull(row)) return false;
      }
    }
    return input_->pull(row);
  }

 private:
  bool skipped_ = false;
};

class Limit final : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    remaining_ = -1;
  }

 protected:
  bool next(Row& row) override {
    if (remaining_ < 0) {
      remaining_ = evaluate_row_count(*plan_.count, *ctx_);
      // The Eager below applies every write at its first pull.
      if (remaining_ == 0 && plan_.drain_input) input_->pull(row);
    }
    if (remaining_ == 0) return false;
    if (!input_->pull(row)) return false;
    --remaining_;
    return true;
  }

 private:
  std::int64_t remaining_ = -1;
};

}  // namespace

OperatorPtr make_skip(const LogicalOperator& plan) { return std::make_unique<Skip>(plan); }
OperatorPtr make_limit(const LogicalOperator& plan) { return std::make_unique<Limit>(plan); }

}  // namespace guanxi::query
