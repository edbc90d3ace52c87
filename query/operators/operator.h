// Operator: a pull-based physical operator, one per logical plan node and run.
//
// Rows flow one at a time through a single Row object that is as wide as the
// statement's slot count: an operator pulls its input into the row, then
// writes only the slots it binds, so upstream values stay in place and
// nothing is copied on the way up. Operators that must hold rows (Sort,
// Aggregate, Eager, ...) copy them and count the bytes they keep in
// `memory_`, against the statement's MemoryBudget.
//
// pull() counts rows (and, when profiling, time) for PROFILE.
#pragma once

#include <chrono>
#include <memory>
#include <vector>

#include "query/memory_budget.h"
#include "query/planner/logical_plan.h"
#include "query/session_types.h"
#include "query/value.h"

namespace guanxi::query {

class ExecutionContext;

class Operator {
 public:
  explicit Operator(const LogicalOperator& plan) : plan_(plan) {}
  virtual ~Operator() = default;
  Operator(const Operator&) = delete;
  Operator& operator=(const Operator&) = delete;

  // Prepares the operator (and its children) to run in `ctx`: resolves
  // names against the transaction's dictionary. Called once per run.
  virtual void open(ExecutionContext& ctx);
  // Forgets all progress so the operator runs again from the start, for the
  // next outer row of an Optional, Merge or pattern expression.
  virtual void reset();

  // Fills `row` with the next row and returns true, or returns false at the end.
  bool pull(Row& row) {
    if (!profiling_) {
      const bool more = next(row);
      rows_ += more;
      return more;
    }
    const auto start = std::chrono::steady_clock::now();
    const bool more = next(row);
    seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rows_ += more;
    return more;
  }

  void set_input(std::unique_ptr<Operator> input) { input_ = std::move(input); }
  // Children besides the input (inner plans, union branches), for profiles.
  void add_child(Operator* child) { children_.push_back(child); }

  // The operator tree with names, details, rows and (when profiled) times;
  // details name slots by `slot_names` (BoundQuery::slot_names).
  PlanNode profile(const std::vector<std::string>& slot_names) const;
  void enable_profiling();

 protected:
  virtual bool next(Row& row) = 0;
  bool profiling() const { return profiling_; }

  const LogicalOperator& plan_;
  ExecutionContext* ctx_ = nullptr;
  // What this operator holds, counted against the statement's budget from
  // open() on; given back by reset() and when the operator is destroyed.
  MemoryCharge memory_;
  std::unique_ptr<Operator> input_;
  std::vector<Operator*> children_;

 private:
  bool profiling_ = false;
  std::int64_t rows_ = 0;
  double seconds_ = 0;
};

using OperatorPtr = std::unique_ptr<Operator>;

// Builds the operator tree of `plan` (recursively, inner plans included).
// Argument leaves of the tree read the row `argument` points to (the outer
// row of an Optional, Merge or pattern expression).
OperatorPtr build_operator(const LogicalOperator& plan, const Row* argument = nullptr);

}  // namespace guanxi::query
