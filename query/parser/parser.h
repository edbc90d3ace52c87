// The front end of the query language: text in, AST (query/ast.h) out.
//
// The grammar is grammar/Guanxi.g4; ANTLR's generated lexer and parser never
// leak out of query/parser/. Parsing first runs ANTLR's fast SLL prediction
// and only reparses with full LL when that fails, so the common case pays
// for no more than it needs.
#pragma once

#include <cstddef>
#include <string_view>

#include "query/ast.h"

namespace guanxi::query::parser {

// Longest query text accepted, in bytes.
inline constexpr std::size_t kMaxQueryBytes = 1 << 20;
// Deepest nesting of brackets, CASE expressions and subexpressions.
inline constexpr int kMaxNestingDepth = 200;
// Tallest expression tree (long operator chains like a + b + ... count).
inline constexpr int kMaxExpressionHeight = 1000;

// Parses exactly one statement, optionally followed by ';'. Every AST node
// carries the 1-based line and column of its first token, and every
// expression its source text (the default column name of RETURN items).
//
// Throws QueryError:
//   kSyntax  the text is not a statement: the error names the line and
//            column, what was found and what was expected there; also for a
//            bad escape in a string and an integer literal beyond int64;
//   kLimit   the text is longer than kMaxQueryBytes, or nests deeper than
//            kMaxNestingDepth, or an expression is taller than
//            kMaxExpressionHeight;
//   kSemantic a schema statement names a variable it did not introduce.
ast::Statement parse_statement(std::string_view text);

// Builds the lexer's and the parser's tables (ANTLR's state machines, about
// 2 ms), once per process and safely from any thread; parse_statement calls
// it first, so that a program that never parses never pays for them.
//
// Building them on a second thread while Database::open opens the files was
// measured and left out: `guanxi DB -c "RETURN 1"` took the same 15 ms wall
// time (median of 60 runs) for 2 ms more CPU, the new thread's allocations
// and page faults.
void load_grammar();

}  // namespace guanxi::query::parser
