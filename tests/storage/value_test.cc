#include "storage/value.h"

#include <gtest/gtest.h>

#include "storage/error.h"
#include "storage/temporal.h"

namespace guanxi::storage {
namespace {

TEST(Value, TypesAndAccessors) {
  EXPECT_TRUE(Value().is_null());
  EXPECT_EQ(Value(true).as_bool(), true);
  EXPECT_EQ(Value(42).as_int(), 42);
  EXPECT_EQ(Value(1.5).as_float(), 1.5);
  EXPECT_EQ(Value("x").as_string(), "x");
  EXPECT_EQ(Value(List{1, 2}).as_list().size(), 2u);
  EXPECT_EQ(Value(Date{3}).as_date().days, 3);
  EXPECT_EQ(Value(42).type(), ValueType::kInt);
}

TEST(Value, WrongAccessorThrowsNamingTypes) {
  try {
    Value("text").as_int();
    FAIL();
  } catch (const StorageError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find("INTEGER"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("STRING"), std::string::npos);
  }
}

TEST(Value, EqualityIsStructural) {
  EXPECT_EQ(Value(1), Value(std::int64_t{1}));
  EXPECT_FALSE(Value(1) == Value(1.0));
  EXPECT_EQ(Value(List{1, "a"}), Value(List{1, "a"}));
  EXPECT_FALSE(Value(List{1}) == Value(List{2}));
}

TEST(Value, MapSortsKeysAndLastDuplicateWins) {
  Value m = Value::map({{"b", 1}, {"a", 2}, {"b", 3}});
  ASSERT_EQ(m.as_map().size(), 2u);
  EXPECT_EQ(m.as_map()[0].first, "a");
  EXPECT_EQ(m.as_map()[1].second, Value(3));
}

TEST(Value, ToString) {
  EXPECT_EQ(Value().to_string(), "null");
  EXPECT_EQ(Value(-7).to_string(), "-7");
  EXPECT_EQ(Value(0.1).to_string(), "0.1");
  EXPECT_EQ(Value(2.0).to_string(), "2.0");
  EXPECT_EQ(Value("a\"b").to_string(), "\"a\\\"b\"");
  EXPECT_EQ(Value(List{1, "x", Value()}).to_string(), "[1, \"x\", null]");
  EXPECT_EQ(Value::map({{"k", true}}).to_string(), "{k: true}");
  EXPECT_EQ(Value(*parse_date("2024-02-29")).to_string(), "date(\"2024-02-29\")");
}

TEST(Temporal, CivilRoundTripOverWideRange) {
  for (std::int64_t d = -800000; d <= 800000; d += 37) {
    std::int64_t y;
    unsigned m, day;
    civil_from_days(d, &y, &m, &day);
    EXPECT_EQ(days_from_civil(y, m, day), d);
  }
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
}

TEST(Temporal, LeapYearsAndMonthLengths) {
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_FALSE(is_leap_year(2023));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_TRUE(is_leap_year(-4));  // proleptic: 5 BC
  EXPECT_EQ(days_in_month(2024, 2), 29u);
  EXPECT_EQ(days_in_month(2023, 2), 28u);
  EXPECT_EQ(days_in_month(1900, 2), 28u);
  EXPECT_EQ(days_in_month(2023, 1), 31u);
  EXPECT_EQ(days_in_month(2023, 4), 30u);
  EXPECT_EQ(days_in_month(2023, 12), 31u);
  EXPECT_EQ(kMicrosPerDay, 86'400 * kMicrosPerSecond);
}

TEST(Temporal, ParseDate) {
  EXPECT_EQ(parse_date("1970-01-02")->days, 1);
  EXPECT_EQ(format_date(*parse_date("2024-02-29")), "2024-02-29");
  EXPECT_FALSE(parse_date("2023-02-29"));
  EXPECT_FALSE(parse_date("2023-13-01"));
  EXPECT_FALSE(parse_date("2023-1-01"));
  EXPECT_FALSE(parse_date("20230101"));
  EXPECT_FALSE(parse_date("2023-01-01x"));
  EXPECT_FALSE(parse_date(""));
}

TEST(Temporal, ParseDateTimeWithZones) {
  auto t = parse_datetime("2024-01-31T12:30:05.123456Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_datetime(*t), "2024-01-31T12:30:05.123456Z");
  EXPECT_EQ(parse_datetime("2024-01-31T14:30:05+02:00")->micros,
            parse_datetime("2024-01-31T12:30:05Z")->micros);
  EXPECT_EQ(parse_datetime("2024-01-31T07:30-0500")->micros,
            parse_datetime("2024-01-31T12:30Z")->micros);
  EXPECT_EQ(parse_datetime("2024-01-31")->micros, parse_datetime("2024-01-31T00:00:00")->micros);
  EXPECT_EQ(format_datetime(*parse_datetime("1969-12-31T23:59:59.5Z")), "1969-12-31T23:59:59.5Z");
  EXPECT_FALSE(parse_datetime("2024-01-31T25:00"));
  EXPECT_FALSE(parse_datetime("2024-01-31T12:00:00.Z"));
  EXPECT_FALSE(parse_datetime("2024-01-31T12:00+"));
}

TEST(Temporal, ParseDuration) {
  auto d = parse_duration("P1Y2M3W4DT5H6M7.5S");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->months, 14);
  EXPECT_EQ(d->days, 25);
  EXPECT_EQ(d->micros, ((5 * 60 + 6) * 60 + 7) * 1000000LL + 500000);
  EXPECT_EQ(format_duration(*parse_duration("PT0.001S")), "PT0.001S");
  EXPECT_EQ(format_duration(*parse_duration("P1Y2M3DT4H5M6.5S")), "P1Y2M3DT4H5M6.5S");
  EXPECT_EQ(parse_duration("-P1D")->days, -1);
  EXPECT_EQ(format_duration(Duration{}), "PT0S");
  EXPECT_FALSE(parse_duration("P"));
  EXPECT_FALSE(parse_duration("1D"));
  EXPECT_FALSE(parse_duration("P1.5D"));
  EXPECT_FALSE(parse_duration("PT1X"));
}

}  // namespace
}  // namespace guanxi::storage
