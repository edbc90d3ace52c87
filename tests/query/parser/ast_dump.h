// A compact, deterministic rendering of AST nodes for parser tests, so that a
// test states the whole shape of a tree in one string:
//   (+ 1 (* 2 3)), (. n name), (call count distinct n), (a:L)-[r:T*1..3]->(b)
#pragma once

#include <string>

#include "query/ast.h"

namespace guanxi::query::testing {

std::string dump(const ast::Expression* expression);
inline std::string dump(const ast::ExpressionPtr& expression) { return dump(expression.get()); }
std::string dump(const ast::PatternPart& part);

}  // namespace guanxi::query::testing
