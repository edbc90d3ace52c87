// Limits: very long texts, deep nesting and tall expressions give an error,
// never a crash (this file also runs under ASan).
#include <gtest/gtest.h>

#include <string>

#include "tests/query/parser/parser_test_support.h"

namespace guanxi::query::testing {
namespace {

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

TEST(Limits, QueryLongerThanOneMebibyte) {
  std::string text = "RETURN '" + std::string(parser::kMaxQueryBytes, 'x') + "'";
  Failure f = failure(text);
  EXPECT_EQ(f.code, QueryErrorCode::kLimit);
  EXPECT_TRUE(f.message.starts_with("Query too long")) << f.message;
}

TEST(Limits, LongButFlatQueriesAreFine) {
  std::string list = "RETURN [" + repeat("1, ", 2000) + "1]";
  ast::Statement s = parse(list);
  EXPECT_EQ(clause(s).projection.items[0].expression->children.size(), 2001u);
}

TEST(Limits, NestingUpToTheLimitParses) {
  const int depth = parser::kMaxNestingDepth - 10;
  std::string text = "RETURN " + repeat("(", depth) + "1" + repeat(")", depth);
  ast::Statement s = parse(text);
  EXPECT_EQ(dump(clause(s).projection.items[0].expression), "1");
}

TEST(Limits, HundredThousandOpeningParenthesesGiveAnError) {
  std::string text = "RETURN " + repeat("(", 100000);
  Failure f = failure(text);
  EXPECT_EQ(f.code, QueryErrorCode::kLimit);
  EXPECT_TRUE(f.message.starts_with("Query nested too deeply")) << f.message;
  EXPECT_EQ(f.pos.column, 8u + parser::kMaxNestingDepth);
}

TEST(Limits, DeeplyNestedListsAndMaps) {
  EXPECT_EQ(failure("RETURN " + repeat("[", 5000) + repeat("]", 5000)).code,
            QueryErrorCode::kLimit);
  EXPECT_EQ(failure("RETURN " + repeat("{a: ", 5000) + "1" + repeat("}", 5000)).code,
            QueryErrorCode::kLimit);
  EXPECT_EQ(failure("RETURN " + repeat("f(", 5000) + repeat(")", 5000)).code,
            QueryErrorCode::kLimit);
}

TEST(Limits, DeeplyNestedCaseExpressions) {
  std::string text = "RETURN " + repeat("CASE WHEN ", 3000) + "true" + repeat(" THEN 1 END", 3000);
  EXPECT_EQ(failure(text).code, QueryErrorCode::kLimit);
}

TEST(Limits, CaseAndEndAsPropertyKeysDoNotCountAsNesting) {
  // 300 of each would be 300 levels if they counted; the chain is merely tall.
  std::string text = "RETURN " + repeat("n.case + n.end + ", 300) + "1";
  EXPECT_NO_THROW(parse(text));
  Failure f = failure("RETURN " + repeat("n.case + n.end + ", 501) + "1");
  EXPECT_TRUE(f.message.starts_with("Expression too deeply nested")) << f.message;
}

TEST(Limits, LongOperatorChainsAreBoundedByExpressionHeight) {
  std::string ok = "RETURN " + repeat("1 + ", 500) + "1";
  EXPECT_NO_THROW(parse(ok));
  std::string tall = "RETURN " + repeat("1 + ", 3000) + "1";
  Failure f = failure(tall);
  EXPECT_EQ(f.code, QueryErrorCode::kLimit);
  EXPECT_TRUE(f.message.starts_with("Expression too deeply nested")) << f.message;
}

TEST(Limits, LongPrefixOperatorChains) {
  EXPECT_EQ(failure("RETURN " + repeat("NOT ", 3000) + "true").code, QueryErrorCode::kLimit);
  EXPECT_EQ(failure("RETURN " + repeat("- ", 3000) + "x").code, QueryErrorCode::kLimit);
  EXPECT_EQ(failure("RETURN x" + repeat(".a", 3000)).code, QueryErrorCode::kLimit);
}

TEST(Limits, ManyClausesAndPatternPartsAreFine) {
  std::string text = repeat("MATCH (a)-->(b) ", 2000) + "RETURN 1";
  ast::Statement s = parse(text);
  EXPECT_EQ(s.query.parts[0].clauses.size(), 2001u);
}

}  // namespace
}  // namespace guanxi::query::testing
