// The expression evaluator: computes the value of an AST expression for one
// row, with openCypher semantics (three-valued logic, null propagation,
// integer overflow as an error).
//
// Pure apart from `ctx`: property reads, parameters, pattern predicates and
// the clock all go through the EvaluationContext. Errors are QueryErrors
// carrying the position of the offending expression.
#pragma once

#include "query/ast.h"
#include "query/expression/evaluation_context.h"
#include "query/value.h"

namespace guanxi::query {

// Evaluates `expression` for `row`. Variables read row[slot]; list
// comprehensions, quantifiers and reduce bind their variables into
// row[expression.slot] (and row[expression.accumulator_slot]) while they run,
// growing the row when needed and restoring the slots afterwards. Aggregate
// calls and count(*) read row[slot], which the Aggregate operator filled.
Value evaluate(const ast::Expression& expression, Row& row, EvaluationContext& ctx);

// True only for the boolean true: null and false (and non-booleans) filter a row out.
bool is_true(const Value& value);

}  // namespace guanxi::query
