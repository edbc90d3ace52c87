// Syntax errors: what was found, what was expected, where, and the caret.
#include <gtest/gtest.h>

#include "tests/query/parser/parser_test_support.h"

namespace guanxi::query::testing {
namespace {

bool contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(SyntaxErrors, MisspelledClauseListsTheClausesThatCouldFollow) {
  Failure f = failure("MATCH (c:Customer) RETRUN c");
  EXPECT_EQ(f.code, QueryErrorCode::kSyntax);
  EXPECT_EQ(f.pos.line, 1u);
  EXPECT_EQ(f.pos.column, 20u);
  EXPECT_TRUE(f.message.starts_with("Invalid input 'RETRUN': expected ")) << f.message;
  for (const char* keyword : {"MATCH", "OPTIONAL", "RETURN", "WITH", "WHERE", "UNWIND", "CREATE",
                              "MERGE", "CALL", "UNION", "','", "end of input"}) {
    EXPECT_TRUE(contains(f.message, keyword)) << keyword << " in " << f.message;
  }
}

TEST(SyntaxErrors, WhatContainsPositionLineAndCaret) {
  Failure f = failure("MATCH (c:Customer) RETRUN c");
  EXPECT_TRUE(contains(f.what, "(line 1, column 20)")) << f.what;
  EXPECT_TRUE(contains(f.what, "\nMATCH (c:Customer) RETRUN c\n                   ^")) << f.what;
}

TEST(SyntaxErrors, CaretOnALaterLine) {
  Failure f = failure("MATCH (n)\nWHERE n.x = \nRETURN n");
  EXPECT_EQ(f.pos.line, 3u);
  EXPECT_EQ(f.pos.column, 1u);
  EXPECT_TRUE(contains(f.message, "Invalid input 'RETURN': expected an expression")) << f.message;
  EXPECT_TRUE(contains(f.what, "\nRETURN n\n^")) << f.what;
}

TEST(SyntaxErrors, UnknownStatementStart) {
  Failure f = failure("SELECT * FROM t");
  EXPECT_EQ(f.pos.column, 1u);
  EXPECT_TRUE(f.message.starts_with("Invalid input 'SELECT': expected ")) << f.message;
  EXPECT_TRUE(contains(f.message, "MATCH")) << f.message;
  EXPECT_TRUE(contains(f.message, "CREATE")) << f.message;
  EXPECT_TRUE(contains(f.message, "EXPLAIN")) << f.message;
}

TEST(SyntaxErrors, UnexpectedEndOfInput) {
  Failure f = failure("MATCH (n) RETURN");
  EXPECT_EQ(f.pos.column, 17u);
  EXPECT_TRUE(f.message.starts_with("Unexpected end of input: expected ")) << f.message;
  EXPECT_TRUE(contains(f.message, "an expression")) << f.message;
  EXPECT_TRUE(contains(f.message, "DISTINCT")) << f.message;
  EXPECT_TRUE(contains(f.message, "'*'")) << f.message;
}

TEST(SyntaxErrors, UnclosedNodePattern) {
  Failure f = failure("MATCH (a:Customer RETURN a");
  EXPECT_EQ(f.pos.column, 19u);
  EXPECT_TRUE(f.message.starts_with("Invalid input 'RETURN': expected ")) << f.message;
  EXPECT_TRUE(contains(f.message, "')'")) << f.message;
  EXPECT_TRUE(contains(f.message, "'{'")) << f.message;
  EXPECT_TRUE(contains(f.message, "a parameter")) << f.message;
}

TEST(SyntaxErrors, MissingPropertyKeyAfterDot) {
  Failure f = failure("RETURN n.");
  EXPECT_TRUE(contains(f.message, "Unexpected end of input: expected a name")) << f.message;
}

TEST(SyntaxErrors, MissingAliasAfterAs) {
  Failure f = failure("RETURN 1 AS");
  EXPECT_EQ(f.message, "Unexpected end of input: expected an identifier");
}

TEST(SyntaxErrors, UnbalancedParenthesis) {
  Failure f = failure("RETURN (1 + 2");
  EXPECT_EQ(f.code, QueryErrorCode::kSyntax);
  EXPECT_TRUE(contains(f.message, "')'")) << f.message;
}

TEST(SyntaxErrors, StrayCharacter) {
  Failure f = failure("RETURN 1 # 2");
  EXPECT_EQ(f.code, QueryErrorCode::kSyntax);
  EXPECT_EQ(f.message, "Invalid input '#'");
  EXPECT_EQ(f.pos.column, 10u);
}

TEST(SyntaxErrors, ACharacterThatIsNoLetterOrNumberIsReportedWhereItIs) {
  // Full-width punctuation, typed by mistake with a Chinese input method.
  Failure f = failure("RETURN 1 AS 名字，b");
  EXPECT_EQ(f.code, QueryErrorCode::kSyntax);
  EXPECT_EQ(f.message, "Invalid input '，'");
  EXPECT_EQ(f.pos.column, 15u);
  f = failure("RETURN 1，2");
  EXPECT_EQ(f.message, "Invalid input '，'");
  EXPECT_EQ(f.pos.column, 9u);
  f = failure("MATCH (n:客户€) RETURN n");
  EXPECT_EQ(f.message, "Invalid input '€'");
  EXPECT_EQ(f.pos.column, 12u);
  // A space other than the ones Whitespace skips, and a combining mark.
  EXPECT_EQ(failure("RETURN a\u2003b").message, "Invalid input '\u2003'");
  EXPECT_EQ(failure("RETURN e\u0301").message, "Invalid input '\u0301'");
  // A number may follow a name's first letter, not start it.
  f = failure("RETURN 1 AS \u0661x");
  EXPECT_EQ(f.message, "Invalid input '\u0661'");
  EXPECT_EQ(f.pos.column, 13u);
  f = failure("RETURN $名字·x");
  EXPECT_EQ(f.message, "Invalid input '·'");
  EXPECT_EQ(f.pos.column, 11u);
  // An error earlier in the text is still the one reported.
  EXPECT_EQ(failure("RETURN a€, 'abc").message, "Invalid input '€'");
}

TEST(SyntaxErrors, DollarWithoutName) {
  Failure f = failure("RETURN $ x");
  EXPECT_EQ(f.message, "Invalid parameter: expected a name or a number after '$'");
  EXPECT_EQ(f.pos.column, 8u);
}

TEST(SyntaxErrors, UnterminatedQuotedName) {
  Failure f = failure("MATCH (`abc) RETURN 1");
  EXPECT_EQ(f.message, "Unterminated quoted name: no closing `");
  EXPECT_EQ(f.pos.column, 8u);
}

TEST(SyntaxErrors, ReservedWordAsVariable) {
  Failure f = failure("MATCH (match) RETURN 1");
  EXPECT_EQ(f.code, QueryErrorCode::kSyntax);
  EXPECT_EQ(f.pos.column, 8u);
}

TEST(SyntaxErrors, LongTokensAreShortenedInTheMessage) {
  std::string long_name(200, 'x');
  Failure f = failure("MATCH (n) " + long_name + " RETURN n");
  EXPECT_TRUE(contains(f.message, "Invalid input '" + std::string(40, 'x') + "...'")) << f.message;
}

TEST(SyntaxErrors, InvalidUtf8IsRejectedWithItsPosition) {
  Failure f = failure("RETURN 'a\xFF'");
  EXPECT_EQ(f.code, QueryErrorCode::kSyntax);
  EXPECT_EQ(f.message, "Invalid UTF-8 in query text");
  EXPECT_EQ(f.pos.column, 10u);
}

// Sequences that look like UTF-8 but are not (found by fuzzing: the
// overlong "\xC0\x85" escaped the parser as std::range_error).
TEST(SyntaxErrors, OverlongSurrogateAndOutOfRangeUtf8AreRejected) {
  for (const char* bad : {"RETURN 1 AS\xC0\x85x", "RETURN '\xE0\x80\xAF'", "RETURN '\xED\xA0\x80'",
                          "RETURN '\xF4\x90\x80\x80'", "RETURN '\xF5\x80\x80\x80'",
                          "RETURN '\xF0\x8F\xBF\xBF'", "RETURN '\xE4\xB8'"}) {
    Failure f = failure(bad);
    EXPECT_EQ(f.code, QueryErrorCode::kSyntax) << bad;
    EXPECT_EQ(f.message, "Invalid UTF-8 in query text") << bad;
  }
  EXPECT_EQ(failure("RETURN 1 AS\xC0\x85x").pos.column, 12u);
  // The largest and the smallest of each length pass.
  for (const char* good : {"RETURN '\xC2\x80\xDF\xBF'", "RETURN '\xE0\xA0\x80\xEF\xBF\xBF'",
                           "RETURN '\xF0\x90\x80\x80\xF4\x8F\xBF\xBF'"}) {
    EXPECT_NO_THROW(parse(good)) << good;
  }
}

TEST(SyntaxErrors, EmptyAndBlankInput) {
  EXPECT_EQ(failure("").message.substr(0, 24), "Unexpected end of input:");
  EXPECT_EQ(failure("  // only a comment\n").code, QueryErrorCode::kSyntax);
}

TEST(SyntaxErrors, ErrorInsideNestedExpressionPointsAtTheToken) {
  Failure f = failure("RETURN [x IN list WHERE x > | x]");
  EXPECT_EQ(f.pos.column, 29u);
  EXPECT_TRUE(contains(f.message, "Invalid input '|': expected an expression")) << f.message;
}

}  // namespace
}  // namespace guanxi::query::testing
