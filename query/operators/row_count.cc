#include "query/operators/row_count.h"

#include <cmath>

#include "query/executor/execution_context.h"
#include "query/expression/evaluator.h"

namespace guanxi::query {

std::int64_t evaluate_row_count(const ast::Expression& expression, ExecutionContext& ctx) {
  Row empty(ctx.slot_count());
  const Value v = evaluate(expression, empty, ctx);
  if (v.kind() == ValueKind::kInt && v.as_int() >= 0) return v.as_int();
  if (v.kind() == ValueKind::kFloat && v.as_float() >= 0 &&
      v.as_float() == std::floor(v.as_float()) && v.as_float() < 9.2e18) {
    return static_cast<std::int64_t>(v.as_float());
  }
  ctx.fail(QueryErrorCode::kSemantic,
           "Invalid input. '" + v.to_string() +
               "' is not a valid value. Must be a non-negative integer.",
           &expression);
}

}  // namespace guanxi::query
