// Deep copies of AST expressions and patterns.
//
// The AST holds its subtrees through unique_ptr, so copying is explicit. The
// parser uses it where one piece of source stands for two nodes (the middle
// operand of a < b < c); the binder annotations (slot, function) are copied
// as they are.
#pragma once

#include "query/ast.h"

namespace guanxi::query::ast {

// A deep copy of `expression`; nullptr for nullptr. Subqueries (EXISTS { }
// and COUNT { } written as queries) are not copied: callers check
// holds_subquery() first and refuse.
ExpressionPtr clone(const Expression* expression);
bool holds_subquery(const Expression& expression);
inline ExpressionPtr clone(const ExpressionPtr& expression) { return clone(expression.get()); }

NodePattern clone(const NodePattern& node);
RelPattern clone(const RelPattern& rel);
PatternPart clone(const PatternPart& part);

}  // namespace guanxi::query::ast
