// duration.between, inMonths, inDays and inSeconds: the duration from one
// temporal instant to another, of any two types.
#include "query/expression/temporal_internal.h"
#include "query/expression/temporal_ops.h"

namespace guanxi::query::temporal {

using namespace detail;

namespace {

// One side of the computation: what it has of a date, a time of day and a
// zone, after borrowing from the other side.
struct Side {
  std::optional<std::int64_t> days;
  std::optional<std::int64_t> nanos_of_day;
  std::optional<Zone> zone;
};

Side side_of(const Value& v) {
  const Parts p = parts_of(v);
  Side s{p.days, p.nanos_of_day, std::nullopt};
  if (p.offset) s.zone = Zone{*p.offset, p.zone, true};
  return s;
}

enum class Unit { kMonths, kDays, kNanos };

// What a side lacks, it borrows from the other, as openCypher (after Java)
// defines it: a date gets midnight when the other has a time (or the unit
// is exact), a time gets the other's date, and a local value the other's
// zone.
void attach(Side& a, Side& b, Unit unit) {
  if (unit == Unit::kNanos) {
    if (a.days && !a.nanos_of_day) a.nanos_of_day = 0;
    if (b.days && !b.nanos_of_day) b.nanos_of_day = 0;
  } else if (a.nanos_of_day && !b.nanos_of_day) {
    b.nanos_of_day = 0;
  } else if (b.nanos_of_day && !a.nanos_of_day) {
    a.nanos_of_day = 0;
  }
  if (a.days && !b.days) {
    b.days = a.days;
  } else if (b.days && !a.days) {
    a.days = b.days;
  }
  // A borrowed named zone reads the borrower's local time afresh.
  if (a.zone && !b.zone) {
    b.zone = a.zone;
    b.zone->offset_known = false;
  } else if (b.zone && !a.zone) {
    a.zone = b.zone;
    a.zone->offset_known = false;
  }
}

// Nanoseconds since the epoch of a side with a date, at its zone's offset
// for that reading (UTC for a local value).
Int128 instant_nanos(const Side& s) {
  const std::int64_t nod = s.nanos_of_day.value_or(0);
  if (s.zone) {
    const DateTime t = local_to_datetime(*s.days, nod, *s.zone);
    return epoch_nanos(t.seconds, t.nanos);
  }
  return static_cast<Int128>(*s.days) * kNanosPerDay + nod;
}

// The local date and time of day of `s`, read in the zone of `in` (as Java
// moves the end of a ZonedDateTime.until to the start's zone).
std::pair<std::int64_t, std::int64_t> local_in_zone_of(const Side& s, const Side& in) {
  if (!s.zone || !in.zone) return {*s.days, s.nanos_of_day.value_or(0)};
  const DateTime t = with_zone_same_instant(
      local_to_datetime(*s.days, s.nanos_of_day.value_or(0), *s.zone), *in.zone);
  const std::int64_t local = local_seconds(t);
  return {floor_div(local, kSecondsPerDay),
          floor_mod(local, kSecondsPerDay) * kNanosPerSecond + t.nanos};
}

// Whole months or days from `a` to `b`.
std::int64_t until(Side a, Side b, Unit unit) {
  attach(a, b, unit);
  if (!a.days || !b.days) return 0;
  const std::int64_t a_nod = a.nanos_of_day.value_or(0);
  auto [b_days, b_nod] = local_in_zone_of(b, a);
  // Java's LocalDateTime.until: a partial day at either end does not count.
  if (b_days > *a.days && b_nod < a_nod)
    --b_days;
  else if (b_days < *a.days && b_nod > a_nod)
    ++b_days;
  if (unit == Unit::kDays) return b_days - *a.days;
  const Civil x = civil(*a.days), y = civil(b_days);
  const Int128 packed_a = (static_cast<Int128>(x.year) * 12 + x.month - 1) * 32 + x.day;
  const Int128 packed_b = (static_cast<Int128>(y.year) * 12 + y.month - 1) * 32 + y.day;
  return narrow((packed_b - packed_a) / 32);
}

Int128 until_nanos(Side a, Side b) {
  attach(a, b, Unit::kNanos);
  if (a.days && b.days) return instant_nanos(b) - instant_nanos(a);
  // Times of day alone: in UTC when zoned.
  auto utc = [](const Side& s) {
    Int128 n = s.nanos_of_day.value_or(0);
    if (s.zone) n -= static_cast<Int128>(s.zone->offset) * kNanosPerSecond;
    return n;
  };
  return utc(b) - utc(a);
}

Duration from_nanos(std::int64_t months, std::int64_t days, Int128 nanos) {
  Int128 seconds = nanos / kNanosPerSecond;
  if (nanos % kNanosPerSecond < 0) --seconds;
  return Duration{months, days, narrow(seconds),
                  static_cast<std::int32_t>(nanos - seconds * kNanosPerSecond)};
}

}  // namespace

Duration between(const Value& from, const Value& to, BetweenUnit unit) {
  const Side a = side_of(from), b = side_of(to);
  switch (unit) {
    case BetweenUnit::kMonths: return Duration{until(a, b, Unit::kMonths), 0, 0, 0};
    case BetweenUnit::kDays: return Duration{0, until(a, b, Unit::kDays), 0, 0};
    case BetweenUnit::kSeconds: return from_nanos(0, 0, until_nanos(a, b));
    case BetweenUnit::kAll: break;
  }
  if (!a.days || !b.days) return from_nanos(0, 0, until_nanos(a, b));
  const std::int64_t months = until(a, b, Unit::kMonths);
  Value moved = add(from, Duration{months, 0, 0, 0}, 1);
  const std::int64_t days = until(side_of(moved), b, Unit::kDays);
  moved = add(moved, Duration{0, days, 0, 0}, 1);
  return from_nanos(months, days, until_nanos(side_of(moved), b));
}

}  // namespace guanxi::query::temporal
