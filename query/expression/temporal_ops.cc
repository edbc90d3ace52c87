// The helpers the temporal_*.cc files share, and the comparison of temporal
// instants.
#include "query/expression/temporal_ops.h"

#include <algorithm>
#include <cctype>
#include <limits>

#include "query/expression/temporal_internal.h"
#include "storage/time_zone.h"

namespace guanxi::query::temporal {

namespace detail {

void overflow() { throw QueryError(QueryErrorCode::kArithmetic, "Temporal arithmetic overflows"); }

void invalid(const std::string& message) {
  throw QueryError(QueryErrorCode::kInvalidArgument, message);
}

void type_mismatch(const std::string& message) { throw QueryError(QueryErrorCode::kType, message); }

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

std::int64_t narrow(Int128 v) {
  if (v > std::numeric_limits<std::int64_t>::max() || v < std::numeric_limits<std::int64_t>::min())
    overflow();
  return static_cast<std::int64_t>(v);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Civil civil(std::int64_t days) {
  Civil c;
  storage::civil_from_days(days, &c.year, &c.month, &c.day);
  return c;
}

// 1970-01-01 was a Thursday.
std::int64_t day_of_week(std::int64_t days) { return floor_mod(days + 3, 7) + 1; }

namespace {

[[noreturn]] void out_of_range() {
  throw QueryError(QueryErrorCode::kArithmetic,
                   "Temporal value out of range: years go from -999999999 to 999999999");
}

}  // namespace

std::int64_t check_days(std::int64_t days) {
  // Day numbers of -999999999-01-01 and +999999999-12-31.
  constexpr std::int64_t kMinDays = -365'243'219'162;
  constexpr std::int64_t kMaxDays = 365'241'780'471;
  if (days < kMinDays || days > kMaxDays) out_of_range();
  return days;
}

std::int64_t add_months(std::int64_t days, std::int64_t months) {
  if (months == 0) return days;
  const Civil c = civil(days);
  const std::int64_t total = checked_add(checked_mul(c.year, 12) + (c.month - 1), months);
  const std::int64_t year = floor_div(total, 12);
  if (year > kMaxYear || year < -kMaxYear) out_of_range();
  const auto month = static_cast<unsigned>(floor_mod(total, 12) + 1);
  const unsigned day = std::min(c.day, storage::days_in_month(year, month));
  return storage::days_from_civil(year, month, day);
}

Parts parts_of(const Value& v) {
  Parts p;
  switch (v.kind()) {
    case ValueKind::kDate: p.days = v.as_date().days; break;
    case ValueKind::kLocalTime: p.nanos_of_day = v.as_local_time().nanos; break;
    case ValueKind::kTime:
      p.nanos_of_day = v.as_time().nanos;
      p.offset = v.as_time().offset_seconds;
      break;
    case ValueKind::kLocalDateTime: {
      const LocalDateTime t = v.as_local_datetime();
      p.days = floor_div(t.seconds, kSecondsPerDay);
      p.nanos_of_day = floor_mod(t.seconds, kSecondsPerDay) * kNanosPerSecond + t.nanos;
      break;
    }
    case ValueKind::kDateTime: {
      const DateTime t = v.as_datetime();
      const std::int64_t local = local_seconds(t);
      p.days = floor_div(local, kSecondsPerDay);
      p.nanos_of_day = floor_mod(local, kSecondsPerDay) * kNanosPerSecond + t.nanos;
      p.offset = t.offset_seconds;
      p.zone = t.zone;
      break;
    }
    default:
      type_mismatch(std::string("Expected a temporal value, got ") + value_kind_name(v.kind()));
  }
  return p;
}

Zone parse_zone(const Value& text) {
  if (text.kind() != ValueKind::kString)
    type_mismatch(std::string("A time zone must be a STRING, got ") + value_kind_name(text.kind()));
  const std::string& s = text.as_string();
  if (auto offset = storage::parse_offset(s)) return Zone{*offset, 0};
  if (auto zone = storage::find_time_zone(s)) return Zone{0, *zone};
  invalid("Unknown time zone '" + s + "'");
}

std::int32_t offset_at(const Zone& zone, std::int64_t utc_seconds) {
  return zone.zone != 0 ? storage::offset_at_instant(zone.zone, utc_seconds) : zone.offset;
}

DateTime local_to_datetime(std::int64_t days, std::int64_t nanos_of_day, const Zone& zone) {
  check_days(days);
  const std::int64_t local = days * kSecondsPerDay + nanos_of_day / kNanosPerSecond;
  std::int32_t offset = zone.offset;
  if (zone.zone != 0 &&
      !(zone.offset_known && storage::offset_at_instant(zone.zone, local - offset) == offset))
    offset = storage::offset_for_local(zone.zone, local);
  const std::int64_t utc = local - offset;
  // A reading in a spring gap took the offset before the gap, which puts
  // the instant after it: the value carries the offset in effect then.
  if (zone.zone != 0) offset = storage::offset_at_instant(zone.zone, utc);
  return DateTime{utc, static_cast<std::int32_t>(nanos_of_day % kNanosPerSecond), offset,
                  zone.zone};
}

DateTime with_zone_same_instant(const DateTime& t, const Zone& zone) {
  return DateTime{t.seconds, t.nanos, offset_at(zone, t.seconds), zone.zone};
}

}  // namespace detail

using namespace detail;

bool is_instant(ValueKind kind) {
  switch (kind) {
    case ValueKind::kDate:
    case ValueKind::kLocalTime:
    case ValueKind::kTime:
    case ValueKind::kLocalDateTime:
    case ValueKind::kDateTime: return true;
    default: return false;
  }
}

namespace {

template <typename T>
int three_way(const T& a, const T& b) {
  return a < b ? -1 : b < a ? 1 : 0;
}

}  // namespace

int compare(const Value& a, const Value& b) {
  switch (a.kind()) {
    case ValueKind::kDate: return three_way(a.as_date().days, b.as_date().days);
    case ValueKind::kLocalTime: return three_way(a.as_local_time().nanos, b.as_local_time().nanos);
    case ValueKind::kTime: {
      // The time of day in UTC first, not wrapped around midnight, as
      // Java's OffsetTime compares; then the local time.
      const Time x = a.as_time(), y = b.as_time();
      const std::int64_t ux = x.nanos - std::int64_t{x.offset_seconds} * kNanosPerSecond;
      const std::int64_t uy = y.nanos - std::int64_t{y.offset_seconds} * kNanosPerSecond;
      if (ux != uy) return three_way(ux, uy);
      return three_way(x.nanos, y.nanos);
    }
    case ValueKind::kLocalDateTime: {
      const LocalDateTime x = a.as_local_datetime(), y = b.as_local_datetime();
      if (x.seconds != y.seconds) return three_way(x.seconds, y.seconds);
      return three_way(x.nanos, y.nanos);
    }
    case ValueKind::kDateTime: {
      const DateTime x = a.as_datetime(), y = b.as_datetime();
      if (x.seconds != y.seconds) return three_way(x.seconds, y.seconds);
      if (x.nanos != y.nanos) return three_way(x.nanos, y.nanos);
      // One instant at two offsets: the later local time is the larger, as
      // Java's ZonedDateTime (and so Neo4j) orders them.
      if (x.offset_seconds != y.offset_seconds)
        return three_way(x.offset_seconds, y.offset_seconds);
      if (x.zone == y.zone) return 0;
      if (x.zone == 0 || y.zone == 0) return x.zone == 0 ? -1 : 1;
      return three_way(storage::time_zone_name(x.zone), storage::time_zone_name(y.zone));
    }
    default: return 0;
  }
}

}  // namespace guanxi::query::temporal
