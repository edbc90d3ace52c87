#include "query/binder/pattern_position_check.h"

#include "query/expression/function_registry.h"
#include "query/query_error.h"

namespace guanxi::query {

namespace {

// Checked before the binder resolves functions: look the name up here.
bool is_exists_function(const ast::Expression& e) {
  if (e.kind != ast::ExpressionKind::kFunctionCall) return false;
  const FunctionDefinition* f = find_function(e.name);
  return f != nullptr && f->name == "exists";
}

// The first pattern standing where a value is wanted, or nullptr.
// `predicate`: `e` stands where a condition is wanted.
const ast::Expression* misplaced_pattern(const ast::Expression* e, bool predicate) {
  if (!e) return nullptr;
  using K = ast::ExpressionKind;
  const auto& c = e->children;
  auto first = [&](auto&& predicate_child) -> const ast::Expression* {
    for (std::size_t i = 0; i < c.size(); ++i) {
      if (const ast::Expression* found = misplaced_pattern(c[i].get(), predicate_child(i)))
        return found;
    }
    return nullptr;
  };
  switch (e->kind) {
    case K::kPatternPredicate: return predicate ? nullptr : e;
    case K::kUnary:
      return first([&](std::size_t) { return predicate && e->unary_op == ast::UnaryOp::kNot; });
    case K::kBinary: {
      const bool logical = e->binary_op == ast::BinaryOp::kAnd ||
                           e->binary_op == ast::BinaryOp::kOr ||
                           e->binary_op == ast::BinaryOp::kXor;
      return first([&](std::size_t) { return predicate && logical; });
    }
    case K::kFunctionCall: return first([&](std::size_t) { return is_exists_function(*e); });
    case K::kCase:
      // A generic CASE (no subject) tests its WHEN conditions.
      return first([&](std::size_t i) {
        return !c.empty() && !c[0] && i > 0 && i % 2 == 1 && i + 1 < c.size();
      });
    case K::kListComprehension:
    case K::kQuantifier: return first([](std::size_t i) { return i == 1; });
    case K::kExists:
    case K::kCountSubquery:
    case K::kPatternComprehension: return first([](std::size_t i) { return i == 0; });
    default: return first([](std::size_t) { return false; });
  }
}

}  // namespace

void check_pattern_positions(const ast::Expression& expression, bool predicate,
                             std::string_view statement_text) {
  if (const ast::Expression* pattern = misplaced_pattern(&expression, predicate)) {
    throw QueryError(QueryErrorCode::kSyntax,
                     "A pattern here would be a value: a pattern in an expression only tests "
                     "that it exists (in WHERE, exists() or a CASE condition); use a pattern "
                     "comprehension [(a)-->(b) | b] or COUNT { } for what it matches",
                     pattern->pos, statement_text);
  }
}

}  // namespace guanxi::query
