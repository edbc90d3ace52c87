// The calendar, and the string forms of the temporal value types, as
// openCypher defines them (ISO 8601 with openCypher's extensions).
//
// Parsing accepts every form openCypher's temporal functions accept from a
// string, and returns nullopt on anything else, including impossible dates
// and times. Printing gives openCypher's canonical forms, which parse back
// to the same value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/value.h"

namespace guanxi::storage {

// Proleptic Gregorian leap years: every fourth, but not every hundredth,
// but every four hundredth.
bool is_leap_year(std::int64_t year);
// The days of `month` (1..12) in `year`: 28 to 31.
unsigned days_in_month(std::int64_t year, unsigned month);

// Days since the epoch of a proleptic Gregorian civil date; month 1..12.
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);
// The civil date of `days` since the epoch.
void civil_from_days(std::int64_t days, std::int64_t* year, unsigned* month, unsigned* day);

// ISO 8601 week dates: weeks start on Monday, week 1 of a week-based year is
// the week holding its first Thursday. day_of_week is 1 (Monday) to 7.
struct WeekDate {
  std::int64_t week_year = 0;
  unsigned week = 1;
  unsigned day_of_week = 1;
};
WeekDate week_date_from_days(std::int64_t days);
// Days since the epoch of a week date; the week must exist in that year
// (weeks_in_week_year).
std::int64_t days_from_week_date(std::int64_t week_year, unsigned week, unsigned day_of_week);
// 52 or 53.
unsigned weeks_in_week_year(std::int64_t week_year);

// Dates: "2015-07-21", "20150721", "2015-07", "201507", "2015-W30-2",
// "2015W302", "2015-W30", "2015W30", "2015-202" (ordinal), "2015202",
// "2015", and Neo4j's quarter dates "2015-Q3-21", "2015Q321", "2015-Q3". A
// signed year of one to nine digits ("+11999-01-01", "-0001-01-01") needs
// the extended form, whose month, day and week may also have one digit.
std::optional<Date> parse_date(std::string_view text);
// Times of day, optionally after a 'T': "21:40:32.142", "214032.142",
// "21:40:32", "214032", "21:40", "2140", "21"; a fraction of up to nine
// digits after '.' or ','. No 24:00, no leap second.
std::optional<LocalTime> parse_local_time(std::string_view text);
// A time of day with an optional offset ("Z", "+01:00", "+0100", "-05",
// "+01:00:05"); no offset means UTC.
std::optional<Time> parse_time(std::string_view text);
// A date, 'T', a time of day: "2015-07-21T21:40:32.142", "2015-W30-2T2140",
// "2015W302T2140"; a date alone is midnight.
std::optional<LocalDateTime> parse_local_datetime(std::string_view text);
// A local datetime with an optional offset and an optional zone name in
// brackets: "2015-07-21T21:40:32.142+01:00",
// "2015-07-21T21:40:32.142[Europe/London]",
// "2015-07-21T21:40:32.142+01:00[Europe/Stockholm]". No offset and no zone
// means UTC. A named zone decides the offset (an offset that disagrees with
// it is refused; in an overlap either of the two is accepted, and without
// one the earlier is taken; a reading in a gap moves forward by the gap's
// length); an unknown zone is refused. A date alone is midnight UTC.
std::optional<DateTime> parse_datetime(std::string_view text);
// ISO 8601 durations: "P1Y2M3W4DT5H6M7.5S", "PT0.001S", "-P1D", "PT-1.5S",
// a fraction on any unit as long as it is the last one written ("P0.5Y",
// "P1Y2.5M", "PT1.5H"; not "P1.5Y2M"), and the date-time form
// "P2012-02-02T14:37:21.545". A fraction spills into the smaller units as
// in Neo4j: a month is 30.436875 days (2629746 seconds), a day 86400
// seconds, truncated to the nanosecond: "P0.75M" is P22DT19H51M49.5S.
std::optional<Duration> parse_duration(std::string_view text);

// openCypher's string forms, which are java.time's and what the TCK
// expects: the year has at least four digits and a sign beyond 9999 or
// before 0; a time of day is "21:40" when its seconds and their fraction
// are zero ("21:40", "21:40:32", "21:40:32.5"); the fraction of a second
// only when nonzero, without trailing zeros; an offset as "Z" or "+01:00"
// (with seconds when it has them); a named zone in brackets after the
// offset.
std::string format_date(Date d);                     // "2015-07-21"
std::string format_local_time(LocalTime t);          // "21:40:32.142", "21:40"
std::string format_time(Time t);                     // "21:40:32.142+01:00", "21:40Z"
std::string format_local_datetime(LocalDateTime t);  // "2015-07-21T21:40:32.142"
// "2015-07-21T21:40:32.142+01:00", "2015-07-21T20:40:32.142Z",
// "2015-07-21T21:40:32.142+02:00[Europe/Stockholm]".
std::string format_datetime(DateTime t);
// "P1Y2M3DT4H5M6.5S"; "PT0S" for zero; days never as weeks; negative parts
// with their own sign, hours, minutes and seconds each with the exact
// part's ("PT-0.5S", "PT-1M-0.001S").
std::string format_duration(const Duration& d);
// An offset: "Z" for 0, else "+01:00" or "-05:30:15".
std::string format_offset(std::int32_t offset_seconds);

// A zone offset in seconds from "Z", "+01:00", "+0100", "+01", "+1",
// "-05:30:15", "-053015" (java.time's ZoneOffset.of forms); nullopt for
// anything else or beyond +-18:00.
std::optional<std::int32_t> parse_offset(std::string_view text);

}  // namespace guanxi::storage
