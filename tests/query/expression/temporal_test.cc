#include "tests/query/expression/test_support.h"

namespace guanxi::query::testing {
namespace {

const Value kN;

Value field(const Value& v, const char* name) { return eval(prop(lit(v), name)); }

TEST(TemporalConstructors, FromStrings) {
  EXPECT_EQ(fn("date", {"2024-02-29"}), date("2024-02-29"));
  EXPECT_EQ(fn("datetime", {"2024-02-29T10:00:00+02:00"}), datetime("2024-02-29T10:00:00+02:00"));
  EXPECT_EQ(fn("datetime", {"2024-02-29"}), datetime("2024-02-29T00:00:00Z"));
  EXPECT_EQ(fn("localtime", {"12:31:14.645876123"}), Value(LocalTime{45'074'645'876'123}));
  EXPECT_EQ(fn("time", {"12:00+01:00"}), Value(Time{43'200'000'000'000, 3600}));
  EXPECT_EQ(fn("localdatetime", {"1970-01-02T00:00:01"}), Value(LocalDateTime{86'401, 0}));
  EXPECT_EQ(fn("duration", {"P1DT2H"}), Value(Duration{0, 1, 7'200, 0}));
  EXPECT_EQ(error_code([] { fn("date", {"2024-13-01"}); }), QueryErrorCode::kInvalidArgument);
  EXPECT_EQ(error_code([] { fn("date", {"2023-02-29"}); }), QueryErrorCode::kInvalidArgument);
  EXPECT_EQ(error_code([] { fn("datetime", {"yesterday"}); }), QueryErrorCode::kInvalidArgument);
  EXPECT_EQ(error_code([] { fn("duration", {"1D"}); }), QueryErrorCode::kInvalidArgument);
  EXPECT_EQ(error_code([] { fn("date", {1}); }), QueryErrorCode::kType);
  EXPECT_EQ(error_code([] { fn("duration", {true}); }), QueryErrorCode::kType);
  for (const char* name : {"date", "localtime", "time", "localdatetime", "datetime", "duration",
                           "date.statement", "time.transaction", "datetime.realtime"})
    EXPECT_EQ(fn(name, {kN}), kN) << name;
}

TEST(TemporalConstructors, NoArgumentsGiveTheStatementClock) {
  EXPECT_EQ(fn("date", {}), date("2024-05-17"));
  EXPECT_EQ(fn("datetime", {}), datetime("2024-05-17T10:30:00Z"));
  EXPECT_EQ(fn("localtime.statement", {}), Value(LocalTime{37'800'000'000'000}));
  EXPECT_EQ(fn("time.transaction", {"+02:00"}), Value(Time{45'000'000'000'000, 7200}));
  EXPECT_EQ(str(fn("datetime.statement", {"Europe/Stockholm"})),
            "datetime('2024-05-17T12:30+02:00[Europe/Stockholm]')");
  EXPECT_EQ(str(fn("date", {Value::map({{"timezone", "Pacific/Kiritimati"}})})),
            "date('2024-05-18')");
  EXPECT_EQ(fn("timestamp", {}), Value(std::int64_t{1715941800000}));
}

TEST(TemporalConstructors, ConversionsBetweenTemporalTypes) {
  EXPECT_EQ(fn("date", {datetime("2024-05-17T23:59:59Z")}), date("2024-05-17"));
  EXPECT_EQ(fn("datetime", {date("2024-05-17")}), datetime("2024-05-17T00:00:00Z"));
  EXPECT_EQ(fn("date", {date("2024-05-17")}), date("2024-05-17"));
  const Value zoned = datetime("2024-05-17T23:59:59.5+02:00");
  EXPECT_EQ(str(fn("localtime", {zoned})), "localtime('23:59:59.5')");
  EXPECT_EQ(str(fn("time", {zoned})), "time('23:59:59.5+02:00')");
  EXPECT_EQ(str(fn("localdatetime", {zoned})), "localdatetime('2024-05-17T23:59:59.5')");
  EXPECT_EQ(str(fn("time", {fn("localtime", {"10:00"})})), "time('10:00Z')");
  EXPECT_EQ(error_code([] { fn("date", {fn("localtime", {"10:00"})}); }), QueryErrorCode::kType);
}

TEST(TemporalConstructors, SelectionFromOtherValues) {
  // Week fields count in the base's week-based year.
  EXPECT_EQ(fn("date", {Value::map({{"date", date("1816-12-30")}, {"week", 2}, {"dayOfWeek", 3}})}),
            date("1817-01-08"));
  EXPECT_EQ(fn("date", {Value::map({{"date", date("1816-12-31")}, {"week", 2}})}),
            date("1817-01-07"));
  EXPECT_EQ(fn("date", {Value::map({{"date", date("1984-11-11")}, {"quarter", 3}})}),
            date("1984-08-11"));
  const Value stockholm = fn("datetime", {Value::map({{"year", 1984},
                                                      {"month", 10},
                                                      {"day", 11},
                                                      {"hour", 12},
                                                      {"timezone", "Europe/Stockholm"}})});
  EXPECT_EQ(str(stockholm), "datetime('1984-10-11T12:00+01:00[Europe/Stockholm]')");
  // A new zone moves a selected zoned time to the same instant there.
  EXPECT_EQ(str(fn("time", {Value::map({{"time", stockholm}, {"timezone", "+05:00"}})})),
            "time('16:00+05:00')");
  EXPECT_EQ(str(fn("datetime", {Value::map({{"datetime", stockholm},
                                            {"day", 28},
                                            {"second", 42},
                                            {"timezone", "Pacific/Honolulu"}})})),
            "datetime('1984-10-28T01:00:42-10:00[Pacific/Honolulu]')");
  // A named zone decides the offset of the new local date.
  EXPECT_EQ(str(fn("datetime", {Value::map({{"datetime", stockholm}, {"month", 7}})})),
            "datetime('1984-07-11T12:00+02:00[Europe/Stockholm]')");
  // A local time takes the zone as given.
  EXPECT_EQ(
      str(fn("time", {Value::map({{"time", fn("localtime", {"12:00"})}, {"timezone", "+05:00"}})})),
      "time('12:00+05:00')");
  EXPECT_EQ(error_code([] {
              fn("date", {Value::map({{"date", Value(1)}})});
            }),
            QueryErrorCode::kType);
  EXPECT_EQ(error_code([] {
              fn("date", {Value::map({{"year", 2024}, {"hour", 1}})});
            }),
            QueryErrorCode::kInvalidArgument);
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
            datetime("2024-01-01T12:30:00+02:00"));
  EXPECT_EQ(str(fn("localtime", {Value::map({{"hour", 12},
                                             {"second", 14},
                                             {"nanosecond", 789},
                                             {"millisecond", 123},
                                             {"microsecond", 456}})})),
            "localtime('12:00:14.123456789')");
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
  EXPECT_EQ(fn("datetime.fromepochmillis", {-1}), datetime("1969-12-31T23:59:59.999Z"));
  EXPECT_EQ(fn("datetime", {Value::map({{"epochMillis", 1500}, {"timezone", "+01:00"}})}),
            datetime("1970-01-01T01:00:01.5+01:00"));
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
  EXPECT_EQ(str(fn("duration", {Value::map({{"months", 0.75}})})), "duration('P22DT19H51M49.5S')");
  EXPECT_EQ(str(fn("duration", {Value::map({{"seconds", 70}, {"nanoseconds", 1}})})),
            "duration('PT1M10.000000001S')");
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
  EXPECT_EQ(field(t, "offsetSeconds"), Value(0));
  const Value s = datetime("1984-11-11T12:31:14.645876123+01:00[Europe/Stockholm]");
  EXPECT_EQ(field(s, "timezone"), Value("Europe/Stockholm"));
  EXPECT_EQ(field(s, "offset"), Value("+01:00"));
  EXPECT_EQ(field(s, "offsetMinutes"), Value(60));
  EXPECT_EQ(field(s, "epochSeconds"), Value(469020674));
  EXPECT_EQ(field(s, "epochMillis"), Value(469020674645));
  EXPECT_EQ(field(s, "hour"), Value(12));
  EXPECT_EQ(field(s, "weekYear"), Value(1984));
  const Value time = fn("time", {"12:31:14.645876123-05:30"});
  EXPECT_EQ(field(time, "nanosecond"), Value(645876123));
  EXPECT_EQ(field(time, "timezone"), Value("-05:30"));
  EXPECT_EQ(field(time, "offsetSeconds"), Value(-19800));
  EXPECT_EQ(error_code([&] { field(time, "year"); }), QueryErrorCode::kInvalidArgument);
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
  EXPECT_EQ(str(fn("localtime.truncate", {"millisecond", fn("localtime", {"12:31:14.645876123"}),
                                          Value::map({{"nanosecond", 2}})})),
            "localtime('12:31:14.645000002')");
  EXPECT_EQ(str(fn("date.truncate", {"weekYear", date("1984-02-01"), Value::map({{"day", 5}})})),
            "date('1984-01-05')");
  // A zone among the fields replaces the value's, keeping its local time.
  EXPECT_EQ(str(fn("datetime.truncate", {"year", datetime("2017-10-11T12:31:14-01:00"),
                                         Value::map({{"timezone", "Europe/Stockholm"}})})),
            "datetime('2017-01-01T00:00+01:00[Europe/Stockholm]')");
  EXPECT_EQ(str(fn("time.truncate", {"hour", fn("localtime", {"12:31"})})), "time('12:00Z')");
  EXPECT_EQ(error_code([&] {
              fn("localtime.truncate", {"month", t});
            }),
            QueryErrorCode::kInvalidArgument);
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
            Value(Duration{-1, -1, 0, 0}));
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
  // A value lacking a date, a time or a zone borrows the other's.
  EXPECT_EQ(str(fn("duration.between", {date("1984-10-11"), fn("localtime", {"16:30"})})),
            "duration('PT16H30M')");
  EXPECT_EQ(str(fn("duration.between", {fn("time", {"14:30"}), fn("time", {"16:30+01:00"})})),
            "duration('PT1H')");
  EXPECT_EQ(str(fn("duration.between",
                   {fn("localdatetime", {"2015-07-21T21:40:32.142"}), date("2015-06-24")})),
            "duration('P-27DT-21H-40M-32.142S')");
  // Across a change of clocks, the exact part counts real time.
  EXPECT_EQ(str(fn("duration.between", {datetime("2017-10-28T23:00+02:00[Europe/Stockholm]"),
                                        datetime("2017-10-29T04:00+01:00[Europe/Stockholm]")})),
            "duration('PT6H')");
  EXPECT_EQ(str(fn("duration.inSeconds", {fn("localdatetime", {"-999999999-01-01"}),
                                          fn("localdatetime", {"+999999999-12-31T23:59:59"})})),
            "duration('PT17531639991215H59M59S')");
  EXPECT_EQ(error_code([] {
              fn("duration.between", {Value(1), date("2024-01-01")});
            }),
            QueryErrorCode::kType);
}

}  // namespace
}  // namespace guanxi::query::testing
