// Eager: reads its whole input before passing any row on, so that writes
// downstream cannot change what upstream reads see (and reads after writes
// see all of them). The rows it keeps count against the memory budget.
#include "query/executor/execution_context.h"
#include "query/operators/operator_factories.h"
#include "query/value_footprint.h"

namespace guanxi::query {

namespace {

class Eager final : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    rows_.clear();
    rows_.shrink_to_fit();  // its block is given back with memory_
    consumed_ = false;
    pos_ = 0;
  }

 protected:
  bool next(Row& row) override {
    if (!consumed_) {
      consumed_ = true;
      while (input_->pull(row)) {
        reserve_one_more(rows_, memory_);
        rows_.push_back(row);
        memory_.add(row_heap_bytes(rows_.back()));
      }
    }
    if (pos_ >= rows_.size()) return false;
    row = std::move(rows_[pos_++]);
    return true;
  }

 private:
  std::vector<Row> rows_;
  bool consumed_ = false;
  size_t pos_ = 0;
};

}  // namespace

OperatorPtr make_eager(const LogicalOperator& plan) { return std::make_unique<Eager>(plan); }

}  // namespace guanxi::query
