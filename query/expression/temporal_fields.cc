// The fields of temporal values and durations: d.year, t.offset,
// dt.epochMillis, dur.minutesOfHour ...
#include <string>

#include "query/expression/temporal_internal.h"
#include "query/expression/temporal_ops.h"
#include "storage/time_zone.h"

namespace guanxi::query::temporal {

using namespace detail;

namespace {

Value int_value(std::int64_t v) { return Value(v); }

std::optional<Value> date_field(std::int64_t days, const std::string& f) {
  const Civil c = civil(days);
  if (f == "year") return int_value(c.year);
  if (f == "month") return int_value(c.month);
  if (f == "day") return int_value(c.day);
  if (f == "quarter") return int_value((c.month - 1) / 3 + 1);
  if (f == "dayofweek" || f == "weekday") return int_value(day_of_week(days));
  if (f == "ordinalday") return int_value(days - storage::days_from_civil(c.year, 1, 1) + 1);
  if (f == "dayofquarter")
    return int_value(days - storage::days_from_civil(c.year, (c.month - 1) / 3 * 3 + 1, 1) + 1);
  if (f == "week") return int_value(storage::week_date_from_days(days).week);
  if (f == "weekyear") return int_value(storage::week_date_from_days(days).week_year);
  return std::nullopt;
}

std::optional<Value> time_field(std::int64_t nanos_of_day, const std::string& f) {
  const std::int64_t second = nanos_of_day / kNanosPerSecond;
  const std::int64_t fraction = nanos_of_day % kNanosPerSecond;
  if (f == "hour") return int_value(second / 3600);
  if (f == "minute") return int_value(second / 60 % 60);
  if (f == "second") return int_value(second % 60);
  if (f == "millisecond") return int_value(fraction / 1'000'000);
  if (f == "microsecond") return int_value(fraction / 1000);
  if (f == "nanosecond") return int_value(fraction);
  return std::nullopt;
}

std::optional<Value> zone_field(std::int32_t offset, std::uint32_t zone, const std::string& f) {
  if (f == "timezone")
    return zone != 0 ? Value(std::string(storage::time_zone_name(zone)))
                     : Value(storage::format_offset(offset));
  if (f == "offset") return Value(storage::format_offset(offset));
  if (f == "offsetminutes") return int_value(offset / 60);
  if (f == "offsetseconds") return int_value(offset);
  return std::nullopt;
}

std::optional<Value> duration_field(const Duration& d, const std::string& f) {
  // The exact part as seconds and a fraction that is never negative:
  // -0.5 seconds is -1 second and 500 milliseconds.
  const std::int64_t s = d.seconds;
  const std::int64_t n = d.nanos;
  if (f == "years") return int_value(d.months / 12);
  if (f == "quarters") return int_value(d.months / 3);
  if (f == "months") return int_value(d.months);
  if (f == "weeks") return int_value(d.days / 7);
  if (f == "days") return int_value(d.days);
  if (f == "hours") return int_value(s / 3600);
  if (f == "minutes") return int_value(s / 60);
  if (f == "seconds") return int_value(s);
  if (f == "milliseconds") return int_value(checked_add(checked_mul(s, 1000), n / 1'000'000));
  if (f == "microseconds") return int_value(checked_add(checked_mul(s, 1'000'000), n / 1000));
  if (f == "nanoseconds") return int_value(checked_add(checked_mul(s, kNanosPerSecond), n));
  if (f == "quartersofyear") return int_value(d.months / 3 % 4);
  if (f == "monthsofquarter") return int_value(d.months % 3);
  if (f == "monthsofyear") return int_value(d.months % 12);
  if (f == "daysofweek") return int_value(d.days % 7);
  if (f == "minutesofhour") return int_value(s / 60 % 60);
  if (f == "secondsofminute") return int_value(s % 60);
  if (f == "millisecondsofsecond") return int_value(n / 1'000'000);
  if (f == "microsecondsofsecond") return int_value(n / 1000);
  if (f == "nanosecondsofsecond") return int_value(n);
  return std::nullopt;
}

}  // namespace

std::optional<Value> field(const Value& temporal, std::string_view name) {
  const std::string f = lower(name);
  if (temporal.kind() == ValueKind::kDuration) return duration_field(temporal.as_duration(), f);
  if (!is_instant(temporal.kind())) return std::nullopt;
  const Parts p = parts_of(temporal);
  if (p.days)
    if (auto v = date_field(*p.days, f)) return v;
  if (p.nanos_of_day)
    if (auto v = time_field(*p.nanos_of_day, f)) return v;
  if (p.offset)
    if (auto v = zone_field(*p.offset, p.zone, f)) return v;
  if (temporal.kind() == ValueKind::kDateTime) {
    const DateTime t = temporal.as_datetime();
    if (f == "epochseconds") return int_value(t.seconds);
    if (f == "epochmillis")
      return int_value(checked_add(checked_mul(t.seconds, 1000), t.nanos / 1'000'000));
  }
  return std::nullopt;
}

}  // namespace guanxi::query::temporal
