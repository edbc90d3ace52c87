// The query-level semantics of openCypher's temporal types: construction
// (from maps, from other temporal values, from the clock), fields
// (d.year, dur.days ...), truncation, arithmetic with durations, and
// duration.between. Parsing and printing are storage/temporal.h's.
//
// Values keep nanosecond precision; a DATETIME keeps its offset and named
// zone, and calendar arithmetic on it runs on its local date before the
// zone decides the offset again. Overflow throws QueryError kArithmetic;
// impossible dates, unknown fields, units or zones throw kInvalidArgument;
// a value of the wrong type where a temporal value is expected throws kType.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "query/value.h"

namespace guanxi::query::temporal {

// Average length of a month (365.2425 / 12 days); fractional months of a
// duration spill into days with it, as in Neo4j.
inline constexpr double kAverageDaysPerMonth = 30.436875;

// Whether a value is one of the five temporal instant types (not DURATION).
bool is_instant(ValueKind kind);

// --- construction (temporal_construction.cc) -------------------------------

// `target` is kDate, kLocalTime, kTime, kLocalDateTime or kDateTime.
// From a map of fields: calendar (year, month, day), week (year, week,
// dayOfWeek), ordinal (year, ordinalDay) or quarter (year, quarter,
// dayOfQuarter) dates; hour .. nanosecond; timezone (an offset or an IANA
// name); and selection from other values: {date: d, time: t, datetime: dt}
// with fields overriding theirs. `now` is the statement's clock, used for a
// map holding only a timezone (the current value in that zone) and for the
// offset a named zone gives a TIME.
Value from_map(ValueKind target, const Map& map, const DateTime& now);
// From another temporal value: date(datetime), localtime(time), time(localtime) ...
Value convert(ValueKind target, const Value& value);
// The current value of `target` at `now`, in `zone_name` (an offset or an
// IANA name) when given, else in now's own zone.
Value current(ValueKind target, const DateTime& now, std::optional<std::string_view> zone_name);
// X.truncate(unit, value, fields) (temporal_truncation.cc): `value`
// truncated to the start of `unit` (millennium, century, decade, year,
// weekYear, quarter, month, week, day, hour, minute, second, millisecond,
// microsecond), then `fields` set; a timezone among them replaces the
// value's, keeping its local time.
Value truncate(ValueKind target, std::string_view unit, const Value& value, const Map& fields);
// datetime.fromepoch(seconds, nanos), datetime.fromepochmillis(millis).
DateTime from_epoch(std::int64_t seconds, std::int64_t nanos);

// --- durations (temporal_arithmetic.cc) ------------------------------------

// duration({years: 1, days: 1.5, ...}): fractions spill down to nanoseconds.
Duration duration_from_map(const Map& map);
// Builds a duration from fractional components as Neo4j approximates them:
// each component's fraction spills into the next smaller one (a month is
// kAverageDaysPerMonth days), and a fraction of a nanosecond is dropped.
Duration approximate(double months, double days, double seconds, double nanos);
// A duration whose exact part is given as seconds and nanoseconds in any
// range (normalised to nanoseconds in [0, 1e9)).
Duration make_duration(std::int64_t months, std::int64_t days, std::int64_t seconds,
                       std::int64_t nanos);

// Component-wise a + sign * b.
Duration add(const Duration& a, const Duration& b, int sign);
Duration negate(const Duration& d);
Duration multiply(const Duration& d, std::int64_t factor);
Duration multiply(const Duration& d, double factor);
// A zero divisor throws kArithmetic.
Duration divide(const Duration& d, double divisor);

// temporal + sign * duration for any temporal instant `t`: months, then
// days, then the exact part. A DATE gains the whole days of the exact part;
// a LOCALTIME or TIME ignores months and days and wraps around midnight.
Value add(const Value& t, const Duration& d, int sign);

// --- duration.between (temporal_between.cc) --------------------------------

enum class BetweenUnit { kAll, kMonths, kDays, kSeconds };
// The duration from `from` to `to`, any two temporal instants; a value
// missing a date, a time or a zone borrows the other's, as openCypher says.
Duration between(const Value& from, const Value& to, BetweenUnit unit);

// --- fields (temporal_fields.cc) -------------------------------------------

// The field `name` of a temporal value or duration (case-insensitive);
// nullopt when its type has no such field.
std::optional<Value> field(const Value& temporal, std::string_view name);

// --- comparison (temporal_ops.cc) ------------------------------------------

// The sign of a compared with b, two values of the same temporal instant
// kind: a TIME by its time of day in UTC, a DATETIME by its instant (then
// offset and zone, so that only equal values compare equal).
int compare(const Value& a, const Value& b);

}  // namespace guanxi::query::temporal
