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
  EXPECT_EQ(kNanosPerDay, 86'400 * kNanosPerSecond);
}

TEST(Value, TemporalValuesPrintAsTheirConstructors) {
  EXPECT_EQ(Value(LocalTime{(12 * 3600 + 5) * kNanosPerSecond + 1}).to_string(),
            "localtime(\"12:00:05.000000001\")");
  EXPECT_EQ(Value(Time{12 * 3600 * kNanosPerSecond, 3600}).to_string(), "time(\"12:00+01:00\")");
  EXPECT_EQ(Value(LocalDateTime{86'400, 500'000'000}).to_string(),
            "localdatetime(\"1970-01-02T00:00:00.5\")");
  EXPECT_EQ(Value(DateTime{0, 0, -3600, 0}).to_string(), "datetime(\"1969-12-31T23:00-01:00\")");
  EXPECT_EQ(Value(Duration{0, 0, -1, 500'000'000}).to_string(), "duration(\"PT-0.5S\")");
  EXPECT_EQ(Value(LocalTime{}).type(), ValueType::kLocalTime);
  EXPECT_STREQ(value_type_name(ValueType::kLocalDateTime), "LOCALDATETIME");
  EXPECT_THROW((void)Value(Time{}).as_local_time(), StorageError);
}

TEST(Value, UnixMicrosRoundTripBeforeAndAfterTheEpoch) {
  for (std::int64_t micros : {0LL, 1LL, -1LL, 1'700'000'000'123'456LL, -86'400'000'001LL}) {
    const DateTime t = datetime_from_unix_micros(micros);
    EXPECT_GE(t.nanos, 0);
    EXPECT_LT(t.nanos, kNanosPerSecond);
    EXPECT_EQ(unix_micros(t), micros);
  }
}

}  // namespace
}  // namespace guanxi::storage
