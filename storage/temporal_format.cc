// openCypher's string forms of the temporal types, as the TCK expects them:
// java.time's, with the fraction of a second as short as Neo4j prints it.
#include <cstdio>
#include <cstdlib>

#include "storage/floor_division.h"
#include "storage/temporal.h"
#include "storage/time_zone.h"

namespace guanxi::storage {

namespace {

// ".5", ".645876123": the digits up to the last nonzero one, as Neo4j
// prints both times and durations. `nanos` is 1..999999999.
void append_fraction(std::string* out, std::int64_t nanos) {
  char digits[16];
  std::snprintf(digits, sizeof digits, ".%09lld", static_cast<long long>(nanos));
  std::string_view fraction(digits);
  while (fraction.back() == '0') fraction.remove_suffix(1);
  *out += fraction;
}

// "21:40" when the seconds and their fraction are zero, else "21:40:32"
// and the fraction: the TCK expects localtime('21:40') to read back as
// '21:40' (Temporal2 [2]), as java.time prints it.
void append_time_of_day(std::string* out, std::int64_t nanos_of_day) {
  const std::int64_t seconds = nanos_of_day / kNanosPerSecond;
  const std::int64_t fraction = nanos_of_day % kNanosPerSecond;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(seconds / 3600),
                static_cast<int>(seconds / 60 % 60));
  *out += buf;
  if (seconds % 60 == 0 && fraction == 0) return;
  std::snprintf(buf, sizeof buf, ":%02d", static_cast<int>(seconds % 60));
  *out += buf;
  if (fraction != 0) append_fraction(out, fraction);
}

// A local date and time given as seconds since 1970-01-01T00:00 and nanos.
void append_local_datetime(std::string* out, std::int64_t seconds, std::int64_t nanos) {
  const std::int64_t days = floor_div(seconds, kSecondsPerDay);
  *out += format_date(Date{days});
  *out += 'T';
  append_time_of_day(out, (seconds - days * kSecondsPerDay) * kNanosPerSecond + nanos);
}

// A duration's component with its unit, left out when zero.
void append_component(std::string* out, std::int64_t quantity, char unit) {
  if (quantity == 0) return;
  *out += std::to_string(quantity);
  *out += unit;
}

}  // namespace

std::string format_date(Date d) {
  std::int64_t year;
  unsigned month, day;
  civil_from_days(d.days, &year, &month, &day);
  // Four digits at least; a sign beyond them, and before year 0, so that the
  // extra digits of years past 9999 cannot be mistaken for a basic-form date.
  const char* sign = year > 9999 ? "+" : year < 0 ? "-" : "";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%04lld-%02u-%02u", sign,
                std::llabs(static_cast<long long>(year)), month, day);
  return buf;
}

std::string format_offset(std::int32_t offset_seconds) {
  if (offset_seconds == 0) return "Z";
  const std::int32_t magnitude = offset_seconds < 0 ? -offset_seconds : offset_seconds;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_seconds < 0 ? '-' : '+', magnitude / 3600,
                magnitude / 60 % 60);
  std::string out = buf;
  if (magnitude % 60 != 0) {
    std::snprintf(buf, sizeof buf, ":%02d", magnitude % 60);
    out += buf;
  }
  return out;
}

std::string format_local_time(LocalTime t) {
  std::string out;
  append_time_of_day(&out, t.nanos);
  return out;
}

std::string format_time(Time t) {
  std::string out;
  append_time_of_day(&out, t.nanos);
  return out + format_offset(t.offset_seconds);
}

std::string format_local_datetime(LocalDateTime t) {
  std::string out;
  append_local_datetime(&out, t.seconds, t.nanos);
  return out;
}

std::string format_datetime(DateTime t) {
  std::string out;
  append_local_datetime(&out, t.seconds + t.offset_seconds, t.nanos);
  // The offset is printed with a named zone too ("+01:00[Europe/London]",
  // Temporal2 [6]), which keeps the instant readable without the zone
  // database.
  out += format_offset(t.offset_seconds);
  if (t.zone != 0) {
    out += '[';
    out += time_zone_name(t.zone);
    out += ']';
  }
  return out;
}

// As Neo4j's DurationValue prints: months as years and months, days as days
// (never weeks), and the exact part as hours, minutes and seconds, each
// with the exact part's sign: seconds -1 and nanos 500000000 are "PT-0.5S",
// seconds -61 and nanos 0 are "PT-1M-1S".
std::string format_duration(const Duration& d) {
  std::string out = "P";
  append_component(&out, d.months / 12, 'Y');
  append_component(&out, d.months % 12, 'M');
  append_component(&out, d.days, 'D');
  if (d.seconds != 0 || d.nanos != 0) {
    // Toward zero: the exact part as a sign and a magnitude.
    std::int64_t seconds = d.seconds;
    std::int64_t nanos = d.nanos;
    const bool negative = seconds < 0;
    if (negative && nanos != 0) {
      ++seconds;
      nanos = kNanosPerSecond - nanos;
    }
    out += 'T';
    append_component(&out, seconds / 3600, 'H');
    append_component(&out, seconds / 60 % 60, 'M');
    const std::int64_t rest = seconds % 60;
    if (rest != 0 || nanos != 0) {
      if (negative && rest == 0) out += '-';
      out += std::to_string(rest);
      if (nanos != 0) append_fraction(&out, nanos);
      out += 'S';
    }
  }
  if (out == "P") out = "PT0S";
  return out;
}

}  // namespace guanxi::storage
