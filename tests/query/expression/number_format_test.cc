#include "query/expression/number_format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <optional>

namespace guanxi::query {
namespace {

TEST(ShortestDigits, DigitsAndExponent) {
  DecimalDigits d = shortest_digits(1234.5);
  EXPECT_EQ(d.digits, "12345");
  EXPECT_EQ(d.exponent, 3);
  d = shortest_digits(-0.00125);
  EXPECT_EQ(d.digits, "125");
  EXPECT_EQ(d.exponent, -3);
  d = shortest_digits(100.0);
  EXPECT_EQ(d.digits, "1");
  EXPECT_EQ(d.exponent, 2);
}

TEST(FormatFloat, RoundTripsEveryPrintedValue) {
  for (double x : {0.1, 1.0 / 3.0, 2.0 / 3.0 * 1e10, 123456.789, 5e-324, 1.7976931348623157e308,
                   -9.999999e6, 0.001, 9999999.0}) {
    const std::string text = format_float(x);
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), x) << text;
  }
  EXPECT_EQ(format_float(9999999.0), "9999999.0");
  EXPECT_EQ(format_float(5e-324), "5.0E-324");
  EXPECT_EQ(format_float(-0.0), "-0.0");
}

TEST(ParseFloatText, DecimalNumbersOnly) {
  EXPECT_EQ(parse_float_text("1.5"), 1.5);
  EXPECT_EQ(parse_float_text(" -2e3 "), -2000.0);
  EXPECT_EQ(parse_float_text("+4"), 4.0);
  EXPECT_EQ(parse_float_text(".5"), 0.5);
  EXPECT_EQ(parse_float_text("abc"), std::nullopt);
  EXPECT_EQ(parse_float_text("1.5x"), std::nullopt);
  EXPECT_EQ(parse_float_text(""), std::nullopt);
  EXPECT_EQ(parse_float_text("inf"), std::nullopt);
  EXPECT_EQ(parse_float_text("nan"), std::nullopt);
}

}  // namespace
}  // namespace guanxi::query
