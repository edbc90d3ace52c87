#include "query/expression/temporal_ops.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "query/query_error.h"
#include "storage/temporal.h"

namespace guanxi::query::temporal {

namespace {

[[noreturn]] void overflow() {
  throw QueryError(QueryErrorCode::kArithmetic, "Temporal arithmetic overflows");
}

[[noreturn]] void invalid(const std::string& message) {
  throw QueryError(QueryErrorCode::kInvalidArgument, message);
}

std::int64_t checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_add_overflow(a, b, &r)) overflow();
  return r;
}

std::int64_t checked_mul(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) overflow();
  return r;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::int64_t floor_mod(std::int64_t a, std::int64_t b) { return a - floor_div(a, b) * b; }

struct Civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

Civil civil(std::int64_t days) {
  Civil c{};
  storage::civil_from_days(days, &c.year, &c.month, &c.day);
  return c;
}

// Years beyond this would overflow the microsecond clock.
constexpr std::int64_t kMaxYear = 290'000;

void check_result_year(std::int64_t year) {
  if (year > kMaxYear || year < -kMaxYear)
    throw QueryError(QueryErrorCode::kArithmetic,
                     "Temporal arithmetic result is out of range: year " + std::to_string(year) +
                         " is not within -" + std::to_string(kMaxYear) + " to " +
                         std::to_string(kMaxYear));
}

std::int64_t add_months_to_days(std::int64_t days, std::int64_t months) {
  if (months == 0) return days;
  Civil c = civil(days);
  const std::int64_t total = checked_add(c.year * 12 + (c.month - 1), months);
  const std::int64_t year = floor_div(total, 12);
  check_result_year(year);
  const auto month = static_cast<unsigned>(floor_mod(total, 12) + 1);
  const unsigned day = std::min(c.day, storage::days_in_month(year, month));
  return storage::days_from_civil(year, month, day);
}

std::int64_t to_micros(std::int64_t days) { return checked_mul(days, kMicrosPerDay); }

// Arithmetic results stay within the years a date can be built with, so that
// every value a statement stores reads back.
std::int64_t days_in_range(std::int64_t days) {
  check_result_year(civil(days).year);
  return days;
}

// ISO weekday 1 (Monday) .. 7 (Sunday); 1970-01-01 was a Thursday.
std::int64_t day_of_week(std::int64_t days) { return floor_mod(days + 3, 7) + 1; }

std::int64_t ordinal_day(std::int64_t days) {
  return days - storage::days_from_civil(civil(days).year, 1, 1) + 1;
}

// The ISO week-based year and week number of a day.
void iso_week(std::int64_t days, std::int64_t* week_year, std::int64_t* week) {
  const std::int64_t thursday = days - (day_of_week(days) - 1) + 3;
  *week_year = civil(thursday).year;
  *week = (ordinal_day(thursday) - 1) / 7 + 1;
}

