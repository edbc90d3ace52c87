// What the temporal_*.cc files share: checked integer arithmetic, the
// calendar, and temporal values taken apart into a local date, a local time
// of day and a zone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "query/query_error.h"
#include "query/value.h"
#include "storage/floor_division.h"
#include "storage/temporal.h"

namespace guanxi::query::temporal::detail {

using storage::kNanosPerDay;
using storage::kNanosPerSecond;
using storage::kSecondsPerDay;

// Exact intermediate results of instants at nanosecond precision: years of
// nine digits in nanoseconds do not fit 64 bits.
__extension__ using Int128 = __int128;

// The years openCypher's temporal values span.
inline constexpr std::int64_t kMaxYear = 999'999'999;

[[noreturn]] void overflow();
[[noreturn]] void invalid(const std::string& message);
[[noreturn]] void type_mismatch(const std::string& message);

std::int64_t checked_add(std::int64_t a, std::int64_t b);
std::int64_t checked_mul(std::int64_t a, std::int64_t b);
std::int64_t narrow(Int128 v);  // throws kArithmetic beyond 64 bits
using storage::floor_div;
using storage::floor_mod;

std::string lower(std::string_view s);

struct Civil {
  std::int64_t year = 0;
  unsigned month = 1;
  unsigned day = 1;
};
Civil civil(std::int64_t days);
// ISO weekday: 1 (Monday) .. 7 (Sunday).
std::int64_t day_of_week(std::int64_t days);
// `days` moved by `months`, the day clamped to the end of the month it lands
// in (2024-01-31 + 1 month is 2024-02-29).
std::int64_t add_months(std::int64_t days, std::int64_t months);
// Throws kArithmetic when the day lies outside the years a value may have.
std::int64_t check_days(std::int64_t days);

// A temporal instant taken apart: what it has of a local date, a local time
// of day, and a zone. `offset` is set for the zoned types; `zone` is the
// named zone of a DATETIME (0 for a fixed offset).
struct Parts {
  std::optional<std::int64_t> days;
  std::optional<std::int64_t> nanos_of_day;
  std::optional<std::int32_t> offset;
  std::uint32_t zone = 0;
};
// Throws kType for anything but a temporal instant.
Parts parts_of(const Value& v);

// A zone as written in a `timezone` field or argument: an offset ("+01:00",
// "Z") or an IANA name. Throws kInvalidArgument for anything else.
struct Zone {
  std::int32_t offset = 0;
  std::uint32_t zone = 0;  // 0: the fixed offset
  // For a named zone: `offset` is the one a value had, which a new reading
  // keeps where the zone allows it (clocks turned back allow two).
  bool offset_known = false;
};
Zone parse_zone(const Value& text);
// The offset of `zone` at the instant `utc_seconds`.
std::int32_t offset_at(const Zone& zone, std::int64_t utc_seconds);

// The DATETIME reading the local date and time of day in `zone` (a named
// zone decides its offset for that reading, keeping a known offset it allows).
DateTime local_to_datetime(std::int64_t days, std::int64_t nanos_of_day, const Zone& zone);
// The same instant in another zone.
DateTime with_zone_same_instant(const DateTime& t, const Zone& zone);
// An instant's local seconds since the epoch, in its own zone.
inline std::int64_t local_seconds(const DateTime& t) { return t.seconds + t.offset_seconds; }
// Nanoseconds since the epoch, exactly.
inline Int128 epoch_nanos(std::int64_t seconds, std::int64_t nanos) {
  return static_cast<Int128>(seconds) * kNanosPerSecond + nanos;
}

// What a map of fields gives, before it is put together
// (temporal_construction.cc).
using Field = std::optional<std::int64_t>;
struct Fields {
  Field year, month, day, week, day_of_week, ordinal_day, quarter, day_of_quarter;
  Field hour, minute, second, millisecond, microsecond, nanosecond;
  Field epoch_seconds, epoch_millis;
  std::optional<Value> date, time, datetime, timezone;

  bool has_date_fields() const {
    return year || month || day || week || day_of_week || ordinal_day || quarter || day_of_quarter;
  }
  bool has_time_fields() const {
    return hour || minute || second || millisecond || microsecond || nanosecond;
  }
};
// Reads `map` into fields, refusing what `target` has no use for. Null
// entries count as absent.
Fields read_fields(ValueKind target, const Map& map);

// What the fields start from: a date, a time of day and the zone of that
// time, selected from other values or left by a truncation.
struct Base {
  std::optional<std::int64_t> days;
  std::optional<std::int64_t> nanos_of_day;
  std::optional<Zone> zone;
};

// Puts the fields together on top of `base` into a value of `target`. A new
// timezone moves a zoned base to the same instant in that zone when
// `convert_zone` (selection), and replaces its zone keeping the local time
// otherwise (truncation). `now` gives a TIME in a named zone its offset.
Value build(ValueKind target, const Fields& f, const Base& base, bool convert_zone,
            const DateTime& now);

// Whether values of `kind` have a date (DATE, LOCALDATETIME, DATETIME).
bool takes_date(ValueKind kind);

}  // namespace guanxi::query::temporal::detail
