// EvaluationContext: what the expression evaluator needs from the running
// statement, and nothing more.
//
// The evaluator (query/expression/evaluator.h) is pure: it computes values
// from a row. Everything that touches the database goes through this
// interface, which the executor implements, so that every property value a
// query reads passes through the session's PropertyReader (the one choke
// point where privacy enforcement plugs in).
#pragma once

#include <string>
#include <string_view>

#include "query/memory_budget.h"
#include "query/value.h"

namespace guanxi::query {

namespace ast {
struct Expression;
}

class EvaluationContext {
 public:
  virtual ~EvaluationContext() = default;

  // The value of parameter $name; throws QueryError (kSemantic) naming the
  // parameter when the statement was not given it.
  virtual const Value& parameter(const std::string& name) = 0;

  // Property reads. A missing property is null. Keys never used anywhere in
  // the database are simply null too (not an error).
  virtual Value node_property(NodeRef node, std::string_view key) = 0;
  virtual Value relationship_property(const RelRef& rel, std::string_view key) = 0;
  virtual Map node_properties(NodeRef node) = 0;
  virtual Map relationship_properties(const RelRef& rel) = 0;
  // The node's labels as strings, in dictionary order.
  virtual List node_labels(NodeRef node) = 0;
  virtual std::string relationship_type(const RelRef& rel) = 0;

  // Pattern predicates, EXISTS { } and pattern comprehensions need the
  // graph: the executor evaluates them for `row`.
  virtual Value evaluate_pattern(const ast::Expression& expression, Row& row) = 0;

  // Throws QueryError (kCancelled) when the statement has been cancelled;
  // long loops (range(), list functions) call it now and then.
  virtual void check_cancelled() = 0;
  // The statement's memory budget: what builds large lists (range(), list
  // comprehensions, reduce()) checks its size against it.
  virtual MemoryBudget& memory_budget() = 0;
  // A uniform random number in [0, 1) for rand().
  virtual double random() = 0;
  // The statement's clock, fixed for its whole run: datetime() and date()
  // without arguments return it.
  virtual DateTime statement_time() = 0;

  // The statement's text, so that run-time errors can quote the offending
  // line with a caret. Empty (no caret) unless the executor provides it.
  virtual std::string_view query_text() { return {}; }
};

}  // namespace guanxi::query
