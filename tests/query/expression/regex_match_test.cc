// `=~` on RE2: whole-string matches, flags, clear errors, and inputs that
// crashed (deep recursion on long strings) or hung (exponential
// backtracking) the std::regex version.
#include "query/expression/regex_match.h"

#include <chrono>
#include <string>

#include "tests/query/expression/test_support.h"

namespace guanxi::query::testing {
namespace {

Value regex(const Value& text, const Value& pattern) {
  return eval(bin(BinaryOp::kRegexMatch, text, pattern));
}

TEST(RegexMatch, MatchesTheWholeString) {
  EXPECT_TRUE(regex_full_match("A.*", "Ada"));
  EXPECT_FALSE(regex_full_match("A", "Ada"));
  EXPECT_FALSE(regex_full_match("d", "Ada"));
  EXPECT_TRUE(regex_full_match("[a-z]+\\d+", "abc123"));
  EXPECT_TRUE(regex_full_match("", ""));
}

TEST(RegexMatch, LeadingFlagGroups) {
  EXPECT_TRUE(regex_full_match("(?i)ada", "ADA"));
  EXPECT_FALSE(regex_full_match("a.b", "a\nb"));
  EXPECT_TRUE(regex_full_match("(?s)a.b", "a\nb"));
}

TEST(RegexMatch, Utf8TextAndPatterns) {
  EXPECT_TRUE(regex_full_match("关.", "关系"));
  EXPECT_TRUE(regex_full_match("(?i)ÉCOLE", "école"));
  EXPECT_TRUE(regex_full_match("\\pL+", "Guanxi关系"));
}

TEST(RegexMatch, NullOrNonStringOperandsGiveNull) {
  EXPECT_EQ(regex(Value(), Value("a")), Value());
  EXPECT_EQ(regex(Value(42), Value("42")), Value());
  EXPECT_EQ(regex(Value("Ada"), Value("A.a")), Value(true));
}

TEST(RegexMatch, InvalidPatternIsAnErrorNamingIt) {
  EXPECT_EQ(error_code([] { regex_full_match("(", "a"); }), QueryErrorCode::kInvalidArgument);
  const std::string text = error_text([] { regex_full_match("a(b", "ab"); });
  EXPECT_NE(text.find("Invalid regular expression 'a(b'"), std::string::npos) << text;
}

TEST(RegexMatch, BackreferencesAndLookaroundAreRefused) {
  EXPECT_EQ(error_code([] { regex_full_match("(a)\\1", "aa"); }), QueryErrorCode::kInvalidArgument);
  EXPECT_EQ(error_code([] { regex_full_match("a(?=b)b", "ab"); }),
            QueryErrorCode::kInvalidArgument);
}

TEST(RegexMatch, AVeryLongPatternIsQuotedByItsStart) {
  const std::string pattern = std::string(5000, 'a') + "(";
  const std::string text = error_text([&] { regex_full_match(pattern, "a"); });
  EXPECT_NE(text.find("5001 bytes"), std::string::npos) << text;
  EXPECT_LT(text.size(), 1000u);
}

TEST(RegexMatch, LongStringsDoNotExhaustTheStack) {
  // std::regex recursed once per character here and crashed.
  const std::string text(1'000'000, 'a');
  EXPECT_TRUE(regex_full_match(".*", text));
  EXPECT_TRUE(regex_full_match("(a|b)*", text));
  EXPECT_FALSE(regex_full_match("(a|b)*c", text));
}

TEST(RegexMatch, NestedQuantifiersRunInLinearTime) {
  // Exponential for a backtracking matcher: 2^48 ways to split the a's.
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(regex_full_match("(a+)+b", std::string(48, 'a') + "!"));
  EXPECT_FALSE(regex_full_match("(a|aa)*b", std::string(100'000, 'a')));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(RegexMatch, ManyDistinctPatternsStayCorrect) {
  // More patterns than the per-thread cache keeps: each still answers for itself.
  for (int i = 0; i < 600; ++i) {
    const std::string n = std::to_string(i);
    ASSERT_TRUE(regex_full_match(n + "x?", n));
    ASSERT_FALSE(regex_full_match(n + "x", n));
  }
}

}  // namespace
}  // namespace guanxi::query::testing
