#include "query/expression/row_count_rule.h"

namespace guanxi::query {

std::optional<RowCountProblem> row_count_problem(const Value& v) {
  if (v.kind() == ValueKind::kInt && v.as_int() >= 0) return std::nullopt;
  return RowCountProblem{
      v.kind() == ValueKind::kInt ? QueryErrorCode::kInvalidArgument : QueryErrorCode::kType,
      "Invalid input. '" + v.to_string() +
          "' is not a valid value. Must be a non-negative integer."};
}

}  // namespace guanxi::query
