// Type errors a statement holds whatever its data. An expression built from
// literals alone (NOT 0, 123 AND true, [1] + {}) fails the same way on every
// row, so openCypher reports it when the statement is prepared, not when it
// first meets a row (or never, on an empty graph). The binder hands each
// expression it has bound to this check, which evaluates the expression's
// constant parts without a database and turns a type error there into an
// error of the prepared statement, at the part's position.
#pragma once

#include <string_view>

#include "query/ast.h"

namespace guanxi::query {

// Throws QueryError (kType, located in `statement_text`) for the first part
// of `expression` that depends on nothing but literals (and variables of
// iterations inside it) and whose evaluation is a type error. Parts that
// need parameters, the graph, the clock or randomness are left to the run;
// so is range(), whose list may be large. `slot_count` is the width of a
// row of the statement so far (iteration variables are written there).
void check_constant_types(const ast::Expression& expression, int slot_count,
                          std::string_view statement_text);

// Throws QueryError (located in `statement_text`) when `expression`, a SKIP
// or LIMIT, depends on literals alone and is not a non-negative integer
// (query/expression/row_count_rule.h); one that needs parameters is left to the
// run.
void check_constant_row_count(const ast::Expression& expression, int slot_count,
                              std::string_view statement_text);

}  // namespace guanxi::query
