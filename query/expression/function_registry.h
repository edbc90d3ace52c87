// The function library: every built-in function a query may call, scalar or
// aggregate, looked up by name (case-insensitive, dotted names such as
// "date.truncate" included).
//
// The binder resolves each kFunctionCall with find_function(), checks the
// argument count against min_args/max_args and stores the definition in the
// AST. Scalar functions are then called by the evaluator; aggregates are run
// by the Aggregate operator through make_aggregator().
//
// Every function returns null for a null argument where openCypher does,
// and throws QueryError kType naming the function, the argument and the type
// it got when an argument has the wrong type.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "query/expression/evaluation_context.h"
#include "query/value.h"

namespace guanxi::query {

// Accumulates one group's values of an aggregate function.
class Aggregator {
 public:
  virtual ~Aggregator() = default;
  // One row's evaluated arguments, in call order (count(x): {x};
  // percentileCont(x, p): {x, p}). Nulls in the first argument are skipped.
  virtual void add(const std::vector<Value>& arguments) = 0;
  // The aggregate of everything added so far.
  virtual Value finish() = 0;
  // The heap bytes the aggregator holds (collect()'s list, the values
  // DISTINCT has seen), which its operator counts against the statement's
  // memory budget.
  std::uint64_t held_bytes() const { return held_bytes_; }

 protected:
  std::uint64_t held_bytes_ = 0;
};

using ScalarFunction = Value (*)(std::vector<Value>& arguments, EvaluationContext& ctx);
// Makes a fresh aggregator; `distinct` drops repeated values (by grouping
// equivalence) of the first argument before they reach it.
using AggregatorFactory = std::unique_ptr<Aggregator> (*)(bool distinct);

struct FunctionDefinition {
  std::string name;  // canonical spelling, e.g. "toUpper", "date.truncate"
  int min_args = 0;
  int max_args = 0;  // -1: any number (coalesce)
  bool aggregate = false;
  ScalarFunction scalar = nullptr;              // scalar functions
  AggregatorFactory make_aggregator = nullptr;  // aggregates
};

// The definition named `name` (case-insensitive), or nullptr.
const FunctionDefinition* find_function(std::string_view name);

// All definitions, sorted by name (for documentation and completion).
std::vector<const FunctionDefinition*> all_functions();

// An aggregator for count(*): counts every row; add() takes no arguments.
std::unique_ptr<Aggregator> make_count_star_aggregator();

// Calls a scalar function, checking the argument count. Throws kSemantic for
// an aggregate or a wrong number of arguments.
Value call_function(const FunctionDefinition& function, std::vector<Value>& arguments,
                    EvaluationContext& ctx);

}  // namespace guanxi::query
