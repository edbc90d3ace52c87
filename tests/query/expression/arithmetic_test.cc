#include "query/expression/arithmetic.h"

#include <cmath>
#include <limits>

#include "tests/query/expression/test_support.h"

namespace guanxi::query::testing {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

TEST(Arithmetic, IntegersStayIntegers) {
  EXPECT_EQ(add_values(2, 3), Value(5));
  EXPECT_EQ(subtract_values(2, 3), Value(-1));
  EXPECT_EQ(multiply_values(4, -3), Value(-12));
  EXPECT_EQ(divide_values(7, 2), Value(3));
  EXPECT_EQ(divide_values(-7, 2), Value(-3));
  EXPECT_EQ(modulo_values(7, 3), Value(1));
  EXPECT_EQ(modulo_values(-7, 3), Value(-1));
  EXPECT_EQ(modulo_values(Value(kMin), Value(-1)), Value(0));
}

TEST(Arithmetic, MixedNumbersBecomeFloats) {
  EXPECT_EQ(add_values(1, 0.5), Value(1.5));
  EXPECT_EQ(divide_values(7, 2.0), Value(3.5));
  EXPECT_EQ(power_values(2, 3), Value(8.0));
  EXPECT_EQ(power_values(2, -1), Value(0.5));
  EXPECT_EQ(modulo_values(7.5, 2), Value(1.5));
}

TEST(Arithmetic, IntegerOverflowIsAnError) {
  EXPECT_EQ(error_code([] { add_values(Value(kMax), Value(1)); }), QueryErrorCode::kArithmetic);
  EXPECT_EQ(error_code([] { subtract_values(Value(kMin), Value(1)); }),
            QueryErrorCode::kArithmetic);
  EXPECT_EQ(error_code([] { multiply_values(Value(kMax), Value(2)); }),
            QueryErrorCode::kArithmetic);
  EXPECT_EQ(error_code([] { divide_values(Value(kMin), Value(-1)); }), QueryErrorCode::kArithmetic);
  EXPECT_EQ(error_code([] { negate_value(Value(kMin)); }), QueryErrorCode::kArithmetic);
  EXPECT_EQ(negate_value(Value(kMax)), Value(-kMax));
}

TEST(Arithmetic, IntegerDivisionByZeroIsAnErrorFloatDivisionIsIEEE) {
  EXPECT_EQ(error_code([] { divide_values(1, 0); }), QueryErrorCode::kArithmetic);
  EXPECT_EQ(error_code([] { modulo_values(1, 0); }), QueryErrorCode::kArithmetic);
  EXPECT_EQ(divide_values(1.0, 0), Value(std::numeric_limits<double>::infinity()));
  EXPECT_EQ(divide_values(-1, 0.0), Value(-std::numeric_limits<double>::infinity()));
  EXPECT_TRUE(std::isnan(divide_values(0.0, 0).as_float()));
  EXPECT_TRUE(std::isnan(modulo_values(1.0, 0).as_float()));
}

TEST(Arithmetic, NullPropagates) {
  EXPECT_TRUE(add_values(Value(), 1).is_null());
  EXPECT_TRUE(subtract_values(1, Value()).is_null());
  EXPECT_TRUE(multiply_values(Value(), Value()).is_null());
  EXPECT_TRUE(divide_values(Value(), 0).is_null());
  EXPECT_TRUE(modulo_values(Value(), 0).is_null());
  EXPECT_TRUE(power_values(2, Value()).is_null());
  EXPECT_TRUE(negate_value(Value()).is_null());
  EXPECT_TRUE(add_values(Value(), "a").is_null());
}

TEST(Arithmetic, StringConcatenation) {
  EXPECT_EQ(add_values("ab", "cd"), Value("abcd"));
  EXPECT_EQ(add_values("a", 1), Value("a1"));
  EXPECT_EQ(add_values(1, "a"), Value("1a"));
  EXPECT_EQ(add_values("a", 1.5), Value("a1.5"));
  EXPECT_EQ(add_values("a", 2.0), Value("a2.0"));
  EXPECT_EQ(add_values("a", true), Value("atrue"));
  EXPECT_EQ(add_values("on ", date("2024-01-31")), Value("on 2024-01-31"));
  EXPECT_EQ(error_code([] { add_values(Value("a"), Value::map({})); }), QueryErrorCode::kType);
}

TEST(Arithmetic, ListConcatenation) {
  EXPECT_EQ(add_values(Value(List{1, 2}), Value(List{3})), Value(List{1, 2, 3}));
  EXPECT_EQ(add_values(Value(List{1}), 2), Value(List{1, 2}));
  EXPECT_EQ(add_values(0, Value(List{1})), Value(List{0, 1}));
  EXPECT_EQ(add_values("a", Value(List{1})), Value(List{"a", 1}));
  EXPECT_EQ(add_values(Value(List{1}), Value(List{List{2}})), Value(List{1, List{2}}));
  EXPECT_TRUE(add_values(Value(List{1}), Value()).is_null());
}

TEST(Arithmetic, TypeMismatchNamesBothTypes) {
  const std::string text = error_text([] { add_values(Value(1), Value(true)); });
  EXPECT_NE(text.find("INTEGER"), std::string::npos) << text;
  EXPECT_NE(text.find("BOOLEAN"), std::string::npos) << text;
  EXPECT_EQ(error_code([] { subtract_values(Value("a"), Value(1)); }), QueryErrorCode::kType);
  EXPECT_EQ(error_code([] { multiply_values(Value("a"), Value(2)); }), QueryErrorCode::kType);
  EXPECT_EQ(error_code([] { divide_values(Value(List{}), Value(2)); }), QueryErrorCode::kType);
  EXPECT_EQ(error_code([] { power_values(Value("2"), Value(2)); }), QueryErrorCode::kType);
  EXPECT_EQ(error_code([] { negate_value(Value("a")); }), QueryErrorCode::kType);
  EXPECT_EQ(error_code([] { subtract_values(date("2024-01-01"), date("2023-01-01")); }),
            QueryErrorCode::kType);
}

TEST(TemporalArithmetic, DatePlusDurationClampsToMonthEnd) {
  EXPECT_EQ(add_values(date("2024-01-31"), duration("P1M")), date("2024-02-29"));
  EXPECT_EQ(add_values(date("2023-01-31"), duration("P1M")), date("2023-02-28"));
  EXPECT_EQ(add_values(duration("P1Y"), date("2024-02-29")), date("2025-02-28"));
  EXPECT_EQ(add_values(date("2024-01-01"), duration("P1M10D")), date("2024-02-11"));
  EXPECT_EQ(subtract_values(date("2024-03-31"), duration("P1M")), date("2024-02-29"));
  EXPECT_EQ(add_values(date("2024-01-01"), duration("PT47H")), date("2024-01-02"));
  EXPECT_EQ(subtract_values(date("2024-01-01"), duration("P1D")), date("2023-12-31"));
}

TEST(TemporalArithmetic, DatetimePlusDuration) {
  EXPECT_EQ(add_values(datetime("2024-01-31T23:00:00Z"), duration("PT2H")),
            datetime("2024-02-01T01:00:00Z"));
  EXPECT_EQ(add_values(datetime("2024-01-31T10:00:00Z"), duration("P1MT1S")),
            datetime("2024-02-29T10:00:01Z"));
  EXPECT_EQ(subtract_values(datetime("2024-01-01T00:00:00Z"), duration("PT0.5S")),
            datetime("2023-12-31T23:59:59.5Z"));
}

Value time_of_day(const char* text) { return Value(*storage::parse_time(text)); }
Value local_time(const char* text) { return Value(*storage::parse_local_time(text)); }
Value local_datetime(const char* text) { return Value(*storage::parse_local_datetime(text)); }

TEST(TemporalArithmetic, TimesWrapAroundMidnightAndIgnoreDays) {
  EXPECT_EQ(add_values(local_time("12:31:14.000000001"), duration("P12Y5M14DT16H13M10.000000002S")),
            local_time("04:44:24.000000003"));
  EXPECT_EQ(
      subtract_values(local_time("12:31:14.000000001"), duration("P12Y5M14DT16H13M10.000000002S")),
      local_time("20:18:03.999999999"));
  EXPECT_EQ(add_values(time_of_day("23:00+01:00"), duration("PT2H")), time_of_day("01:00+01:00"));
  EXPECT_EQ(subtract_values(local_time("00:00"), duration("PT0.5S")), local_time("23:59:59.5"));
}

TEST(TemporalArithmetic, LocalAndZonedDatetimes) {
  EXPECT_EQ(
      add_values(local_datetime("1984-10-11T12:31:14.000000001"), duration("P1M-14DT15H49M10S")),
      local_datetime("1984-10-29T04:20:24.000000001"));
  // Months and days move the local date; the zone then decides the offset.
  EXPECT_EQ(add_values(datetime("2017-10-28T12:00+02:00[Europe/Stockholm]"), duration("P1D")),
            datetime("2017-10-29T12:00+01:00[Europe/Stockholm]"));
  // The exact part moves the instant.
  EXPECT_EQ(add_values(datetime("2017-10-28T12:00+02:00[Europe/Stockholm]"), duration("PT24H")),
            datetime("2017-10-29T11:00+01:00[Europe/Stockholm]"));
  EXPECT_EQ(add_values(datetime("1984-10-11T12:31:14.000000001+01:00"),
                       duration("P12Y5M14DT16H13M10.000000002S")),
            datetime("1997-03-26T04:44:24.000000003+01:00"));
}

TEST(TemporalArithmetic, DurationArithmetic) {
  EXPECT_EQ(add_values(duration("P1M"), duration("P1DT1H")), duration("P1M1DT1H"));
  EXPECT_EQ(subtract_values(duration("P1D"), duration("PT1H")), Value(Duration{0, 1, -3'600, 0}));
  EXPECT_EQ(multiply_values(duration("P1M2D"), 3), duration("P3M6D"));
  EXPECT_EQ(multiply_values(2, duration("PT1H")), duration("PT2H"));
  EXPECT_EQ(multiply_values(duration("P1D"), 1.5), duration("P1DT12H"));
  EXPECT_EQ(divide_values(duration("P2DT2H"), 2), duration("P1DT1H"));
  EXPECT_EQ(negate_value(duration("P1M")), Value(Duration{-1, 0, 0, 0}));
  EXPECT_EQ(error_code([] { divide_values(duration("P1D"), 0); }), QueryErrorCode::kArithmetic);
  EXPECT_EQ(multiply_values(duration("P12Y5M14DT16H13M10.000000001S"), 0.5),
            duration("P6Y2M22DT13H21M8S"));
  EXPECT_EQ(divide_values(duration("P12Y5M14DT16H13M10.000000001S"), 0.5),
            duration("P24Y10M28DT32H26M20.000000002S"));
  EXPECT_EQ(subtract_values(duration("PT1S"), duration("PT0.000000001S")),
            duration("PT0.999999999S"));
  EXPECT_EQ(multiply_values(duration("PT-0.5S"), 3), duration("PT-1.5S"));
  EXPECT_EQ(error_code([] {
              multiply_values(duration("PT2S"), std::numeric_limits<std::int64_t>::max());
            }),
            QueryErrorCode::kArithmetic);
  EXPECT_EQ(error_code([] { add_values(date("+999999999-12-31"), duration("P1D")); }),
            QueryErrorCode::kArithmetic);
}

TEST(ConcatenationText, PrintsScalarsAndRejectsContainers) {
  EXPECT_EQ(concatenation_text(Value(1.0)), "1.0");
  EXPECT_EQ(concatenation_text(datetime("2024-01-01T00:00:00Z")), "2024-01-01T00:00Z");
  EXPECT_EQ(concatenation_text(time_of_day("12:31:14.5+01:00")), "12:31:14.5+01:00");
  EXPECT_EQ(concatenation_text(duration("P1D")), "P1D");
  EXPECT_EQ(error_code([] { concatenation_text(Value(List{})); }), QueryErrorCode::kType);
}

}  // namespace
}  // namespace guanxi::query::testing
