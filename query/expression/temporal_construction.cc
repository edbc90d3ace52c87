// Construction of temporal values: from maps of fields (with selection from
// other temporal values), from other temporal values, and from the clock.
#include <string>

#include "query/expression/temporal_internal.h"
#include "query/expression/temporal_ops.h"
#include "storage/time_zone.h"

namespace guanxi::query::temporal {

using namespace detail;

namespace detail {

bool takes_date(ValueKind k) {
  return k == ValueKind::kDate || k == ValueKind::kLocalDateTime || k == ValueKind::kDateTime;
}

}  // namespace detail

namespace {

bool takes_time(ValueKind k) { return k != ValueKind::kDate; }
bool takes_zone(ValueKind k) { return k == ValueKind::kTime || k == ValueKind::kDateTime; }

std::int64_t int_field(const std::string& key, const Value& v) {
  if (v.kind() != ValueKind::kInt)
    type_mismatch("Temporal field `" + key + "` must be an INTEGER, got " +
                  value_kind_name(v.kind()));
  return v.as_int();
}

}  // namespace

Fields detail::read_fields(ValueKind target, const Map& map) {
  Fields f;
  const bool date_ok = takes_date(target), time_ok = takes_time(target);
  for (const auto& [key, v] : map) {
    const std::string k = lower(key);
    Field* slot = nullptr;
    bool allowed = date_ok;
    if (k == "year")
      slot = &f.year;
    else if (k == "month")
      slot = &f.month;
    else if (k == "day")
      slot = &f.day;
    else if (k == "week")
      slot = &f.week;
    else if (k == "dayofweek")
      slot = &f.day_of_week;
    else if (k == "ordinalday")
      slot = &f.ordinal_day;
    else if (k == "quarter")
      slot = &f.quarter;
    else if (k == "dayofquarter")
      slot = &f.day_of_quarter;
    else {
      allowed = time_ok;
      if (k == "hour")
        slot = &f.hour;
      else if (k == "minute")
        slot = &f.minute;
      else if (k == "second")
        slot = &f.second;
      else if (k == "millisecond")
        slot = &f.millisecond;
      else if (k == "microsecond")
        slot = &f.microsecond;
      else if (k == "nanosecond")
        slot = &f.nanosecond;
      else if (k == "epochseconds" || k == "epochmillis") {
        allowed = target == ValueKind::kDateTime;
        slot = k == "epochseconds" ? &f.epoch_seconds : &f.epoch_millis;
      }
    }
    std::optional<Value>* value_slot = nullptr;
    if (slot == nullptr) {
      if (k == "date")
        value_slot = &f.date, allowed = date_ok;
      else if (k == "time")
        value_slot = &f.time, allowed = time_ok;
      else if (k == "datetime")
        value_slot = &f.datetime, allowed = date_ok && target != ValueKind::kDate;
      else if (k == "timezone")
        value_slot = &f.timezone, allowed = true;
      else
        allowed = false;
    }
    if (!allowed)
      invalid(std::string("A ") + value_kind_name(target) + " has no field `" + key + "`");
    if (v.is_null()) continue;
    if (slot != nullptr)
      *slot = int_field(key, v);
    else
      *value_slot = v;
  }
  return f;
}

namespace {

void check_range(const char* name, std::int64_t v, std::int64_t lo, std::int64_t hi) {
  if (v < lo || v > hi)
    invalid(std::string("Invalid value for `") + name + "`: " + std::to_string(v) + " (expected " +
            std::to_string(lo) + " to " + std::to_string(hi) + ")");
}

// The date the fields give on top of `base` (a day number, when the map
// selected a date): the fields of one calendar (civil, week, ordinal or
// quarter) replace the base's reading in that calendar, and what they leave
// out comes from the base.
std::int64_t resolve_date(const Fields& f, std::optional<std::int64_t> base) {
  const bool week_based = f.week || f.day_of_week;
  const bool ordinal = f.ordinal_day.has_value();
  const bool quarter_based = f.quarter || f.day_of_quarter;
  const bool civil_based = f.month || f.day;
  if (int{week_based} + int{ordinal} + int{quarter_based} + int{civil_based} > 1)
    invalid(
        "A date takes the fields of one calendar: year, month, day; or year, week, "
        "dayOfWeek; or year, ordinalDay; or year, quarter, dayOfQuarter");
  if (!f.year && !base) invalid("A date needs a `year` (or a `date` to start from)");
  if (f.year) check_range("year", *f.year, -kMaxYear, kMaxYear);
  const Civil b = base ? civil(*base) : Civil{};
  if (week_based) {
    const storage::WeekDate bw =
        base ? storage::week_date_from_days(*base) : storage::WeekDate{0, 1, 1};
    const std::int64_t week_year = f.year ? *f.year : bw.week_year;
    const std::int64_t week = f.week.value_or(bw.week);
    const std::int64_t dow = f.day_of_week.value_or(bw.day_of_week);
    check_range("week", week, 1, storage::weeks_in_week_year(week_year));
    check_range("dayOfWeek", dow, 1, 7);
    return storage::days_from_week_date(week_year, static_cast<unsigned>(week),
                                        static_cast<unsigned>(dow));
  }
  const std::int64_t year = f.year ? *f.year : b.year;
  const std::int64_t year_start = storage::days_from_civil(year, 1, 1);
  if (ordinal) {
    check_range("ordinalDay", *f.ordinal_day, 1, storage::is_leap_year(year) ? 366 : 365);
    return year_start + *f.ordinal_day - 1;
  }
  if (quarter_based) {
    const std::int64_t base_quarter = (b.month - 1) / 3 + 1;
    const std::int64_t q = f.quarter.value_or(base ? base_quarter : 1);
    check_range("quarter", q, 1, 4);
    const auto first_month = static_cast<unsigned>((q - 1) * 3 + 1);
    const std::int64_t start = storage::days_from_civil(year, first_month, 1);
    const std::int64_t length = add_months(start, 3) - start;
    std::int64_t doq = 1;
    if (f.day_of_quarter) {
      doq = *f.day_of_quarter;
    } else if (base) {
      doq = *base - storage::days_from_civil(b.year, (b.month - 1) / 3 * 3 + 1, 1) + 1;
    }
    check_range("dayOfQuarter", doq, 1, length);
    return start + doq - 1;
  }
  const std::int64_t month = f.month.value_or(base ? b.month : 1);
  check_range("month", month, 1, 12);
  const std::int64_t day = f.day.value_or(base ? b.day : 1);
  check_range("day", day, 1, storage::days_in_month(year, static_cast<unsigned>(month)));
  return storage::days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

// The time of day the fields give on top of `base` (nanoseconds of the day):
// each field replaces the base's, the fraction of a second being its
// milliseconds, microseconds and nanoseconds (so that {nanosecond: 2} on
// 12:00:00.645 gives 12:00:00.645000002).
std::int64_t resolve_time(const Fields& f, std::optional<std::int64_t> base) {
  const std::int64_t b = base.value_or(0);
  const std::int64_t b_second = b / kNanosPerSecond, b_fraction = b % kNanosPerSecond;
  const std::int64_t hour = f.hour.value_or(b_second / 3600);
  const std::int64_t minute = f.minute.value_or(b_second / 60 % 60);
  const std::int64_t second = f.second.value_or(b_second % 60);
  check_range("hour", hour, 0, 23);
  check_range("minute", minute, 0, 59);
  check_range("second", second, 0, 59);
  std::int64_t fraction = b_fraction;
  if (f.millisecond || f.microsecond || f.nanosecond) {
    const std::int64_t ms = f.millisecond.value_or(b_fraction / 1'000'000);
    const std::int64_t us = f.microsecond.value_or(b_fraction / 1000 % 1000);
    const std::int64_t ns = f.nanosecond.value_or(b_fraction % 1000);
    check_range("millisecond", ms, 0, 999);
    check_range("microsecond", us, 0, 999'999);
    check_range("nanosecond", ns, 0, 999'999'999);
    fraction = ms * 1'000'000 + us * 1000 + ns;
    if (fraction >= kNanosPerSecond)
      invalid("millisecond, microsecond and nanosecond add up to more than a second");
  }
  return ((hour * 60 + minute) * 60 + second) * kNanosPerSecond + fraction;
}

Base base_of(const Fields& f) {
  Base base;
  auto select = [](const Value& v, const char* key, bool want_date) {
    if (!is_instant(v.kind()))
      type_mismatch(std::string("`") + key + "` must be a temporal value, got " +
                    value_kind_name(v.kind()));
    Parts p = parts_of(v);
    if (want_date ? !p.days : !p.nanos_of_day)
      type_mismatch(std::string("`") + key + "` must have a " + (want_date ? "date" : "time") +
                    ", got a " + value_kind_name(v.kind()));
    return p;
  };
  if (f.datetime) {
    const Parts p = select(*f.datetime, "datetime", true);
    base.days = p.days;
    base.nanos_of_day = p.nanos_of_day;
    if (p.offset) base.zone = Zone{*p.offset, p.zone, true};
  }
  if (f.date) base.days = select(*f.date, "date", true).days;
  if (f.time) {
    const Parts p = select(*f.time, "time", false);
    base.nanos_of_day = p.nanos_of_day;
    base.zone.reset();
    if (p.offset) base.zone = Zone{*p.offset, p.zone, true};
  }
  return base;
}

}  // namespace

Value detail::build(ValueKind target, const Fields& f, const Base& base, bool convert_zone,
                    const DateTime& now) {
  std::optional<Zone> new_zone;
  if (f.timezone) {
    if (!takes_zone(target))
      invalid(std::string("A ") + value_kind_name(target) + " has no field `timezone`");
    new_zone = parse_zone(*f.timezone);
  }
  if (target == ValueKind::kDateTime && (f.epoch_seconds || f.epoch_millis)) {
    if (f.has_date_fields() || f.hour || f.minute || f.second || base.days || base.nanos_of_day)
      invalid(
          "epochSeconds and epochMillis go with nanosecond, millisecond, microsecond and "
          "timezone only");
    const std::int64_t seconds =
        f.epoch_seconds ? *f.epoch_seconds : floor_div(*f.epoch_millis, 1000);
    std::int64_t nanos = f.epoch_millis ? floor_mod(*f.epoch_millis, 1000) * 1'000'000 : 0;
    nanos = checked_add(nanos, checked_mul(f.millisecond.value_or(0), 1'000'000));
    nanos = checked_add(nanos, checked_mul(f.microsecond.value_or(0), 1000));
    nanos = checked_add(nanos, f.nanosecond.value_or(0));
    DateTime t = from_epoch(seconds, nanos);
    return Value(new_zone ? with_zone_same_instant(t, *new_zone) : t);
  }
  std::int64_t days = 0;
  if (takes_date(target)) days = check_days(resolve_date(f, base.days));
  std::int64_t nanos_of_day = 0;
  if (takes_time(target)) {
    if (target != ValueKind::kLocalDateTime && target != ValueKind::kDateTime &&
        !f.has_time_fields() && !base.nanos_of_day)
      invalid(std::string("A ") + value_kind_name(target) + " needs an `hour` (or a `time`)");
    nanos_of_day = resolve_time(f, base.nanos_of_day);
  }
  switch (target) {
    case ValueKind::kDate: return Value(Date{days});
    case ValueKind::kLocalTime: return Value(LocalTime{nanos_of_day});
    case ValueKind::kLocalDateTime:
      return Value(LocalDateTime{days * kSecondsPerDay + nanos_of_day / kNanosPerSecond,
                                 static_cast<std::int32_t>(nanos_of_day % kNanosPerSecond)});
    case ValueKind::kTime: {
      // A TIME keeps an offset only: a selected value's own, or the one a
      // named zone has now.
      auto offset_of = [&](const Zone& z) {
        return z.offset_known ? z.offset : offset_at(z, now.seconds);
      };
      if (base.zone && new_zone && convert_zone) {
        const std::int64_t shift =
            std::int64_t{offset_of(*new_zone) - offset_of(*base.zone)} * kNanosPerSecond;
        return Value(Time{floor_mod(nanos_of_day + shift, kNanosPerDay), offset_of(*new_zone)});
      }
      const Zone zone = new_zone ? *new_zone : base.zone.value_or(Zone{});
      return Value(Time{nanos_of_day, offset_of(zone)});
    }
    case ValueKind::kDateTime: {
      if (base.zone && new_zone && convert_zone)
        return Value(
            with_zone_same_instant(local_to_datetime(days, nanos_of_day, *base.zone), *new_zone));
      const Zone zone = new_zone ? *new_zone : base.zone.value_or(Zone{});
      return Value(local_to_datetime(days, nanos_of_day, zone));
    }
    default: type_mismatch(std::string("Not a temporal type: ") + value_kind_name(target));
  }
}

DateTime from_epoch(std::int64_t seconds, std::int64_t nanos) {
  const std::int64_t s = checked_add(seconds, floor_div(nanos, kNanosPerSecond));
  check_days(floor_div(s, kSecondsPerDay));
  return DateTime{s, static_cast<std::int32_t>(floor_mod(nanos, kNanosPerSecond)), 0, 0};
}

Value from_map(ValueKind target, const Map& map, const DateTime& now) {
  const Fields f = read_fields(target, map);
  if (f.timezone && map.size() == 1) {
    const Zone zone = parse_zone(*f.timezone);
    return current(target, with_zone_same_instant(now, zone), std::nullopt);
  }
  return build(target, f, base_of(f), true, now);
}

Value convert(ValueKind target, const Value& value) {
  if (value.kind() == target) return value;
  const Parts p = parts_of(value);
  const bool date_needed = takes_date(target);
  if (date_needed ? !p.days : !p.nanos_of_day)
    type_mismatch(std::string("Cannot make a ") + value_kind_name(target) + " of a " +
                  value_kind_name(value.kind()));
  const std::int64_t nod = p.nanos_of_day.value_or(0);
  const Zone zone = p.offset ? Zone{*p.offset, p.zone, true} : Zone{};
  switch (target) {
    case ValueKind::kDate: return Value(Date{*p.days});
    case ValueKind::kLocalTime: return Value(LocalTime{nod});
    case ValueKind::kTime: return Value(Time{nod, p.offset.value_or(0)});
    case ValueKind::kLocalDateTime:
      return Value(LocalDateTime{*p.days * kSecondsPerDay + nod / kNanosPerSecond,
                                 static_cast<std::int32_t>(nod % kNanosPerSecond)});
    case ValueKind::kDateTime: return Value(local_to_datetime(*p.days, nod, zone));
    default: type_mismatch(std::string("Not a temporal type: ") + value_kind_name(target));
  }
}

Value current(ValueKind target, const DateTime& now, std::optional<std::string_view> zone_name) {
  DateTime t = now;
  if (zone_name) t = with_zone_same_instant(now, parse_zone(Value(std::string(*zone_name))));
  if (target == ValueKind::kDateTime) return Value(t);
  return convert(target, Value(t));
}

}  // namespace guanxi::query::temporal
