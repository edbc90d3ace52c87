#include "query/operators/row_count.h"

#include "query/executor/execution_context.h"
#include "query/expression/evaluator.h"
#include "query/expression/row_count_rule.h"

namespace guanxi::query {

std::int64_t evaluate_row_count(const ast::Expression& expression, ExecutionContext& ctx) {
  Row empty(ctx.slot_count());
  const Value v = evaluate(expression, empty, ctx);
  if (auto problem = row_count_problem(v)) ctx.fail(problem->code, problem->message, &expression);
  return v.as_int();
}

}  // namespace guanxi::query
