// The calendar and the string forms of dates and times (storage/temporal.h).
// Expected strings marked TCK are the openCypher TCK's (Temporal1, 2 and 6);
// durations are in temporal_duration_test.cc.
#include "storage/temporal.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "storage/time_zone.h"

namespace guanxi::storage {
namespace {

constexpr std::int64_t kHour = 3600;

std::int64_t days_of(std::int64_t year, unsigned month, unsigned day) {
  return days_from_civil(year, month, day);
}

std::int64_t nanos_of(std::int64_t h, std::int64_t m, std::int64_t s, std::int64_t ns = 0) {
  return ((h * 60 + m) * 60 + s) * kNanosPerSecond + ns;
}

std::string reformat_date(std::string_view s) {
  const auto d = parse_date(s);
  return d ? format_date(*d) : "refused";
}
std::string reformat_local_time(std::string_view s) {
  const auto t = parse_local_time(s);
  return t ? format_local_time(*t) : "refused";
}
std::string reformat_time(std::string_view s) {
  const auto t = parse_time(s);
  return t ? format_time(*t) : "refused";
}
std::string reformat_local_datetime(std::string_view s) {
  const auto t = parse_local_datetime(s);
  return t ? format_local_datetime(*t) : "refused";
}
std::string reformat_datetime(std::string_view s) {
  const auto t = parse_datetime(s);
  return t ? format_datetime(*t) : "refused";
}

template <typename... Texts>
void expect_refused(std::string (*reformat)(std::string_view), Texts... texts) {
  for (const char* s : {texts...}) EXPECT_EQ(reformat(s), "refused") << s;
}

TEST(Calendar, LeapYearsAndMonthLengths) {
  for (std::int64_t y : {2000, 2024, 1600, 0, -4, -400, 2396}) EXPECT_TRUE(is_leap_year(y)) << y;
  for (std::int64_t y : {1900, 2023, 2100, -1, -100, 1}) EXPECT_FALSE(is_leap_year(y)) << y;
  EXPECT_EQ(days_in_month(2024, 2), 29u);
  EXPECT_EQ(days_in_month(2100, 2), 28u);
  EXPECT_EQ(days_in_month(2000, 2), 29u);
  EXPECT_EQ(days_in_month(2023, 4), 30u);
  EXPECT_EQ(days_in_month(2023, 12), 31u);
}

TEST(Calendar, CivilDaysRoundTripOverTheWholeRange) {
  EXPECT_EQ(days_of(1970, 1, 1), 0);
  EXPECT_EQ(days_of(2000, 3, 1), 11'017);
  EXPECT_EQ(days_of(0, 3, 1), -719'468);
  EXPECT_EQ(days_of(1969, 12, 31), -1);
  std::int64_t y;
  unsigned m, d;
  for (std::int64_t days : {days_of(-999'999'999, 1, 1), days_of(999'999'999, 12, 31),
                            std::int64_t{-719'469}, std::int64_t{0}}) {
    civil_from_days(days, &y, &m, &d);
    EXPECT_EQ(days_of(y, m, d), days);
  }
  civil_from_days(days_of(-999'999'999, 1, 1), &y, &m, &d);
  EXPECT_EQ(y, -999'999'999);
  // Consecutive days across leap days, century years and year 0.
  std::int64_t prev_y = 0;
  unsigned prev_m = 0, prev_d = 0;
  for (std::int64_t days = days_of(-401, 1, 1); days <= days_of(401, 1, 1); ++days) {
    civil_from_days(days, &y, &m, &d);
    ASSERT_EQ(days_of(y, m, d), days);
    ASSERT_TRUE(d >= 1 && d <= days_in_month(y, m));
    if (days > days_of(-401, 1, 1)) {
      ASSERT_TRUE(d == prev_d + 1 || (d == 1 && (m == prev_m + 1 || (m == 1 && y == prev_y + 1))));
    }
    prev_y = y, prev_m = m, prev_d = d;
  }
}

TEST(Calendar, WeekYearsWith53Weeks) {
  for (std::int64_t y : {2004, 2009, 2015, 2020, 2026, 1818, 1976}) {
    EXPECT_EQ(weeks_in_week_year(y), 53u) << y;
  }
  for (std::int64_t y : {2014, 2016, 2021, 2023, 1817, 2000}) {
    EXPECT_EQ(weeks_in_week_year(y), 52u) << y;
  }
}

TEST(Calendar, WeekDates) {
  // TCK Temporal1 [1]: week 1 of 1817 starts in 1816, week 53 of 1818.
  EXPECT_EQ(days_from_week_date(1817, 1, 1), days_of(1816, 12, 30));
  EXPECT_EQ(days_from_week_date(1818, 53, 1), days_of(1818, 12, 28));
  EXPECT_EQ(days_from_week_date(1819, 1, 1), days_of(1819, 1, 4));
  EXPECT_EQ(days_from_week_date(2015, 30, 2), days_of(2015, 7, 21));
  struct Case {
    std::int64_t year;
    unsigned month, day;
    WeekDate week;
  };
  // Year -1 is 400 years before 399, whose January 1st is in week 53 of 398.
  const Case cases[] = {
      {2016, 1, 1, {2015, 53, 5}},  {2016, 1, 3, {2015, 53, 7}}, {2016, 1, 4, {2016, 1, 1}},
      {2008, 12, 29, {2009, 1, 1}}, {2010, 1, 3, {2009, 53, 7}}, {2021, 1, 1, {2020, 53, 5}},
      {2024, 12, 30, {2025, 1, 1}}, {1970, 1, 1, {1970, 1, 4}},  {2015, 12, 31, {2015, 53, 4}},
      {-1, 1, 1, {-2, 53, 5}},      {2000, 1, 2, {1999, 52, 7}}, {2027, 1, 1, {2026, 53, 5}},
  };
  for (const Case& c : cases) {
    const WeekDate w = week_date_from_days(days_of(c.year, c.month, c.day));
    EXPECT_EQ(w.week_year, c.week.week_year) << c.year << "-" << c.month << "-" << c.day;
    EXPECT_EQ(w.week, c.week.week) << c.year << "-" << c.month << "-" << c.day;
    EXPECT_EQ(w.day_of_week, c.week.day_of_week) << c.year << "-" << c.month << "-" << c.day;
  }
  for (std::int64_t days = days_of(-30, 1, 1); days < days_of(30, 1, 1); days += 3) {
    const WeekDate w = week_date_from_days(days);
    ASSERT_LE(w.week, weeks_in_week_year(w.week_year));
    ASSERT_EQ(days_from_week_date(w.week_year, w.week, w.day_of_week), days);
  }
}

TEST(ParseDate, EveryFormTck) {
  const std::pair<const char*, const char*> cases[] = {
      {"2015-07-21", "2015-07-21"}, {"20150721", "2015-07-21"},   {"2015-07", "2015-07-01"},
      {"201507", "2015-07-01"},     {"2015-W30-2", "2015-07-21"}, {"2015W302", "2015-07-21"},
      {"2015-W30", "2015-07-20"},   {"2015W30", "2015-07-20"},    {"2015-202", "2015-07-21"},
      {"2015202", "2015-07-21"},    {"2015", "2015-01-01"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(reformat_date(in), out) << in;
}

TEST(ParseDate, QuarterShortFieldsAndSignedYears) {
  const std::pair<const char*, const char*> cases[] = {
      {"2015-Q3-21", "2015-07-21"},
      {"2015Q321", "2015-07-21"},
      {"2015-Q3", "2015-07-01"},
      {"2015Q3", "2015-07-01"},
      {"2015-Q4-92", "2015-12-31"},
      {"2016-Q1-91", "2016-03-31"},
      {"2015-7-4", "2015-07-04"},
      {"2015-W5-1", "2015-01-26"},
      {"+11999-01-01", "+11999-01-01"},
      {"-0001-12-31", "-0001-12-31"},
      {"+2015-07-21", "2015-07-21"},
      {"-1-01-01", "-0001-01-01"},
      {"+999999999-12-31", "+999999999-12-31"},
      {"-999999999-01-01", "-999999999-01-01"},
      {"+10000-W01-1", "+10000-01-03"},
      {"-2-060", "-0002-03-01"},
      {"0000-02-29", "0000-02-29"},
      {"+11999", "+11999-01-01"},
      {"2016-366", "2016-12-31"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(reformat_date(in), out) << in;
}

TEST(ParseDate, WeekDatesAtYearEnds) {
  EXPECT_EQ(reformat_date("2015-W53"), "2015-12-28");
  EXPECT_EQ(reformat_date("2015-W53-7"), "2016-01-03");
  EXPECT_EQ(reformat_date("2020W535"), "2021-01-01");
  EXPECT_EQ(reformat_date("2009-W01-1"), "2008-12-29");
  EXPECT_EQ(reformat_date("2016-W01-1"), "2016-01-04");
  // The last days of week 52 of year 999999999 (a year like 1999) fall in
  // year 1000000000, past the range; its first week starts on January 1st.
  EXPECT_EQ(reformat_date("+999999999-W52-5"), "+999999999-12-31");
  EXPECT_EQ(reformat_date("+999999999-W52-6"), "refused");
  EXPECT_EQ(reformat_date("-999999999-W01-1"), "-999999999-01-01");
  EXPECT_EQ(reformat_date("2014-W53"), "refused");
  EXPECT_EQ(reformat_date("2016-W53-1"), "refused");
}

TEST(ParseDate, RefusesImpossibleAndMalformedDates) {
  expect_refused(reformat_date, "2015-02-29", "1900-02-29", "2015-13-01", "2015-00-10",
                 "2015-04-31", "2015-01-00", "2015-W00", "2015-W54", "2015-W30-8", "2015-W30-0",
                 "2015-000", "2015-366", "2015-Q5", "2015-Q0", "2015-Q2-92", "2015-Q1-91",
                 "2015-Q3-93", "", "15-07-21", "2015-0721", "201507-21", "2015-07-", "2015-",
                 "2015W3", "2015W3021", "2015Q3211", "20150", "201507211", "+11999W011", "+",
                 "1000000000-01-01", "+1000000000-01-01", "+0-1-1x", "2015-07-21T", "2015-07-21 ",
                 " 2015-07-21", "2015/07/21", "2015-07-021", "2015-W300", "2015W30-2", "2015-1234");
}

TEST(FormatDate, YearsOutsideFourDigitsHaveASign) {
  EXPECT_EQ(format_date(Date{0}), "1970-01-01");
  EXPECT_EQ(format_date(Date{days_of(0, 1, 1)}), "0000-01-01");
  EXPECT_EQ(format_date(Date{days_of(-1, 12, 31)}), "-0001-12-31");
  EXPECT_EQ(format_date(Date{days_of(-10000, 1, 1)}), "-10000-01-01");
  EXPECT_EQ(format_date(Date{days_of(9999, 12, 31)}), "9999-12-31");
  EXPECT_EQ(format_date(Date{days_of(10000, 1, 1)}), "+10000-01-01");
  EXPECT_EQ(format_date(Date{days_of(999, 1, 1)}), "0999-01-01");
}

TEST(ParseLocalTime, EveryFormTck) {
  const std::pair<const char*, const char*> cases[] = {
      {"21:40:32.142", "21:40:32.142"},
      {"214032.142", "21:40:32.142"},
      {"21:40:32", "21:40:32"},
      {"214032", "21:40:32"},
      {"21:40", "21:40"},
      {"2140", "21:40"},
      {"21", "21:00"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(reformat_local_time(in), out) << in;
}

TEST(ParseLocalTime, FractionsAndShortFields) {
  EXPECT_EQ(parse_local_time("00:00:00.000000001")->nanos, 1);
  EXPECT_EQ(parse_local_time("23:59:59.999999999")->nanos, kNanosPerDay - 1);
  EXPECT_EQ(parse_local_time("12:31:14,5")->nanos, nanos_of(12, 31, 14, 500'000'000));
  EXPECT_EQ(parse_local_time("T12")->nanos, nanos_of(12, 0, 0));
  EXPECT_EQ(parse_local_time("1:2:3")->nanos, nanos_of(1, 2, 3));
  EXPECT_EQ(parse_local_time("5")->nanos, nanos_of(5, 0, 0));
  expect_refused(reformat_local_time, "24:00", "23:60", "23:59:60", "21:40.5", "2140.5", "21.5",
                 "214", "21403", "2140321", "21:40:32.", "21:40:32.1234567890", "21:40:32Z", "",
                 "T", "-21", "21:", "21:40:", "123:00", "21:40:32.1a", "21-40");
}

TEST(FormatLocalTime, SecondsOnlyWhenNotZeroAndNoTrailingZeros) {
  EXPECT_EQ(format_local_time(LocalTime{0}), "00:00");
  EXPECT_EQ(format_local_time(LocalTime{nanos_of(12, 0, 0)}), "12:00");
  EXPECT_EQ(format_local_time(LocalTime{nanos_of(12, 0, 1)}), "12:00:01");
  EXPECT_EQ(format_local_time(LocalTime{nanos_of(12, 0, 0, 500'000'000)}), "12:00:00.5");
  EXPECT_EQ(format_local_time(LocalTime{1}), "00:00:00.000000001");
  EXPECT_EQ(format_local_time(LocalTime{nanos_of(12, 31, 14, 645'876'123)}), "12:31:14.645876123");
  EXPECT_EQ(format_local_time(LocalTime{nanos_of(12, 31, 14, 645'876'000)}), "12:31:14.645876");
  EXPECT_EQ(format_local_time(LocalTime{kNanosPerDay - 1}), "23:59:59.999999999");
}

TEST(ParseTime, EveryFormTck) {
  const std::pair<const char*, const char*> cases[] = {
      {"21:40:32.142+0100", "21:40:32.142+01:00"},
      {"214032.142Z", "21:40:32.142Z"},
      {"21:40:32+01:00", "21:40:32+01:00"},
      {"214032-0100", "21:40:32-01:00"},
      {"21:40-01:30", "21:40-01:30"},
      {"2140-00:00", "21:40Z"},
      {"2140-02", "21:40-02:00"},
      {"22+18:00", "22:00+18:00"},
      {"12:34:56+02:05:00", "12:34:56+02:05"},
      {"12:34:56+02:05:59", "12:34:56+02:05:59"},
      {"12:34:56-020507", "12:34:56-02:05:07"},
      {"12:31:14.645876123+01:00", "12:31:14.645876123+01:00"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(reformat_time(in), out) << in;
  const Time t = *parse_time("21:40:32.142+0100");
  EXPECT_EQ(t.nanos, nanos_of(21, 40, 32, 142'000'000));
  EXPECT_EQ(t.offset_seconds, 3600);
  EXPECT_EQ(*parse_time("21:40"), (Time{nanos_of(21, 40, 0), 0}));  // no offset is UTC
  EXPECT_EQ(parse_time("10:00-18:00")->offset_seconds, -18 * kHour);
  expect_refused(reformat_time, "21:40+18:01", "21:40+19", "21:40+1", "21:40+01:60",
                 "21:40+0100:00", "21:40+01:0000", "21:40z", "21:40 Z", "21:40+", "21:40Z+01",
                 "+01:00", "21:40[Europe/Stockholm]", "24:00Z");
}

TEST(Offsets, ParseAndFormat) {
  const std::pair<const char*, std::int32_t> cases[] = {
      {"Z", 0},           {"+01:00", 3600},  {"+0100", 3600},        {"+01", 3600},
      {"+1", 3600},       {"-00:30", -1800}, {"-05:30:15", -19'815}, {"-053015", -19'815},
      {"+18:00", 64'800}, {"-18", -64'800},  {"-00:00", 0},
  };
  for (const auto& [in, seconds] : cases) EXPECT_EQ(parse_offset(in), seconds) << in;
  const char* const refused[] = {"",         "+",       "z",   "01:00",     "+01:0030",
                                 "+0100:00", "+01:00:", "+19", "+18:00:01", "+00:60",
                                 "+123",     "+1:00",   "UTC", "+01:00 "};
  for (const char* s : refused) {
    EXPECT_FALSE(parse_offset(s).has_value()) << s;
  }
  EXPECT_EQ(format_offset(0), "Z");
  EXPECT_EQ(format_offset(3600), "+01:00");
  EXPECT_EQ(format_offset(-1800), "-00:30");
  EXPECT_EQ(format_offset(8 * 3600 + 45 * 60), "+08:45");
  EXPECT_EQ(format_offset(-19'815), "-05:30:15");
  EXPECT_EQ(format_offset(-3601), "-01:00:01");
  EXPECT_EQ(format_offset(64'800), "+18:00");
}

TEST(ParseLocalDateTime, EveryFormTck) {
  const std::pair<const char*, const char*> cases[] = {
      {"2015-07-21T21:40:32.142", "2015-07-21T21:40:32.142"},
      {"2015-W30-2T214032.142", "2015-07-21T21:40:32.142"},
      {"2015-202T21:40:32", "2015-07-21T21:40:32"},
      {"2015T214032", "2015-01-01T21:40:32"},
      {"20150721T21:40", "2015-07-21T21:40"},
      {"2015-W30T2140", "2015-07-20T21:40"},
      {"2015202T21", "2015-07-21T21:00"},
      {"2015-07-21", "2015-07-21T00:00"},
      {"-0001-01-01T00:00:01", "-0001-01-01T00:00:01"},
      {"+999999999-12-31T23:59:59.999999999", "+999999999-12-31T23:59:59.999999999"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(reformat_local_datetime(in), out) << in;
  EXPECT_EQ(*parse_local_datetime("1970-01-02T00:00:01.5"), (LocalDateTime{86'401, 500'000'000}));
  EXPECT_EQ(*parse_local_datetime("1969-12-31T23:59:59.5"), (LocalDateTime{-1, 500'000'000}));
  expect_refused(reformat_local_datetime, "2015-07-21T", "2015-07-21T25:00", "2015-07-21T21:40Z",
                 "2015-07-21 21:40", "2015-07-21t21:40", "T21:40", "2015-02-29T00:00",
                 "2015-07-21T21:40T");
}

TEST(FormatLocalDateTime, BeforeTheEpoch) {
  EXPECT_EQ(format_local_datetime(LocalDateTime{-1, 0}), "1969-12-31T23:59:59");
  EXPECT_EQ(format_local_datetime(LocalDateTime{-86'400, 1}), "1969-12-31T00:00:00.000000001");
  EXPECT_EQ(format_local_datetime(LocalDateTime{0, 0}), "1970-01-01T00:00");
}

TEST(ParseDateTime, OffsetsTck) {
  const std::pair<const char*, const char*> cases[] = {
      {"2015-07-21T21:40:32.142+0100", "2015-07-21T21:40:32.142+01:00"},
      {"2015-W30-2T214032.142Z", "2015-07-21T21:40:32.142Z"},
      {"2015-202T21:40:32+01:00", "2015-07-21T21:40:32+01:00"},
      {"2015T214032-0100", "2015-01-01T21:40:32-01:00"},
      {"20150721T21:40-01:30", "2015-07-21T21:40-01:30"},
      {"2015-W30T2140-00:00", "2015-07-20T21:40Z"},
      {"2015-W30T2140-02", "2015-07-20T21:40-02:00"},
      {"2015202T21+18:00", "2015-07-21T21:00+18:00"},
      {"1984-10-11T12:34:56+02:05:59", "1984-10-11T12:34:56+02:05:59"},
      {"1970-01-05T19:46:19.999999999Z", "1970-01-05T19:46:19.999999999Z"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(reformat_datetime(in), out) << in;
}

TEST(ParseDateTime, KeepsTheInstantAndTheOffset) {
  const DateTime t = *parse_datetime("2015-07-21T21:40:32.142+01:00");
  EXPECT_EQ(t.seconds, days_of(2015, 7, 21) * kSecondsPerDay + 20 * kHour + 40 * 60 + 32);
  EXPECT_EQ(t.nanos, 142'000'000);
  EXPECT_EQ(t.offset_seconds, 3600);
  EXPECT_EQ(t.zone, 0u);
  // The same instant at another offset is another value.
  EXPECT_NE(*parse_datetime("2015-07-21T20:40:32.142Z"), t);
  EXPECT_EQ(parse_datetime("2015-07-21T20:40:32.142Z")->seconds, t.seconds);
  EXPECT_EQ(*parse_datetime("2015-07-21"),
            (DateTime{days_of(2015, 7, 21) * kSecondsPerDay, 0, 0, 0}));
  EXPECT_EQ(*parse_datetime("2015-07-21T21:40"), *parse_datetime("2015-07-21T21:40Z"));
  EXPECT_EQ(format_datetime(DateTime{0, 0, -3600, 0}), "1969-12-31T23:00-01:00");
  EXPECT_EQ(format_datetime(DateTime{-1, 500'000'000, 0, 0}), "1969-12-31T23:59:59.5Z");
  expect_refused(reformat_datetime, "2015-07-21T", "2015-07-21Z", "2015-07-21T21:40+",
                 "2015-07-21T21:40+19:00", "2015-07-21T21:40Z[", "2015-07-21T21:40Z]",
                 "2015-07-21T21:40[]", "2015-07-21T21:40[Europe/Stockholm",
                 "2015-07-21T21:40[No/Such_Zone]", "2015-07-21T21:40[Europe/Stockholm]x",
                 "2015-07-21[Europe/Stockholm]", "2015-07-21T21:40[[Europe/Stockholm]]",
                 "2015-07-21T21:40:00.Z");
}

TEST(ParseDateTime, NamedZonesTck) {
  const std::pair<const char*, const char*> cases[] = {
      {"2015-07-21T21:40:32.142+02:00[Europe/Stockholm]",
       "2015-07-21T21:40:32.142+02:00[Europe/Stockholm]"},
      {"2015-07-21T21:40:32.142+0845[Australia/Eucla]",
       "2015-07-21T21:40:32.142+08:45[Australia/Eucla]"},
      {"2015-07-21T21:40:32.142-04[America/New_York]",
       "2015-07-21T21:40:32.142-04:00[America/New_York]"},
      {"2015-07-21T21:40:32.142[Europe/London]", "2015-07-21T21:40:32.142+01:00[Europe/London]"},
      {"2017-08-08T12:31:14.645876123[Europe/Stockholm]",
       "2017-08-08T12:31:14.645876123+02:00[Europe/Stockholm]"},
      {"1984-10-11T12:00[Europe/Stockholm]", "1984-10-11T12:00+01:00[Europe/Stockholm]"},
      {"2015-07-21T12:00[UTC]", "2015-07-21T12:00Z[UTC]"},
      {"2015-07-21T12:00-10:00[Pacific/Honolulu]", "2015-07-21T12:00-10:00[Pacific/Honolulu]"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(reformat_datetime(in), out) << in;
  const DateTime t = *parse_datetime("2015-07-21T21:40:32.142[Europe/London]");
  EXPECT_EQ(t.zone, *find_time_zone("Europe/London"));
  EXPECT_EQ(t.offset_seconds, 3600);
  EXPECT_EQ(t.seconds, parse_datetime("2015-07-21T20:40:32.142Z")->seconds);
  // An offset the zone never had at that reading.
  EXPECT_EQ(reformat_datetime("2015-07-21T21:40:32.142+01:00[Europe/Stockholm]"), "refused");
  EXPECT_EQ(reformat_datetime("2015-07-21T21:40[europe/stockholm]"), "refused");
}

TEST(ParseDateTime, NamedZoneGapsAndOverlaps) {
  // Stockholm turns its clocks forward at 02:00 on 2024-03-31 and back at
  // 03:00 on 2024-10-27.
  EXPECT_EQ(reformat_datetime("2024-03-31T02:30[Europe/Stockholm]"),
            "2024-03-31T03:30+02:00[Europe/Stockholm]");
  EXPECT_EQ(reformat_datetime("2024-03-31T02:30+01:00[Europe/Stockholm]"), "refused");
  EXPECT_EQ(reformat_datetime("2024-03-31T02:30+02:00[Europe/Stockholm]"), "refused");
  EXPECT_EQ(reformat_datetime("2024-10-27T02:30[Europe/Stockholm]"),
            "2024-10-27T02:30+02:00[Europe/Stockholm]");
  EXPECT_EQ(reformat_datetime("2024-10-27T02:30+01:00[Europe/Stockholm]"),
            "2024-10-27T02:30+01:00[Europe/Stockholm]");
  EXPECT_EQ(parse_datetime("2024-10-27T02:30+01:00[Europe/Stockholm]")->seconds -
                parse_datetime("2024-10-27T02:30[Europe/Stockholm]")->seconds,
            kHour);
  // Past the last transition the TZif file lists (2037), from its rule.
  EXPECT_EQ(reformat_datetime("2060-03-28T02:30[Europe/Stockholm]"),
            "2060-03-28T03:30+02:00[Europe/Stockholm]");
  EXPECT_EQ(reformat_datetime("2060-07-01T12:00[Europe/Stockholm]"),
            "2060-07-01T12:00+02:00[Europe/Stockholm]");
}

TEST(ParseDateTime, EveryTckResultReadsBackAsItself) {
  for (const char* s :
       {"1984-10-11T12:31:14.645876123+01:00", "1816-01-01T00:00Z", "1977-07-15T13:34:33.987Z",
        "2015-07-21T21:40:32.142+08:45[Australia/Eucla]",
        "1984-03-07T12:31:14.645+01:00[Europe/Stockholm]",
        "1984-07-20T12:31:14.645876+02:00[Europe/Stockholm]",
        "2000-01-01T00:00+01:00[Europe/Stockholm]", "1984-10-11T16:00+05:00",
        "+999999999-12-31T23:59:59.999999999Z", "-999999999-01-01T00:00+18:00"}) {
    EXPECT_EQ(reformat_datetime(s), s);
  }
}

// Random values of each type print to a string that reads back as the value.
TEST(RoundTrip, FormatThenParseGivesTheValueBack) {
  std::mt19937_64 random(20240531);
  const std::int64_t min_day = days_of(-999'999'999, 1, 1), max_day = days_of(999'999'999, 12, 31);
  auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(random);
  };
  auto pick_nanos = [&]() -> std::int64_t {
    switch (pick(0, 3)) {  // whole seconds, whole minutes and fractions all print differently
      case 0: return pick(0, 1439) * 60 * kNanosPerSecond;
      case 1: return pick(0, 86'399) * kNanosPerSecond;
      case 2: return pick(0, 86'399'999) * 1'000'000;
      default: return pick(0, kNanosPerDay - 1);
    }
  };
  for (int i = 0; i < 20'000; ++i) {
    const std::int64_t days = i % 2 ? pick(min_day, max_day) : pick(-800'000, 800'000);
    const std::int64_t nanos = pick_nanos();
    const auto offset = static_cast<std::int32_t>(i % 3 == 0   ? 0
                                                  : i % 3 == 1 ? pick(-72, 72) * 900
                                                               : pick(-64'800, 64'800));
    const Date date{days};
    ASSERT_EQ(parse_date(format_date(date)), date) << format_date(date);
    const LocalTime local_time{nanos};
    ASSERT_EQ(parse_local_time(format_local_time(local_time)), local_time);
    const Time time{nanos, offset};
    ASSERT_EQ(parse_time(format_time(time)), time) << format_time(time);
    const LocalDateTime ldt{days * kSecondsPerDay + nanos / kNanosPerSecond,
                            static_cast<std::int32_t>(nanos % kNanosPerSecond)};
    ASSERT_EQ(parse_local_datetime(format_local_datetime(ldt)), ldt) << format_local_datetime(ldt);
    const DateTime dt{ldt.seconds - offset, ldt.nanos, offset, 0};
    ASSERT_EQ(parse_datetime(format_datetime(dt)), dt) << format_datetime(dt);
  }
}

TEST(RoundTrip, DatesInNamedZones) {
  const std::uint32_t zones[] = {*find_time_zone("Europe/Stockholm"),
                                 *find_time_zone("America/New_York"),
                                 *find_time_zone("Australia/Lord_Howe"), *find_time_zone("UTC")};
  std::mt19937_64 random(7);
  for (int i = 0; i < 5'000; ++i) {
    const std::uint32_t zone = zones[i % 4];
    // 1800 to 2200: before the first transition, the listed ones, and after.
    const std::int64_t seconds =
        std::uniform_int_distribution<std::int64_t>(-5'364'662'400, 7'258'118'400)(random);
    const DateTime t{seconds,
                     static_cast<std::int32_t>(i % 7 == 0 ? 0 : i * 7919 % kNanosPerSecond),
                     offset_at_instant(zone, seconds), zone};
    ASSERT_EQ(parse_datetime(format_datetime(t)), t) << format_datetime(t);
  }
}

}  // namespace
}  // namespace guanxi::storage
