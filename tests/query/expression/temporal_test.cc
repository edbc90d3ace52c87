#include "tests/query/expression/test_support.h"

namespace guanxi::query::testing {
namespace {

const Value kN;

Value field(const Value& v, const char* name) { return eval(prop(lit(v), name)); }

TEST(TemporalConstructors, FromStrings) {
  EXPECT_EQ(fn("date", {"2024-02-29"}), date("2024-02-29"));
  EXPECT_EQ(fn("datetime", {"2024-02-29T10:00:00+02:00"}), datetime("2024-02-29T08:00:00Z"));
  EXPECT_EQ(fn("datetime", {"2024-02-29"}), datetime("2024-02-29T00:00:00Z"));
  EXPECT_EQ(fn("duration", {"P1DT2H"}), Value(Duration{0, 1, 7'200'000'000LL}));
  EXPECT_EQ(error_code([] { fn("date", {"2024-13-01"}); }), QueryErrorCode::kInvalidArgument);
  EXPECT_EQ(error_code([] { fn("date", {"2023-02-29"}); }), QueryErrorCode::kInvalidArgument);
  EXPECT_EQ(error_code([] { fn("datetime", {"yesterday"}); }), QueryErrorCode::kInvalidArgument);
  EXPECT_EQ(error_code([] { fn("duration", {"1D"}); }), QueryErrorCode::kInvalidArgument);
  EXPECT_EQ(error_code([] { fn("date", {1}); }), QueryErrorCode::kType);
  EXPECT_EQ(error_code([] { fn("duration", {true}); }), QueryErrorCode::kType);
  for (const char* name : {"date", "datetime", "duration"}) EXPECT_EQ(fn(name, {kN}), kN) << name;
}

TEST(TemporalConstructors, NoArgumentsGiveTheStatementClock) {
  EXPECT_EQ(fn("date", {}), date("2024-05-17"));
  EXPECT_EQ(fn("datetime", {}), datetime("2024-05-17T10:30:00Z"));
  EXPECT_EQ(fn("timestamp", {}), Value(std::int64_t{1715941800000}));
}

TEST(TemporalConstructors, ConversionsBetweenTemporalTypes) {
  EXPECT_EQ(fn("date", {datetime("2024-05-17T23:59:59Z")}), date("2024-05-17"));
  EXPECT_EQ(fn("datetime", {date("2024-05-17")}), datetime("2024-05-17T00:00:00Z"));
  EXPECT_EQ(fn("date", {date("2024-05-17")}), date("2024-05-17"));
}

TEST(TemporalConstructors, FromMaps) {
  EXPECT_EQ(fn("date", {Value::map({{"year", 2024}, {"month", 2}, {"day", 29}})}),
            date("2024-02-29"));
  EXPECT_EQ(fn("date", {Value::map({{"year", 2024}})}), date("2024-01-01"));
  EXPECT_EQ(fn("date", {Value::map({{"year", 2024}, {"week", 1}, {"dayOfWeek", 1}})}),
            date("2024-01-01"));
  EXPECT_EQ(fn("date", {Value::map({{"year", 2020}, {"week", 53}, {"dayOfWeek", 5}})}),
            date("2021-01-01"));
  EXPECT_EQ(fn("date", {Value::map({{"year", 2024}, {"ordinalDay", 60}})}), date("2024-02-29"));
  EXPECT_EQ(fn("date", {Value::map({{"year", 2024}, {"quarter", 2}, {"dayOfQuarter", 1}})}),
            date("2024-04-01"));
  EXPECT_EQ(error_code([] {
              fn("date", {Value::map({{"year", 2023}, {"month", 2}, {"day", 29}})});
            }),
            QueryErrorCode::kInvalidArgument);
  EXPECT_EQ(error_code([] {
              fn("date", {Value::map({{"month", 2}})});
            }),
            QueryErrorCode::kInvalidArgument);
  EXPECT_EQ(error_code([] {
              fn("date", {Value::map({{"year", 2024}, {"colour", 1}})});
            }),
            QueryErrorCode::kInvalidArgument);
  EXPECT_EQ(error_code([] {
              fn("date", {Value::map({{"year", "2024"}})});
            }),
            QueryErrorCode::kType);
  EXPECT_EQ(fn("datetime", {Value::map({{"year", 2024},
                                        {"month", 1},
                                        {"day", 1},
                                        {"hour", 12},
                                        {"minute", 30},
                                        {"timezone", "+02:00"}})}),
            datetime("2024-01-01T10:30:00Z"));
  EXPECT_EQ(fn("datetime", {Value::map({{"year", 2024},
                                        {"month", 1},
                                        {"day", 1},
                                        {"second", 1},
                                        {"millisecond", 5},
                                        {"microsecond", 6}})}),
            datetime("2024-01-01T00:00:01.005006Z"));
  EXPECT_EQ(fn("datetime", {Value::map({{"epochSeconds", 86401}})}),
            datetime("1970-01-02T00:00:01Z"));
  EXPECT_EQ(fn("datetime", {Value::map({{"epochMillis", 1500}})}),
            datetime("1970-01-01T00:00:01.5Z"));
  EXPECT_EQ(error_code([] {
              fn("datetime", {Value::map({{"year", 2024}, {"hour", 24}})});
            }),
            QueryErrorCode::kInvalidArgument);
  EXPECT_EQ(error_code([] {
              fn("datetime", {Value::map({{"year", 2024}, {"timezone", "Mars/Base"}})});
            }),
            QueryErrorCode::kInvalidArgument);
  EXPECT_EQ(fn("datetime.fromepoch", {1, 500000000}), datetime("1970-01-01T00:00:01.5Z"));
  EXPECT_EQ(fn("datetime.fromepochmillis", {2000}), datetime("1970-01-01T00:00:02Z"));
}

TEST(TemporalConstructors, DurationsFromMapsSpillFractionsDown) {
  EXPECT_EQ(str(fn("duration", {Value::map({{"days", 1}, {"hours", 2}})})), "duration('P1DT2H')");
  EXPECT_EQ(str(fn("duration", {Value::map({{"weeks", 2}})})), "duration('P14D')");
  EXPECT_EQ(str(fn("duration", {Value::map({{"minutes", 90}})})), "duration('PT1H30M')");
  EXPECT_EQ(str(fn("duration", {Value::map({{"years", 1}, {"months", 3}})})), "duration('P1Y3M')");
  EXPECT_EQ(str(fn("duration", {Value::map({{"days", 1.5}})})), "duration('P1DT12H')");
  EXPECT_EQ(str(fn("duration", {Value::map({{"months", 1.5}})})), "duration('P1M15DT5H14M33S')");
  EXPECT_EQ(str(fn("duration", {Value::map({{"seconds", 1}, {"milliseconds", 500}})})),
            "duration('PT1.5S')");
  EXPECT_EQ(error_code([] {
              fn("duration", {Value::map({{"fortnights", 1}})});
            }),
            QueryErrorCode::kInvalidArgument);
  EXPECT_EQ(error_code([] {
              fn("duration", {Value::map({{"days", "1"}})});
            }),
            QueryErrorCode::kInvalidArgument);
}

TEST(TemporalFields, Dates) {
  const Value d = date("2024-05-17");
  EXPECT_EQ(field(d, "year"), Value(2024));
  EXPECT_EQ(field(d, "month"), Value(5));
  EXPECT_EQ(field(d, "day"), Value(17));
  EXPECT_EQ(field(d, "quarter"), Value(2));
  EXPECT_EQ(field(d, "week"), Value(20));
  EXPECT_EQ(field(d, "weekYear"), Value(2024));
  EXPECT_EQ(field(d, "dayOfWeek"), Value(5));
  EXPECT_EQ(field(d, "ordinalDay"), Value(138));
  EXPECT_EQ(field(d, "dayOfQuarter"), Value(47));
  EXPECT_EQ(field(date("2021-01-01"), "week"), Value(53));
  EXPECT_EQ(field(date("2021-01-01"), "weekYear"), Value(2020));
  EXPECT_EQ(field(date("2024-05-19"), "dayOfWeek"), Value(7));
}

TEST(TemporalFields, Datetimes) {
  const Value t = datetime("2024-05-17T10:30:05.123456Z");
  EXPECT_EQ(field(t, "year"), Value(2024));
  EXPECT_EQ(field(t, "hour"), Value(10));
  EXPECT_EQ(field(t, "minute"), Value(30));
  EXPECT_EQ(field(t, "second"), Value(5));
  EXPECT_EQ(field(t, "millisecond"), Value(123));
  EXPECT_EQ(field(t, "microsecond"), Value(123456));
  EXPECT_EQ(field(t, "nanosecond"), Value(123456000));
  EXPECT_EQ(field(t, "timezone"), Value("Z"));
  EXPECT_EQ(field(datetime("1970-01-02T00:00:01Z"), "epochSeconds"), Value(86401));
  EXPECT_EQ(field(datetime("1970-01-02T00:00:01Z"), "epochMillis"), Value(86401000));
  EXPECT_EQ(field(datetime("1969-12-31T23:59:59Z"), "epochSeconds"), Value(-1));
  EXPECT_EQ(field(datetime("1969-12-31T23:59:59Z"), "hour"), Value(23));
}

TEST(TemporalFields, Durations) {
  const Value d = duration("P1Y2M10DT3H4M5.5S");
  EXPECT_EQ(field(d, "years"), Value(1));
  EXPECT_EQ(field(d, "months"), Value(14));
  EXPECT_EQ(field(d, "monthsOfYear"), Value(2));
  EXPECT_EQ(field(d, "quarters"), Value(4));
  EXPECT_EQ(field(d, "quartersOfYear"), Value(0));
  EXPECT_EQ(field(d, "monthsOfQuarter"), Value(2));
  EXPECT_EQ(field(d, "days"), Value(10));
  EXPECT_EQ(field(d, "weeks"), Value(1));
  EXPECT_EQ(field(d, "daysOfWeek"), Value(3));
  EXPECT_EQ(field(d, "hours"), Value(3));
  EXPECT_EQ(field(d, "minutes"), Value(184));
  EXPECT_EQ(field(d, "minutesOfHour"), Value(4));
  EXPECT_EQ(field(d, "seconds"), Value(11045));
  EXPECT_EQ(field(d, "secondsOfMinute"), Value(5));
  EXPECT_EQ(field(d, "milliseconds"), Value(11045500));
  EXPECT_EQ(field(d, "millisecondsOfSecond"), Value(500));
  EXPECT_EQ(field(duration("-PT0.5S"), "seconds"), Value(-1));
  EXPECT_EQ(field(duration("-PT0.5S"), "millisecondsOfSecond"), Value(500));
}

TEST(Truncation, DatesAndDatetimes) {
  const Value d = date("2024-05-17");
  EXPECT_EQ(fn("date.truncate", {"millennium", d}), date("2000-01-01"));
  EXPECT_EQ(fn("date.truncate", {"century", d}), date("2000-01-01"));
  EXPECT_EQ(fn("date.truncate", {"decade", d}), date("2020-01-01"));
  EXPECT_EQ(fn("date.truncate", {"year", d}), date("2024-01-01"));
  EXPECT_EQ(fn("date.truncate", {"quarter", d}), date("2024-04-01"));
  EXPECT_EQ(fn("date.truncate", {"month", d}), date("2024-05-01"));
  EXPECT_EQ(fn("date.truncate", {"week", d}), date("2024-05-13"));
  EXPECT_EQ(fn("date.truncate", {"weekYear", date("2021-01-01")}), date("2019-12-30"));
  EXPECT_EQ(fn("date.truncate", {"day", d}), d);
  EXPECT_EQ(fn("date.truncate", {"month", datetime("2024-05-17T10:00:00Z")}), date("2024-05-01"));
  const Value t = datetime("2024-05-17T10:30:05.123Z");
  EXPECT_EQ(fn("datetime.truncate", {"hour", t}), datetime("2024-05-17T10:00:00Z"));
  EXPECT_EQ(fn("datetime.truncate", {"minute", t}), datetime("2024-05-17T10:30:00Z"));
  EXPECT_EQ(fn("datetime.truncate", {"second", t}), datetime("2024-05-17T10:30:05Z"));
  EXPECT_EQ(fn("datetime.truncate", {"day", t}), datetime("2024-05-17T00:00:00Z"));
  EXPECT_EQ(fn("datetime.truncate", {"month", d}), datetime("2024-05-01T00:00:00Z"));
  EXPECT_EQ(fn("datetime.truncate", {"week", t}), datetime("2024-05-13T00:00:00Z"));
  EXPECT_EQ(error_code([&] {
              fn("date.truncate", {"hour", d});
            }),
            QueryErrorCode::kInvalidArgument);
  EXPECT_EQ(error_code([&] {
              fn("datetime.truncate", {"fortnight", t});
            }),
            QueryErrorCode::kInvalidArgument);
  EXPECT_EQ(error_code([&] { fn("date.truncate", {"day", Value(1)}); }), QueryErrorCode::kType);
  EXPECT_EQ(fn("date.truncate", {"day", kN}), kN);
}

TEST(Between, MonthsThenDaysThenTime) {
  EXPECT_EQ(str(fn("duration.between", {date("2024-01-31"), date("2024-03-01")})),
            "duration('P1M1D')");
  EXPECT_EQ(fn("duration.between", {date("2024-03-01"), date("2024-01-31")}),
            Value(Duration{-1, -1, 0}));
  EXPECT_EQ(str(fn("duration.between",
                   {datetime("2024-01-01T10:00:00Z"), datetime("2024-01-02T09:00:00Z")})),
            "duration('PT23H')");
  EXPECT_EQ(str(fn("duration.between", {date("2024-01-01"), datetime("2025-02-03T04:00:00Z")})),
            "duration('P1Y1M2DT4H')");
  EXPECT_EQ(str(fn("duration.inDays", {date("2024-01-01"), date("2024-03-01")})),
            "duration('P60D')");
  EXPECT_EQ(str(fn("duration.inMonths", {date("2024-01-31"), date("2024-03-30")})),
            "duration('P1M')");
  EXPECT_EQ(str(fn("duration.inSeconds",
                   {datetime("2024-01-01T00:00:00Z"), datetime("2024-01-01T01:00:30Z")})),
            "duration('PT1H30S')");
  EXPECT_EQ(fn("duration.between", {kN, date("2024-01-01")}), kN);
  EXPECT_EQ(error_code([] {
              fn("duration.between", {Value(1), date("2024-01-01")});
            }),
            QueryErrorCode::kType);
}

}  // namespace
}  // namespace guanxi::query::testing
