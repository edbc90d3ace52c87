// Parts of the evaluator split over several files (not a public interface).
#pragma once

#include "query/ast.h"
#include "query/expression/evaluation_context.h"
#include "query/value.h"

namespace guanxi::query::detail {

// [x IN list WHERE p | e], all/any/none/single(x IN list WHERE p) and
// reduce(acc = init, x IN list | e): see ast::ExpressionKind.
Value evaluate_list_comprehension(const ast::Expression& e, Row& row, EvaluationContext& ctx);
Value evaluate_quantifier(const ast::Expression& e, Row& row, EvaluationContext& ctx);
Value evaluate_reduce(const ast::Expression& e, Row& row, EvaluationContext& ctx);

// The property or field `key` of a node, relationship, map or temporal
// value; null for null.
Value property_of(const Value& subject, const std::string& key, EvaluationContext& ctx);

// Throws kType: "<what> expected <expected> but was <actual>".
[[noreturn]] void type_error(const std::string& what, const char* expected, const Value& got);

}  // namespace guanxi::query::detail
