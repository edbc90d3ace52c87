// Calendar arithmetic on query temporal values, as openCypher defines it:
// date/datetime +- duration, duration arithmetic, duration.between, the
// fields of temporal values (d.year, dt.hour, dur.days ...), truncation, and
// construction from maps (date({year: 2024, month: 1, day: 31})).
//
// Datetimes are UTC instants (storage::DateTime); a timezone offset given on
// input is folded into the instant. Overflow throws QueryError kArithmetic;
// impossible dates and unknown fields or units throw kInvalidArgument.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "query/value.h"
#include "storage/temporal.h"

namespace guanxi::query::temporal {

using storage::kMicrosPerDay;
using storage::kMicrosPerSecond;
// Average length of a month in days (365.2425 / 12); fractional months of a
// duration spill into days with it, as in Neo4j.
inline constexpr double kAverageDaysPerMonth = 30.436875;

// t + sign * d: months first (clamping the day to the month's end, so
// 2024-01-31 + P1M = 2024-02-29), then days, then the exact part. A date
// gains only the whole days of the exact part.
Date add(Date t, const Duration& d, int sign);
DateTime add(DateTime t, const Duration& d, int sign);

// Component-wise sum a + sign * b.
Duration add(const Duration& a, const Duration& b, int sign);
Duration negate(const Duration& d);
// d * factor; fractions of months spill into days and fractions of days into
// the exact part.
Duration multiply(const Duration& d, std::int64_t factor);
Duration multiply(const Duration& d, double factor);
// d / divisor (the same spilling); a zero divisor throws kArithmetic.
Duration divide(const Duration& d, double divisor);

// Builds a duration from fractional components, spilling fractions down.
Duration make_duration(double months, double days, double micros);

// The duration from `from` to `to` (each a DATE or DATETIME): whole months,
// then whole days, then the rest. `unit` restricts it: "months", "days",
// "seconds" (duration.inMonths/inDays/inSeconds) or "" for all.
Duration between(const Value& from, const Value& to, std::string_view unit);

// The field `name` of a DATE, DATETIME or DURATION (case-insensitive):
// nullopt when the type has no such field.
std::optional<Value> field(const Value& temporal, std::string_view name);

// Truncates to the start of `unit`: millennium, century, decade, year,
// weekYear, quarter, month, week, day, and for datetimes also hour, minute,
// second, millisecond, microsecond. Throws kInvalidArgument otherwise.
Date truncate(std::string_view unit, Date d);
DateTime truncate(std::string_view unit, DateTime t);

// Construction from maps, as date({...}), datetime({...}), duration({...}).
Date date_from_map(const Map& map);
DateTime datetime_from_map(const Map& map);
Duration duration_from_map(const Map& map);

// A zone offset in seconds from "Z", "UTC", "+02:00", "+0200", "-05".
std::optional<std::int64_t> parse_offset(std::string_view text);

}  // namespace guanxi::query::temporal
