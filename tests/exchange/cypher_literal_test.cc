// Cypher literals of the dump: every property value is written so that the
// loader's reader (and the query language) reads back exactly that value.
#include "exchange/cypher_literal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "storage/time_zone.h"

namespace guanxi::exchange {
namespace {

std::string literal(const query::Value& v) {
  std::string out;
  append_literal(out, v);
  return out;
}

storage::Value read(const std::string& text) {
  LiteralReader reader(text);
  storage::Value v = reader.value();
  EXPECT_TRUE(reader.at_end()) << text;
  return v;
}

TEST(CypherLiteralTest, WritesReadableLiterals) {
  EXPECT_EQ(literal(query::Value()), "null");
  EXPECT_EQ(literal(query::Value(true)), "true");
  EXPECT_EQ(literal(query::Value(std::int64_t{-7})), "-7");
  EXPECT_EQ(literal(query::Value(1.0)), "1.0");
  EXPECT_EQ(literal(query::Value(0.1)), "0.1");
  EXPECT_EQ(literal(query::Value(1e20)), "1.0e20");
  EXPECT_EQ(literal(query::Value(-2.5e-300)), "-2.5e-300");
  EXPECT_EQ(literal(query::Value(std::nan(""))), "(0.0 / 0.0)");
  EXPECT_EQ(literal(query::Value("it's \\ a\n\ttest")), "'it\\'s \\\\ a\\n\\ttest'");
  EXPECT_EQ(literal(query::Value("王小明")), "'王小明'");
  EXPECT_EQ(literal(query::Value(std::string("\x01", 1))), "'\\u0001'");
  EXPECT_EQ(literal(query::Value(query::List{query::Value(1), query::Value("two")})), "[1, 'two']");
  EXPECT_EQ(literal(query::Value::map({{"b", query::Value(1)}, {"odd key", query::Value(2)}})),
            "{b: 1, `odd key`: 2}");
  EXPECT_EQ(literal(query::Value(storage::Date{0})), "date('1970-01-01')");
  EXPECT_EQ(literal(query::Value(storage::Duration{1, 2, 3, 0})), "duration('P1M2DT3S')");
  EXPECT_THROW(literal(query::Value(query::NodeRef{1})), std::invalid_argument);
}

TEST(CypherLiteralTest, IdentifiersAreQuotedWhenNeeded) {
  EXPECT_EQ(identifier("Customer"), "Customer");
  EXPECT_EQ(identifier("客户"), "`客户`");
  EXPECT_EQ(identifier("a`b"), "`a``b`");
  EXPECT_EQ(identifier("row"), "`row`");
  EXPECT_EQ(identifier("2fa"), "`2fa`");
  LiteralReader reader("`a``b` Customer `客户`");
  EXPECT_EQ(reader.name(), "a`b");
  EXPECT_EQ(reader.name(), "Customer");
  EXPECT_EQ(reader.name(), "客户");
}

TEST(CypherLiteralTest, EveryValueReadsBackExactly) {
  const std::vector<query::Value> values = {
      query::Value(),
      query::Value(false),
      query::Value(std::numeric_limits<std::int64_t>::min()),
      query::Value(std::numeric_limits<std::int64_t>::max()),
      query::Value(0.1),
      query::Value(-0.0),
      query::Value(1.0 / 3.0),
      query::Value(5e-324),
      query::Value(1.7976931348623157e308),
      query::Value(std::numeric_limits<double>::infinity()),
      query::Value(-std::numeric_limits<double>::infinity()),
      query::Value(std::string("nul\0byte and \x7f", 14)),
      query::Value("中文 '引号' \\ 反斜杠"),
      query::Value(query::List{query::Value(query::List{query::Value(1)}), query::Value()}),
      query::Value::map({{"k", query::Value(query::List{})}, {"m", query::Value::map({})}}),
      query::Value(storage::Date{-719162}),
      query::Value(storage::DateTime{1'704'164'645, 500'000'001, -5 * 3600, 0}),
      query::Value(storage::Duration{14, 3, 1, 500'001'000}),
      query::Value(storage::LocalTime{1}),
      query::Value(storage::Time{2, 3600}),
      query::Value(storage::LocalDateTime{-1, 999'999'999}),
      query::Value(
          storage::DateTime{1'704'164'645, 0, 3600, *storage::find_time_zone("Europe/Stockholm")}),
  };
  for (const query::Value& v : values) {
    const std::string text = literal(v);
    EXPECT_EQ(read(text), query::to_storage(v)) << text;
  }
  EXPECT_TRUE(std::isnan(read("(0.0 / 0.0)").as_float()));
}

TEST(CypherLiteralTest, BadInputIsAnError) {
  for (const char* bad : {"", "'open", "[1, 2", "{a 1}", "date('nope')", "1.2.3", "@"}) {
    LiteralReader reader(bad);
    EXPECT_THROW(reader.value(), std::runtime_error) << bad;
  }
  std::string deep(100, '[');
  LiteralReader reader(deep);
  EXPECT_THROW(reader.value(), std::runtime_error);
}

}  // namespace
}  // namespace guanxi::exchange
