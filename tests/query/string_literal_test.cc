// string_literal: the one quoting of text as a Cypher string literal.
#include "query/string_literal.h"

#include <gtest/gtest.h>

#include <string>

#include "query/value.h"

namespace guanxi::query {
namespace {

TEST(StringLiteral, QuotesAndEscapes) {
  EXPECT_EQ(string_literal(""), "''");
  EXPECT_EQ(string_literal("Ada"), "'Ada'");
  EXPECT_EQ(string_literal("it's"), "'it\\'s'");
  EXPECT_EQ(string_literal("a\\b"), "'a\\\\b'");
  EXPECT_EQ(string_literal("l1\nl2\r\tx"), "'l1\\nl2\\r\\tx'");
}

TEST(StringLiteral, OtherControlCharactersAsUnicodeEscapes) {
  EXPECT_EQ(string_literal(std::string("a\x07") + '\0' + "\x1f\x7f"),
            "'a\\u0007\\u0000\\u001f\\u007f'");
}

TEST(StringLiteral, Utf8IsCopiedAsItIs) {
  EXPECT_EQ(string_literal("\xE4\xB8\xAD\xE6\x96\x87 caf\xC3\xA9"),
            "'\xE4\xB8\xAD\xE6\x96\x87 caf\xC3\xA9'");
}

TEST(StringLiteral, AppendsToWhatIsThere) {
  std::string out = "x = ";
  append_string_literal(out, "y");
  EXPECT_EQ(out, "x = 'y'");
}

TEST(StringLiteral, IsHowValuesPrintStrings) {
  EXPECT_EQ(Value("it's\x01").to_string(), "'it\\'s\\u0001'");
  EXPECT_EQ(Value::map({{"k", Value("v")}}).to_string(), "{k: 'v'}");
}

}  // namespace
}  // namespace guanxi::query
