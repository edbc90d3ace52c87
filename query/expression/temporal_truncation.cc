// X.truncate(unit, value, fields): a temporal value cut down to the start of
// a unit, then given fields the way a map of fields gives them.
#include <iterator>
#include <string>

#include "query/expression/temporal_internal.h"
#include "query/expression/temporal_ops.h"

namespace guanxi::query::temporal {

using namespace detail;

namespace {

// The units, largest first; kDay is the last that touches the date.
enum Unit : int {
  kMillennium,
  kCentury,
  kDecade,
  kYear,
  kWeekYear,
  kQuarter,
  kMonth,
  kWeek,
  kDay,
  kHour,
  kMinute,
  kSecond,
  kMillisecond,
  kMicrosecond,
};
constexpr const char* kUnitNames[] = {
    "millennium", "century", "decade", "year",   "weekyear", "quarter",     "month",
    "week",       "day",     "hour",   "minute", "second",   "millisecond", "microsecond"};

// The unit named `name` (lower case); -1 when there is none.
int unit_index(const std::string& name) {
  for (int i = 0; i < static_cast<int>(std::size(kUnitNames)); ++i)
    if (name == kUnitNames[i]) return i;
  return -1;
}

std::int64_t truncate_days(int unit, std::int64_t days) {
  const Civil c = civil(days);
  auto year_start = [](std::int64_t y) { return storage::days_from_civil(y, 1, 1); };
  switch (unit) {
    case kMillennium: return year_start(floor_div(c.year, 1000) * 1000);
    case kCentury: return year_start(floor_div(c.year, 100) * 100);
    case kDecade: return year_start(floor_div(c.year, 10) * 10);
    case kYear: return year_start(c.year);
    case kWeekYear:
      return storage::days_from_week_date(storage::week_date_from_days(days).week_year, 1, 1);
    case kQuarter: return storage::days_from_civil(c.year, (c.month - 1) / 3 * 3 + 1, 1);
    case kMonth: return storage::days_from_civil(c.year, c.month, 1);
    case kWeek: return days - (day_of_week(days) - 1);
    default: return days;
  }
}

std::int64_t truncate_time(int unit, std::int64_t nanos_of_day) {
  std::int64_t step = 1;
  switch (unit) {
    case kHour: step = 3600 * kNanosPerSecond; break;
    case kMinute: step = 60 * kNanosPerSecond; break;
    case kSecond: step = kNanosPerSecond; break;
    case kMillisecond: step = 1'000'000; break;
    case kMicrosecond: step = 1000; break;
    default: return 0;  // a date unit: midnight
  }
  return nanos_of_day / step * step;
}

}  // namespace

Value truncate(ValueKind target, std::string_view unit_name, const Value& value,
               const Map& fields) {
  const int unit = unit_index(lower(unit_name));
  if (unit < 0) invalid("Unknown truncation unit '" + std::string(unit_name) + "'");
  if (target == ValueKind::kDate && unit > kDay)
    invalid("A DATE cannot be truncated to '" + std::string(unit_name) + "'");
  if (!takes_date(target) && unit < kDay)
    invalid(std::string("A ") + value_kind_name(target) + " cannot be truncated to '" +
            std::string(unit_name) + "'");
  if (!is_instant(value.kind()))
    type_mismatch(std::string("Cannot truncate a ") + value_kind_name(value.kind()));
  const Parts p = parts_of(value);
  if (takes_date(target) && !p.days)
    type_mismatch(std::string("Cannot truncate a ") + value_kind_name(value.kind()) + " to a " +
                  value_kind_name(target));
  if (!takes_date(target) && !p.nanos_of_day && unit > kDay)
    type_mismatch(std::string("Cannot truncate a ") + value_kind_name(value.kind()) + " to '" +
                  std::string(unit_name) + "'");
  Base base;
  if (p.days) base.days = truncate_days(unit, *p.days);
  base.nanos_of_day = truncate_time(unit, p.nanos_of_day.value_or(0));
  if (p.offset) base.zone = Zone{*p.offset, p.zone, true};
  Fields f = read_fields(target, fields);
  if (f.date || f.time || f.datetime || f.epoch_seconds || f.epoch_millis)
    invalid("The fields of a truncation cannot select other values");
  if (!takes_date(target)) base.days.reset();
  // The clock only matters for a TIME in a named zone.
  const DateTime now = value.kind() == ValueKind::kDateTime ? value.as_datetime() : DateTime{};
  return build(target, f, base, false, now);
}

}  // namespace guanxi::query::temporal
