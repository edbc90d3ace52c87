// Literal values: integers in three bases, floats, strings and their escapes,
// booleans and null, and the limits of each.
#include <gtest/gtest.h>

#include <limits>

#include "tests/query/parser/parser_test_support.h"

namespace guanxi::query::testing {
namespace {

Value literal_of(std::string_view text) {
  ast::Statement s = parse("RETURN " + std::string(text));
  const ast::Expression& e = *clause(s).projection.items.at(0).expression;
  EXPECT_EQ(e.kind, ast::ExpressionKind::kLiteral) << text;
  return e.literal;
}

TEST(IntegerLiterals, Decimal) {
  EXPECT_EQ(literal_of("0"), Value(std::int64_t{0}));
  EXPECT_EQ(literal_of("42"), Value(std::int64_t{42}));
  EXPECT_EQ(literal_of("9223372036854775807"), Value(std::numeric_limits<std::int64_t>::max()));
}

TEST(IntegerLiterals, HexAndOctal) {
  EXPECT_EQ(literal_of("0x1F"), Value(std::int64_t{31}));
  EXPECT_EQ(literal_of("0XfF"), Value(std::int64_t{255}));
  EXPECT_EQ(literal_of("0o17"), Value(std::int64_t{15}));
  EXPECT_EQ(literal_of("-0x10"), Value(std::int64_t{-16}));
  EXPECT_EQ(literal_of("0x7FFFFFFFFFFFFFFF"), Value(std::numeric_limits<std::int64_t>::max()));
}

TEST(IntegerLiterals, SmallestInt64IsWritable) {
  EXPECT_EQ(literal_of("-9223372036854775808"), Value(std::numeric_limits<std::int64_t>::min()));
  EXPECT_EQ(literal_of("-0x8000000000000000"), Value(std::numeric_limits<std::int64_t>::min()));
}

TEST(IntegerLiterals, OverflowIsASyntaxError) {
  for (const char* query : {"RETURN 9223372036854775808", "RETURN -9223372036854775809",
                            "RETURN 0x10000000000000000", "RETURN 99999999999999999999999"}) {
    Failure f = failure(query);
    EXPECT_EQ(f.code, QueryErrorCode::kSyntax) << query;
    EXPECT_EQ(f.message, "integer literal too large") << query;
    EXPECT_EQ(f.pos.column, 8u) << query;
  }
}

TEST(IntegerLiterals, OverflowInsideAnExpressionPointsAtTheLiteral) {
  Failure f = failure("RETURN 1 + 92233720368547758070");
  EXPECT_EQ(f.message, "integer literal too large");
  EXPECT_EQ(f.pos.column, 12u);
}

TEST(FloatLiterals, AllForms) {
  EXPECT_EQ(literal_of("1.5"), Value(1.5));
  EXPECT_EQ(literal_of(".5"), Value(0.5));
  EXPECT_EQ(literal_of("1e3"), Value(1000.0));
  EXPECT_EQ(literal_of("2.5E-1"), Value(0.25));
  EXPECT_EQ(literal_of("-.5e+1"), Value(-5.0));
}

TEST(FloatLiterals, OutOfRangeIsASyntaxError) {
  Failure f = failure("RETURN 1e999");
  EXPECT_EQ(f.code, QueryErrorCode::kSyntax);
  EXPECT_EQ(f.message, "float literal out of range");
}

TEST(BooleanAndNull, AnyCase) {
  EXPECT_EQ(literal_of("true"), Value(true));
  EXPECT_EQ(literal_of("FALSE"), Value(false));
  EXPECT_EQ(literal_of("Null"), Value());
}

TEST(StringLiterals, BothQuotes) {
  EXPECT_EQ(literal_of("'single'"), Value("single"));
  EXPECT_EQ(literal_of("\"double\""), Value("double"));
}

TEST(StringLiterals, OtherQuoteNeedsNoEscape) {
  EXPECT_EQ(literal_of("\"it's\""), Value("it's"));
  EXPECT_EQ(literal_of("'say \"hi\"'"), Value("say \"hi\""));
}

TEST(StringLiterals, Escapes) {
  EXPECT_EQ(literal_of(R"('a\nb\tc\\d\'e\"f')"), Value("a\nb\tc\\d'e\"f"));
  EXPECT_EQ(literal_of(R"('\r\b\f')"), Value("\r\b\f"));
}

TEST(StringLiterals, UnicodeEscapes) {
  EXPECT_EQ(literal_of(R"('\u00e9')"), Value("\xC3\xA9"));
  EXPECT_EQ(literal_of(R"('\u4E2D')"), Value("\xE4\xB8\xAD"));
  EXPECT_EQ(literal_of(R"('\uD83D\uDE00')"), Value("\xF0\x9F\x98\x80"));
  EXPECT_EQ(literal_of(R"('\U0001F600')"), Value("\xF0\x9F\x98\x80"));
}

TEST(StringLiterals, RawUtf8AndNewlinesPassThrough) {
  EXPECT_EQ(literal_of("'关系'"), Value("关系"));
  EXPECT_EQ(literal_of("'two\nlines'"), Value("two\nlines"));
}

TEST(StringLiterals, InvalidEscapeIsReportedAtTheBackslash) {
  Failure f = failure(R"(RETURN 'ab\qc')");
  EXPECT_EQ(f.code, QueryErrorCode::kSyntax);
  EXPECT_EQ(f.message, R"(Invalid escape sequence '\q' in string)");
  EXPECT_EQ(f.pos.line, 1u);
  EXPECT_EQ(f.pos.column, 11u);
}

TEST(StringLiterals, BadUnicodeEscapes) {
  EXPECT_EQ(failure(R"(RETURN '\u12')").message, R"(Invalid escape sequence '\u' in string)");
  EXPECT_EQ(failure(R"(RETURN '\uD800x')").code, QueryErrorCode::kSyntax);  // lone surrogate
  EXPECT_EQ(failure(R"(RETURN '\U00110000')").code, QueryErrorCode::kSyntax);
}

TEST(StringLiterals, InvalidEscapeOnALaterLine) {
  Failure f = failure("RETURN 'first\n  x\\z'");
  EXPECT_EQ(f.pos.line, 2u);
  EXPECT_EQ(f.pos.column, 4u);
}

TEST(StringLiterals, UnterminatedString) {
  Failure f = failure("MATCH (n) RETURN 'abc");
  EXPECT_EQ(f.code, QueryErrorCode::kSyntax);
  EXPECT_EQ(f.message, "Unterminated string literal: no closing '");
  EXPECT_EQ(f.pos.column, 18u);
  EXPECT_EQ(failure("RETURN \"abc\\\"").message, "Unterminated string literal: no closing \"");
}

}  // namespace
}  // namespace guanxi::query::testing
