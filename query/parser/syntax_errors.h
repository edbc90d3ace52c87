// Turning ANTLR's recognition errors into QueryError (kSyntax).
//
// ANTLR's own messages ("no viable alternative at input ...", "mismatched
// input ... expecting {...}") name grammar internals. These classes stop at
// the first error and describe it in the user's terms instead:
//
//   Invalid input 'RETRUN': expected MATCH, OPTIONAL, ..., ';' or end of input
//
// The "expected" part is the union of what every decision the parser passed
// at the offending token would have accepted, so it also lists what could
// have continued an earlier construct (another pattern part, WHERE, ...).
#pragma once

#include <string_view>

#include "BaseErrorListener.h"
#include "DefaultErrorStrategy.h"
#include "misc/IntervalSet.h"

namespace guanxi::query::parser {

// Throws QueryError (kSyntax) for the first character sequence the lexer
// cannot turn into a token: an unterminated string or quoted identifier, a
// stray character.
class LexerErrorThrower : public antlr4::BaseErrorListener {
 public:
  explicit LexerErrorThrower(std::string_view query_text) : text_(query_text) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending_symbol, size_t line,
                   size_t char_position_in_line, const std::string& msg,
                   std::exception_ptr e) override;

 private:
  std::string_view text_;
};

// The error strategy of the full-LL parse: records what each decision would
// have accepted at the furthest token reached and throws QueryError (kSyntax)
// at the first error instead of recovering.
class SyntaxErrorThrower : public antlr4::DefaultErrorStrategy {
 public:
  explicit SyntaxErrorThrower(std::string_view query_text) : text_(query_text) {}

  void sync(antlr4::Parser* recognizer) override;
  void reportError(antlr4::Parser* recognizer, const antlr4::RecognitionException& e) override;
  antlr4::Token* recoverInline(antlr4::Parser* recognizer) override;
  void recover(antlr4::Parser* recognizer, std::exception_ptr e) override;

 protected:
  void reportUnwantedToken(antlr4::Parser* recognizer) override;
  void reportMissingToken(antlr4::Parser* recognizer) override;

 private:
  // Adds what the parser's current state accepts to the expectations at the
  // current token.
  void record_expected(antlr4::Parser* recognizer);
  [[noreturn]] void fail(antlr4::Parser* recognizer, antlr4::Token* offending,
                         const antlr4::misc::IntervalSet& expected_here);

  std::string_view text_;
  size_t furthest_token_ = 0;
  antlr4::misc::IntervalSet furthest_expected_;
};

}  // namespace guanxi::query::parser
