// Sort (all rows, stable) and TopK (ORDER BY with LIMIT: keeps only the
// SKIP + LIMIT best rows in a heap, so memory stays bounded whatever the
// input size). Keys use the openCypher total order: nulls last ascending.
// Both count the rows they keep against the statement's memory budget.
#include <algorithm>

#include "query/executor/execution_context.h"
#include "query/expression/comparison.h"
#include "query/expression/evaluator.h"
#include "query/operators/operator_factories.h"
#include "query/operators/row_count.h"
#include "query/value_footprint.h"

namespace guanxi::query {

namespace {

struct SortedRow {
  std::vector<Value> keys;
  std::uint64_t sequence = 0;  // input order, so equal keys keep it
  Row row;
};

class RowOrder {
 public:
  explicit RowOrder(const std::vector<SortKey>& keys) : keys_(keys) {}
  bool operator()(const SortedRow& a, const SortedRow& b) const {
    for (size_t i = 0; i < keys_.size(); ++i) {
      int c = order_compare(a.keys[i], b.keys[i]);
      if (keys_[i].descending) c = -c;
      if (c != 0) return c < 0;
    }
    return a.sequence < b.sequence;
  }

 private:
  const std::vector<SortKey>& keys_;
};

class SortBase : public Operator {
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
  SortedRow keyed(Row& row) {
    SortedRow s;
    s.keys.reserve(plan_.sort_keys.size());
    for (const auto& key : plan_.sort_keys) s.keys.push_back(evaluate(*key.expression, row, *ctx_));
    s.sequence = sequence_++;
    return s;
  }

  // The heap bytes a kept row owns (its slot in rows_ is counted with the
  // vector's block).
  static std::uint64_t heap_bytes(const SortedRow& s) {
    return row_heap_bytes(s.keys) + row_heap_bytes(s.row);
  }

  void hold_row(SortedRow s) {
    reserve_one_more(rows_, memory_);
    memory_.add(heap_bytes(s));
    rows_.push_back(std::move(s));
  }

  bool emit(Row& row) {
    if (pos_ >= rows_.size()) return false;
    row = std::move(rows_[pos_++].row);
    return true;
  }

  std::vector<SortedRow> rows_;
  bool consumed_ = false;
  size_t pos_ = 0;
  std::uint64_t sequence_ = 0;
};

class Sort final : public SortBase {
 public:
  using SortBase::SortBase;

 protected:
  bool next(Row& row) override {
    if (!consumed_) {
      consumed_ = true;
      while (input_->pull(row)) {
        if ((sequence_ & 1023) == 1023) ctx_->check_cancelled();
        SortedRow s = keyed(row);
        s.row = row;
        hold_row(std::move(s));
      }
      std::sort(rows_.begin(), rows_.end(), RowOrder(plan_.sort_keys));
    }
    return emit(row);
  }
};

class TopK final : public SortBase {
 public:
  using SortBase::SortBase;

 protected:
  bool next(Row& row) override {
    if (!consumed_) {
      consumed_ = true;
      const std::int64_t limit = evaluate_row_count(*plan_.count, *ctx_);
      const std::int64_t skip = plan_.skip ? evaluate_row_count(*plan_.skip, *ctx_) : 0;
      const auto keep = static_cast<size_t>(std::min<std::int64_t>(limit + skip, 1 << 30));
      if (keep > 0) {
        fill(row, keep);
      } else if (plan_.drain_input) {
        input_->pull(row);  // the Eager below applies every write at its first pull
      }
      std::sort_heap(rows_.begin(), rows_.end(), RowOrder(plan_.sort_keys));
      pos_ = std::min(rows_.size(), static_cast<size_t>(skip));
    }
    return emit(row);
  }

 private:
  // Keeps the `keep` smallest rows in a max-heap (the worst on top).
  void fill(Row& row, size_t keep) {
    RowOrder order(plan_.sort_keys);
    while (input_->pull(row)) {
      if ((sequence_ & 1023) == 1023) ctx_->check_cancelled();
      SortedRow s = keyed(row);
      if (rows_.size() < keep) {
        s.row = row;
        hold_row(std::move(s));
        std::push_heap(rows_.begin(), rows_.end(), order);
      } else if (order(s, rows_.front())) {
        std::pop_heap(rows_.begin(), rows_.end(), order);
        s.row = row;
        memory_.remove(heap_bytes(rows_.back()));
        memory_.add(heap_bytes(s));
        rows_.back() = std::move(s);
        std::push_heap(rows_.begin(), rows_.end(), order);
      }
    }
  }
};

}  // namespace

OperatorPtr make_sort(const LogicalOperator& plan) { return std::make_unique<Sort>(plan); }
OperatorPtr make_top_k(const LogicalOperator& plan) { return std::make_unique<TopK>(plan); }

}  // namespace guanxi::query
