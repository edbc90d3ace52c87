// Where a pattern may stand in an expression. openCypher takes a pattern in
// an expression ((a)-->(b)) only as a test that it exists: as a WHERE
// condition, under NOT, AND, OR or XOR there, as a CASE condition, as the
// argument of exists(), or as the filter of a comprehension or quantifier.
// Anywhere else (RETURN (a)-->(), size(()--())) it would be a value, which
// openCypher leaves to pattern comprehensions and COUNT { }.
#pragma once

#include <string_view>

#include "query/ast.h"

namespace guanxi::query {

// Throws QueryError (kSyntax, located in `statement_text`) at the first
// pattern of `expression` that stands where a value is wanted. `predicate`:
// the expression is itself a condition (a WHERE).
void check_pattern_positions(const ast::Expression& expression, bool predicate,
                             std::string_view statement_text);

}  // namespace guanxi::query
