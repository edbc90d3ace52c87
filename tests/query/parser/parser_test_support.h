// Shorthands shared by the parser tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "query/parser/parser.h"
#include "tests/query/parser/ast_dump.h"

namespace guanxi::query::testing {

inline ast::Statement parse(std::string_view text) { return parser::parse_statement(text); }

inline const ast::Clause& clause(const ast::Statement& statement, std::size_t i = 0) {
  return statement.query.parts.at(0).clauses.at(i);
}

// The AST dump of `text` parsed as the expression of RETURN.
inline std::string expr(std::string_view text) {
  ast::Statement statement = parse("RETURN " + std::string(text));
  return dump(clause(statement).projection.items.at(0).expression);
}

// The AST dump of `text` parsed as the condition of MATCH ... WHERE.
inline std::string where(std::string_view text) {
  ast::Statement statement = parse("MATCH (n) WHERE " + std::string(text) + " RETURN n");
  return dump(clause(statement).where);
}

// What parsing `text` threw; code kCancelled and empty texts if it did not throw.
struct Failure {
  QueryErrorCode code = QueryErrorCode::kCancelled;
  std::string message;  // without position
  std::string what;     // with position and caret
  TextPosition pos;
};

inline Failure failure(std::string_view text) {
  try {
    parse(text);
  } catch (const QueryError& e) {
    return {e.code(), e.message(), e.what(), e.position()};
  }
  ADD_FAILURE() << "parsed without error: " << text;
  return {};
}

}  // namespace guanxi::query::testing
