// The value of a SKIP or LIMIT expression: a non-negative integer computed
// from literals and parameters only.
#pragma once

#include <cstdint>

#include "query/ast.h"

namespace guanxi::query {

class ExecutionContext;

// Evaluates `expression`; throws QueryError at its position when it is not
// a non-negative integer (the rule and its error kinds:
// query/expression/row_count_rule.h).
std::int64_t evaluate_row_count(const ast::Expression& expression, ExecutionContext& ctx);

}  // namespace guanxi::query
