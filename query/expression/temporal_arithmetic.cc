// Arithmetic with durations: building them from maps, adding, scaling, and
// moving temporal instants by them.
#include <cmath>
#include <string>
#include <utility>

#include "query/expression/temporal_internal.h"
#include "query/expression/temporal_ops.h"

namespace guanxi::query::temporal {

using namespace detail;

namespace {

constexpr double kNanosPerDayF = static_cast<double>(kNanosPerDay);
constexpr double kNanosPerMonthF = kAverageDaysPerMonth * kNanosPerDayF;

std::int64_t to_int(double x) {
  if (!std::isfinite(x) || std::fabs(x) >= 9.2e18) overflow();
  return static_cast<std::int64_t>(x);
}

}  // namespace

Duration make_duration(std::int64_t months, std::int64_t days, std::int64_t seconds,
                       std::int64_t nanos) {
  return Duration{months, days, checked_add(seconds, floor_div(nanos, kNanosPerSecond)),
                  static_cast<std::int32_t>(floor_mod(nanos, kNanosPerSecond))};
}

Duration approximate(double months, double days, double seconds, double nanos) {
  const std::int64_t whole_months = to_int(months);
  days += (months - static_cast<double>(whole_months)) * kNanosPerMonthF / kNanosPerDayF;
  const std::int64_t whole_days = to_int(days);
  seconds += (days - static_cast<double>(whole_days)) * static_cast<double>(kSecondsPerDay);
  const std::int64_t whole_seconds = to_int(seconds);
  nanos += (seconds - static_cast<double>(whole_seconds)) * static_cast<double>(kNanosPerSecond);
  // A hair below a whole nanosecond is that nanosecond: 0.1 + 0.2 seconds
  // must not print as 0.299999999.
  const double rounded = std::round(nanos);
  const std::int64_t whole_nanos =
      to_int(std::fabs(nanos - rounded) < 1e-3 ? rounded : std::trunc(nanos));
  return make_duration(whole_months, whole_days, whole_seconds, whole_nanos);
}

Duration duration_from_map(const Map& map) {
  // Whole numbers add up exactly; fractions are approximated.
  std::int64_t months = 0, days = 0, seconds = 0, nanos = 0;
  double f_months = 0, f_days = 0, f_seconds = 0, f_nanos = 0;
  for (const auto& [key, v] : map) {
    const std::string k = lower(key);
    std::int64_t* exact = nullptr;
    double* approx = nullptr;
    std::int64_t scale = 1;
    if (k == "years")
      exact = &months, approx = &f_months, scale = 12;
    else if (k == "quarters")
      exact = &months, approx = &f_months, scale = 3;
    else if (k == "months")
      exact = &months, approx = &f_months;
    else if (k == "weeks")
      exact = &days, approx = &f_days, scale = 7;
    else if (k == "days")
      exact = &days, approx = &f_days;
    else if (k == "hours")
      exact = &seconds, approx = &f_seconds, scale = 3600;
    else if (k == "minutes")
      exact = &seconds, approx = &f_seconds, scale = 60;
    else if (k == "seconds")
      exact = &seconds, approx = &f_seconds;
    else if (k == "milliseconds")
      exact = &nanos, approx = &f_nanos, scale = 1'000'000;
    else if (k == "microseconds")
      exact = &nanos, approx = &f_nanos, scale = 1000;
    else if (k == "nanoseconds")
      exact = &nanos, approx = &f_nanos;
    else
      invalid("A DURATION has no field `" + key + "`");
    if (v.is_null()) continue;
    if (v.kind() == ValueKind::kInt) {
      *exact = checked_add(*exact, checked_mul(v.as_int(), scale));
    } else if (v.kind() == ValueKind::kFloat) {
      *approx += v.as_float() * static_cast<double>(scale);
    } else {
      invalid("Duration field `" + key + "` must be a number, got " + value_kind_name(v.kind()));
    }
  }
  return add(make_duration(months, days, seconds, nanos),
             approximate(f_months, f_days, f_seconds, f_nanos), 1);
}

Duration add(const Duration& a, const Duration& b, int sign) {
  const Int128 nanos = static_cast<Int128>(a.nanos) + static_cast<Int128>(b.nanos) * sign;
  return make_duration(checked_add(a.months, checked_mul(b.months, sign)),
                       checked_add(a.days, checked_mul(b.days, sign)),
                       checked_add(a.seconds, checked_mul(b.seconds, sign)), narrow(nanos));
}

Duration negate(const Duration& d) { return multiply(d, std::int64_t{-1}); }

Duration multiply(const Duration& d, std::int64_t factor) {
  const Int128 nanos = static_cast<Int128>(d.nanos) * factor;
  Int128 carry = nanos / kNanosPerSecond;
  if (nanos % kNanosPerSecond < 0) --carry;
  return Duration{checked_mul(d.months, factor), checked_mul(d.days, factor),
                  checked_add(checked_mul(d.seconds, factor), narrow(carry)),
                  static_cast<std::int32_t>(nanos - carry * kNanosPerSecond)};
}

Duration multiply(const Duration& d, double factor) {
  return approximate(static_cast<double>(d.months) * factor, static_cast<double>(d.days) * factor,
                     static_cast<double>(d.seconds) * factor,
                     static_cast<double>(d.nanos) * factor);
}

Duration divide(const Duration& d, double divisor) {
  if (divisor == 0) throw QueryError(QueryErrorCode::kArithmetic, "Division of a duration by zero");
  return approximate(static_cast<double>(d.months) / divisor, static_cast<double>(d.days) / divisor,
                     static_cast<double>(d.seconds) / divisor,
                     static_cast<double>(d.nanos) / divisor);
}

Value add(const Value& t, const Duration& d, int sign) {
  const std::int64_t months = checked_mul(d.months, sign);
  const std::int64_t days = checked_mul(d.days, sign);
  // The exact part with the sign applied to both its fields, so that
  // subtracting -0.5 s (-1 s and 0.5 s) adds 1 s and takes 0.5 s.
  const std::int64_t seconds = checked_mul(d.seconds, sign);
  const std::int64_t nanos = std::int64_t{d.nanos} * sign;
  auto time_of_day = [&](std::int64_t nod) {
    const std::int64_t shift =
        floor_mod(floor_mod(seconds, kSecondsPerDay) * kNanosPerSecond + nanos, kNanosPerDay);
    return floor_mod(nod + shift, kNanosPerDay);
  };
  auto local_exact = [&](std::int64_t day_number, std::int64_t nod) {
    // Local date and time of day moved by the exact part.
    const Int128 total =
        static_cast<Int128>(day_number) * kNanosPerDay + nod + epoch_nanos(seconds, 0) + nanos;
    Int128 q = total / kNanosPerDay;
    if (total % kNanosPerDay < 0) --q;
    return std::pair<std::int64_t, std::int64_t>{narrow(q), narrow(total - q * kNanosPerDay)};
  };
  switch (t.kind()) {
    case ValueKind::kDate: {
      std::int64_t result = checked_add(add_months(t.as_date().days, months), days);
      // Only whole days of the exact part, counted towards zero as Neo4j does.
      result = checked_add(result, seconds / kSecondsPerDay);
      return Value(Date{check_days(result)});
    }
    case ValueKind::kLocalTime: return Value(LocalTime{time_of_day(t.as_local_time().nanos)});
    case ValueKind::kTime: {
      const Time x = t.as_time();
      return Value(Time{time_of_day(x.nanos), x.offset_seconds});
    }
    case ValueKind::kLocalDateTime: {
      const Parts p = parts_of(t);
      const std::int64_t day_number = checked_add(add_months(*p.days, months), days);
      const auto [new_days, nod] = local_exact(day_number, *p.nanos_of_day);
      check_days(new_days);
      return Value(LocalDateTime{new_days * kSecondsPerDay + nod / kNanosPerSecond,
                                 static_cast<std::int32_t>(nod % kNanosPerSecond)});
    }
    case ValueKind::kDateTime: {
      // Months and days move the local date, and the zone decides the
      // offset again; the exact part moves the instant.
      const DateTime x = t.as_datetime();
      const Parts p = parts_of(t);
      DateTime moved = x;
      if (months != 0 || days != 0) {
        const std::int64_t day_number = checked_add(add_months(*p.days, months), days);
        moved = local_to_datetime(check_days(day_number), *p.nanos_of_day,
                                  Zone{x.offset_seconds, x.zone, true});
      }
      const Int128 instant = epoch_nanos(moved.seconds, moved.nanos) + epoch_nanos(seconds, nanos);
      Int128 s = instant / kNanosPerSecond;
      if (instant % kNanosPerSecond < 0) --s;
      const DateTime at{narrow(s), static_cast<std::int32_t>(instant - s * kNanosPerSecond), 0, 0};
      const DateTime result = with_zone_same_instant(at, Zone{x.offset_seconds, x.zone, true});
      check_days(floor_div(local_seconds(result), kSecondsPerDay));
      return Value(result);
    }
    default: type_mismatch(std::string("Cannot add a DURATION to a ") + value_kind_name(t.kind()));
  }
}

}  // namespace guanxi::query::temporal