// The Monday of week 1 of an ISO week-based year.
std::int64_t week_year_start(std::int64_t week_year) {
  const std::int64_t jan4 = storage::days_from_civil(week_year, 1, 4);
  return jan4 - (day_of_week(jan4) - 1);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::int64_t int_entry(const std::string& key, const Value& v) {
  if (v.kind() != ValueKind::kInt)
    throw QueryError(
        QueryErrorCode::kType,
        "Temporal component `" + key + "` must be an INTEGER, got " + value_kind_name(v.kind()));
  return v.as_int();
}

void check_range(const std::string& key, std::int64_t v, std::int64_t lo, std::int64_t hi) {
  if (v < lo || v > hi)
    invalid("Invalid value for `" + key + "`: " + std::to_string(v) + " (expected " +
            std::to_string(lo) + ".." + std::to_string(hi) + ")");
}

// The date part of a temporal map; `used` collects the keys it consumed.
std::int64_t date_days_from_map(const Map& map, std::vector<std::string>* used) {
  std::optional<std::int64_t> year, month, day, week, dow, ordinal, quarter, doq;
  std::optional<std::int64_t> base;
  for (const auto& [key, v] : map) {
    const std::string k = lower(key);
    // Named captures: C++20 lets a lambda capture a structured binding, but
    // clang 14 does not implement it yet.
    auto take = [&, &name = key, &value = v](std::optional<std::int64_t>& slot) {
      used->push_back(name);
      if (!value.is_null()) slot = int_entry(name, value);
    };
    if (k == "year")
      take(year);
    else if (k == "month")
      take(month);
    else if (k == "day")
      take(day);
    else if (k == "week")
      take(week);
    else if (k == "dayofweek")
      take(dow);
    else if (k == "ordinalday")
      take(ordinal);
    else if (k == "quarter")
      take(quarter);
    else if (k == "dayofquarter")
      take(doq);
    else if (k == "date") {
      used->push_back(key);
      if (v.kind() == ValueKind::kDate)
        base = v.as_date().days;
      else if (v.kind() == ValueKind::kDateTime)
        base = floor_div(v.as_datetime().micros, kMicrosPerDay);
      else if (!v.is_null())
        invalid("`date` must be a DATE or DATETIME");
    }
  }
  if (base) {
    Civil c = civil(*base);
    if (!year) year = c.year;
    if (!month && !week && !ordinal && !quarter) month = c.month;
    if (!day && !dow && !ordinal && !doq) day = c.day;
  }
  if (!year) invalid("A date needs at least a `year`");
  check_range("year", *year, -kMaxYear, kMaxYear);
  if (week) {
    check_range("week", *week, 1, 53);
    check_range("dayOfWeek", dow.value_or(1), 1, 7);
    return week_year_start(*year) + (*week - 1) * 7 + (dow.value_or(1) - 1);
  }
  if (ordinal) {
    check_range("ordinalDay", *ordinal, 1, storage::is_leap_year(*year) ? 366 : 365);
    return storage::days_from_civil(*year, 1, 1) + *ordinal - 1;
  }
  if (quarter) {
    check_range("quarter", *quarter, 1, 4);
    const std::int64_t start =
        storage::days_from_civil(*year, static_cast<unsigned>((*quarter - 1) * 3 + 1), 1);
    const std::int64_t end = add_months_to_days(start, 3);
    check_range("dayOfQuarter", doq.value_or(1), 1, end - start);
    return start + doq.value_or(1) - 1;
  }
  const std::int64_t m = month.value_or(1);
  check_range("month", m, 1, 12);
  const std::int64_t d = day.value_or(1);
  check_range("day", d, 1, storage::days_in_month(*year, static_cast<unsigned>(m)));
  return storage::days_from_civil(*year, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

void reject_unknown(const Map& map, const std::vector<std::string>& used, const char* what) {
  for (const auto& [key, v] : map) {
    if (std::find(used.begin(), used.end(), key) == used.end())
      invalid(std::string("Unknown ") + what + " component `" + key + "`");
  }
}

std::int64_t micros_of_day(std::int64_t micros) { return floor_mod(micros, kMicrosPerDay); }
std::int64_t days_of(std::int64_t micros) { return floor_div(micros, kMicrosPerDay); }

std::optional<Value> date_field(std::int64_t days, const std::string& f) {
  const Civil c = civil(days);
  if (f == "year") return Value(c.year);
  if (f == "month") return Value(static_cast<std::int64_t>(c.month));
  if (f == "day") return Value(static_cast<std::int64_t>(c.day));
  if (f == "quarter") return Value(static_cast<std::int64_t>((c.month - 1) / 3 + 1));
  if (f == "dayofweek" || f == "weekday") return Value(day_of_week(days));
  if (f == "ordinalday") return Value(ordinal_day(days));
  if (f == "dayofquarter") {
    const auto first = static_cast<unsigned>((c.month - 1) / 3 * 3 + 1);
    return Value(days - storage::days_from_civil(c.year, first, 1) + 1);
  }
  if (f == "week" || f == "weekyear") {
    std::int64_t wy, w;
    iso_week(days, &wy, &w);
    return Value(f == "week" ? w : wy);
  }
  return std::nullopt;
}

std::optional<Value> datetime_field(std::int64_t micros, const std::string& f) {
  if (auto v = date_field(days_of(micros), f)) return v;
  const std::int64_t tod = micros_of_day(micros);
  const std::int64_t secs = tod / kMicrosPerSecond;
  const std::int64_t frac = tod % kMicrosPerSecond;
  if (f == "hour") return Value(secs / 3600);
  if (f == "minute") return Value(secs / 60 % 60);
  if (f == "second") return Value(secs % 60);
  if (f == "millisecond") return Value(frac / 1000);
  if (f == "microsecond") return Value(frac);
  if (f == "nanosecond") return Value(frac * 1000);
  if (f == "epochseconds") return Value(floor_div(micros, kMicrosPerSecond));
  if (f == "epochmillis") return Value(floor_div(micros, 1000));
  if (f == "timezone" || f == "offset") return Value("Z");
  if (f == "offsetminutes" || f == "offsetseconds") return Value(std::int64_t{0});
  return std::nullopt;
}

std::optional<Value> duration_field(const Duration& d, const std::string& f) {
  // Seconds and their sub-second part as Neo4j keeps them: the fraction is
  // never negative, so -0.5s is -1s + 500ms.
  const std::int64_t seconds = floor_div(d.micros, kMicrosPerSecond);
  const std::int64_t sub = floor_mod(d.micros, kMicrosPerSecond);
  if (f == "years") return Value(d.months / 12);
  if (f == "quarters") return Value(d.months / 3);
  if (f == "months") return Value(d.months);
  if (f == "weeks") return Value(d.days / 7);
  if (f == "days") return Value(d.days);
  if (f == "hours") return Value(seconds / 3600);
  if (f == "minutes") return Value(seconds / 60);
  if (f == "seconds") return Value(seconds);
  if (f == "milliseconds") return Value(checked_add(checked_mul(seconds, 1000), sub / 1000));
  if (f == "microseconds") return Value(d.micros);
  if (f == "nanoseconds") return Value(checked_mul(d.micros, 1000));
  if (f == "quartersofyear") return Value(d.months / 3 % 4);
  if (f == "monthsofquarter") return Value(d.months % 3);
  if (f == "monthsofyear") return Value(d.months % 12);
  if (f == "daysofweek") return Value(d.days % 7);
  if (f == "minutesofhour") return Value(seconds / 60 % 60);
  if (f == "secondsofminute") return Value(seconds % 60);
  if (f == "millisecondsofsecond") return Value(sub / 1000);
  if (f == "microsecondsofsecond") return Value(sub);
  if (f == "nanosecondsofsecond") return Value(sub * 1000);
  return std::nullopt;
}

}  // namespace

Date add(Date t, const Duration& d, int sign) {
  std::int64_t days = add_months_to_days(t.days, checked_mul(d.months, sign));
  days = checked_add(days, checked_mul(d.days, sign));
  days = checked_add(days, checked_mul(d.micros / kMicrosPerDay, sign));
  if (days_of(std::numeric_limits<std::int64_t>::max()) < days ||
      days_of(std::numeric_limits<std::int64_t>::min()) > days)
    overflow();
  return Date{days_in_range(days)};
}

DateTime add(DateTime t, const Duration& d, int sign) {
  std::int64_t days = add_months_to_days(days_of(t.micros), checked_mul(d.months, sign));
  days = checked_add(days, checked_mul(d.days, sign));
  std::int64_t micros = checked_add(to_micros(days), micros_of_day(t.micros));
  micros = checked_add(micros, checked_mul(d.micros, sign));
  days_in_range(days_of(micros));
  return DateTime{micros};
}

Duration add(const Duration& a, const Duration& b, int sign) {
  return Duration{checked_add(a.months, checked_mul(b.months, sign)),
                  checked_add(a.days, checked_mul(b.days, sign)),
                  checked_add(a.micros, checked_mul(b.micros, sign))};
}

Duration negate(const Duration& d) { return multiply(d, std::int64_t{-1}); }

Duration multiply(const Duration& d, std::int64_t factor) {
  return Duration{checked_mul(d.months, factor), checked_mul(d.days, factor),
                  checked_mul(d.micros, factor)};
}

Duration make_duration(double months, double days, double micros) {
  auto to_int = [](double x) {
    if (!std::isfinite(x) || std::fabs(x) >= 9.2e18) overflow();
    return static_cast<std::int64_t>(x);
  };
  const double whole_months = std::trunc(months);
  days += (months - whole_months) * kAverageDaysPerMonth;
  const double whole_days = std::trunc(days);
  micros += (days - whole_days) * static_cast<double>(kMicrosPerDay);
  return Duration{to_int(whole_months), to_int(whole_days), to_int(std::round(micros))};
}

Duration multiply(const Duration& d, double factor) {
  return make_duration(static_cast<double>(d.months) * factor, static_cast<double>(d.days) * factor,
                       static_cast<double>(d.micros) * factor);
}

Duration divide(const Duration& d, double divisor) {
  if (divisor == 0) throw QueryError(QueryErrorCode::kArithmetic, "Division of a duration by zero");
  return make_duration(static_cast<double>(d.months) / divisor,
                       static_cast<double>(d.days) / divisor,
                       static_cast<double>(d.micros) / divisor);
}

Duration between(const Value& from, const Value& to, std::string_view unit) {
  auto micros_of = [](const Value& v) -> std::int64_t {
    if (v.kind() == ValueKind::kDate) return to_micros(v.as_date().days);
    if (v.kind() == ValueKind::kDateTime) return v.as_datetime().micros;
    throw QueryError(QueryErrorCode::kType,
                     std::string("duration.between expects DATE or DATETIME values, got ") +
                         value_kind_name(v.kind()));
  };
  const std::int64_t a = micros_of(from), b = micros_of(to);
  if (unit == "seconds") return Duration{0, 0, checked_add(b, -a)};
  if (unit == "days") return Duration{0, (b - a) / kMicrosPerDay, 0};
  const Civil ca = civil(days_of(a)), cb = civil(days_of(b));
  std::int64_t months = (cb.year * 12 + cb.month) - (ca.year * 12 + ca.month);
  auto shifted = [&](std::int64_t m) {
    return to_micros(add_months_to_days(days_of(a), m)) + micros_of_day(a);
  };
  if (months > 0 && shifted(months) > b) --months;
  if (months < 0 && shifted(months) < b) ++months;
  if (unit == "months") return Duration{months, 0, 0};
  const std::int64_t rest = b - shifted(months);
  return Duration{months, rest / kMicrosPerDay, rest % kMicrosPerDay};
}

std::optional<Value> field(const Value& temporal, std::string_view name) {
  const std::string f = lower(name);
  switch (temporal.kind()) {
    case ValueKind::kDate: return date_field(temporal.as_date().days, f);
    case ValueKind::kDateTime: return datetime_field(temporal.as_datetime().micros, f);
    case ValueKind::kDuration: return duration_field(temporal.as_duration(), f);
    default: return std::nullopt;
  }
}

Date truncate(std::string_view unit, Date d) {
  const std::string u = lower(unit);
  const Civil c = civil(d.days);
  auto year_start = [](std::int64_t y) { return Date{storage::days_from_civil(y, 1, 1)}; };
  if (u == "millennium") return year_start(floor_div(c.year, 1000) * 1000);
  if (u == "century") return year_start(floor_div(c.year, 100) * 100);
  if (u == "decade") return year_start(floor_div(c.year, 10) * 10);
  if (u == "year") return year_start(c.year);
  if (u == "weekyear") {
    std::int64_t wy, w;
    iso_week(d.days, &wy, &w);
    return Date{week_year_start(wy)};
  }
  if (u == "quarter") return Date{storage::days_from_civil(c.year, (c.month - 1) / 3 * 3 + 1, 1)};
  if (u == "month") return Date{storage::days_from_civil(c.year, c.month, 1)};
  if (u == "week") return Date{d.days - (day_of_week(d.days) - 1)};
  if (u == "day") return d;
  invalid("Unknown truncation unit '" + std::string(unit) + "' for a DATE");
}

DateTime truncate(std::string_view unit, DateTime t) {
  const std::string u = lower(unit);
  const std::int64_t tod = micros_of_day(t.micros);
  const std::int64_t day_start = t.micros - tod;
  auto to = [&](std::int64_t step) { return DateTime{day_start + tod / step * step}; };
  if (u == "hour") return to(3600 * kMicrosPerSecond);
  if (u == "minute") return to(60 * kMicrosPerSecond);
  if (u == "second") return to(kMicrosPerSecond);
  if (u == "millisecond") return to(1000);
  if (u == "microsecond") return t;
  const std::vector<std::string> date_units = {
      "millennium", "century", "decade", "year", "weekyear", "quarter", "month", "week", "day"};
  if (std::find(date_units.begin(), date_units.end(), u) == date_units.end())
    invalid("Unknown truncation unit '" + std::string(unit) + "' for a DATETIME");
  return DateTime{to_micros(truncate(unit, Date{days_of(t.micros)}).days)};
}

Date date_from_map(const Map& map) {
  std::vector<std::string> used;
  const std::int64_t days = date_days_from_map(map, &used);
  reject_unknown(map, used, "date");
  return Date{days};
}

std::optional<std::int64_t> parse_offset(std::string_view text) {
  if (text == "Z" || text == "z" || text == "UTC" || text == "utc") return 0;
  if (text.size() < 3 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  const bool minus = text[0] == '-';
  std::string digits;
  for (size_t i = 1; i < text.size(); ++i) {
    if (text[i] == ':' && i == 3) continue;
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    digits += text[i];
  }
  if (digits.size() != 2 && digits.size() != 4) return std::nullopt;
  const int hours = std::stoi(digits.substr(0, 2));
  const int minutes = digits.size() == 4 ? std::stoi(digits.substr(2)) : 0;
  if (hours > 18 || minutes > 59) return std::nullopt;
  const std::int64_t seconds = (std::int64_t{hours} * 60 + minutes) * 60;
  return minus ? -seconds : seconds;
}

DateTime datetime_from_map(const Map& map) {
  std::vector<std::string> used;
  std::optional<std::int64_t> epoch_micros;
  std::int64_t hour = 0, minute = 0, second = 0, milli = 0, micro = 0, nano = 0, offset = 0;
  bool has_date = false;
  for (const auto& [key, v] : map) {
    const std::string k = lower(key);
    if (k == "epochseconds" || k == "epochmillis") {
      used.push_back(key);
      const std::int64_t n = int_entry(key, v);
      epoch_micros = checked_mul(n, k == "epochseconds" ? kMicrosPerSecond : 1000);
      continue;
    }
    if (k == "year" || k == "date") has_date = true;
    std::int64_t* slot = k == "hour"          ? &hour
                         : k == "minute"      ? &minute
                         : k == "second"      ? &second
                         : k == "millisecond" ? &milli
                         : k == "microsecond" ? &micro
                         : k == "nanosecond"  ? &nano
                                              : nullptr;
    if (slot != nullptr) {
      used.push_back(key);
      *slot = int_entry(key, v);
    } else if (k == "timezone") {
      used.push_back(key);
      if (v.kind() != ValueKind::kString) invalid("`timezone` must be a STRING such as '+02:00'");
      auto parsed = parse_offset(v.as_string());
      if (!parsed) invalid("Unsupported timezone '" + v.as_string() + "' (use 'Z' or '+HH:MM')");
      offset = *parsed;
    }
  }
  check_range("hour", hour, 0, 23);
  check_range("minute", minute, 0, 59);
  check_range("second", second, 0, 59);
  check_range("millisecond", milli, 0, 999);
  check_range("microsecond", micro, 0, 999'999);
  check_range("nanosecond", nano, 0, 999'999'999);
  std::int64_t micros;
  if (epoch_micros) {
    micros = checked_add(*epoch_micros, nano / 1000);
    reject_unknown(map, used, "datetime");
    return DateTime{micros};
  }
  if (!has_date) invalid("A datetime needs a `year` (or `date`, `epochSeconds`, `epochMillis`)");
  const std::int64_t days = date_days_from_map(map, &used);
  reject_unknown(map, used, "datetime");
  micros = to_micros(days);
  micros +=
      ((hour * 60 + minute) * 60 + second) * kMicrosPerSecond + milli * 1000 + micro + nano / 1000;
  return DateTime{checked_add(micros, -offset * kMicrosPerSecond)};
}

Duration duration_from_map(const Map& map) {
  double months = 0, days = 0, micros = 0;
  std::int64_t imonths = 0, idays = 0, imicros = 0;
  for (const auto& [key, v] : map) {
    const std::string k = lower(key);
    double* fslot = nullptr;
    std::int64_t* islot = nullptr;
    std::int64_t scale = 1;
    if (k == "years")
      fslot = &months, islot = &imonths, scale = 12;
    else if (k == "quarters")
      fslot = &months, islot = &imonths, scale = 3;
    else if (k == "months")
      fslot = &months, islot = &imonths;
    else if (k == "weeks")
      fslot = &days, islot = &idays, scale = 7;
    else if (k == "days")
      fslot = &days, islot = &idays;
    else if (k == "hours")
      fslot = &micros, islot = &imicros, scale = 3600 * kMicrosPerSecond;
    else if (k == "minutes")
      fslot = &micros, islot = &imicros, scale = 60 * kMicrosPerSecond;
    else if (k == "seconds")
      fslot = &micros, islot = &imicros, scale = kMicrosPerSecond;
    else if (k == "milliseconds")
      fslot = &micros, islot = &imicros, scale = 1000;
    else if (k == "microseconds")
      fslot = &micros, islot = &imicros;
    else if (k == "nanoseconds") {
      if (!v.is_number()) invalid("Duration component `" + key + "` must be a number");
      micros += v.as_number() / 1000;
      continue;
    } else {
      invalid("Unknown duration component `" + key + "`");
    }
    if (v.kind() == ValueKind::kInt) {
      *islot = checked_add(*islot, checked_mul(v.as_int(), scale));
    } else if (v.kind() == ValueKind::kFloat) {
      *fslot += v.as_float() * static_cast<double>(scale);
    } else {
      invalid("Duration component `" + key + "` must be a number, got " +
              value_kind_name(v.kind()));
    }
  }
  Duration fractional = make_duration(months, days, micros);
  return add(Duration{imonths, idays, imicros}, fractional, 1);
}

}  // namespace guanxi::query::temporal
