// Reading the temporal types from openCypher's string forms. The grammar is
// Neo4j's (the reference implementation of openCypher's temporal CIP): its
// date, time, offset and duration patterns, and its arithmetic for
// fractional durations, done here exactly instead of in doubles.
#include <limits>

#include "storage/temporal.h"
#include "storage/time_zone.h"

namespace guanxi::storage {

namespace {

__extension__ typedef __int128 Int128;  // exact fractional-duration arithmetic

constexpr std::int64_t kMaxYear = 999'999'999;  // openCypher's (and java.time's) range
constexpr std::int32_t kMaxOffset = 18 * 3600;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::size_t count_digits(std::string_view s, std::size_t from = 0) {
  std::size_t n = from;
  while (n < s.size() && is_digit(s[n])) ++n;
  return n - from;
}

// The value of a run of at most 18 digits.
std::int64_t digits_value(std::string_view digits) {
  std::int64_t v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

// Consumes 1 to `max` digits from the front of *s (as many as there are, up
// to max); false when there are none.
bool take_digits(std::string_view* s, std::size_t max, std::int64_t* out) {
  const std::size_t n = std::min(count_digits(*s), max);
  if (n == 0) return false;
  *out = digits_value(s->substr(0, n));
  s->remove_prefix(n);
  return true;
}

bool take(std::string_view* s, char c) {
  if (s->empty() || (*s)[0] != c) return false;
  s->remove_prefix(1);
  return true;
}

// Consumes exactly two digits.
bool take_two(std::string_view* s, std::int64_t* out) {
  if (s->size() < 2 || !is_digit((*s)[0]) || !is_digit((*s)[1])) return false;
  *out = digits_value(s->substr(0, 2));
  s->remove_prefix(2);
  return true;
}

// Nanoseconds of a fraction of a second written with 1 to 9 digits.
bool fraction_nanos(std::string_view digits, std::int64_t* out) {
  if (digits.empty() || digits.size() > 9 || count_digits(digits) != digits.size()) return false;
  std::int64_t v = digits_value(digits);
  for (std::size_t i = digits.size(); i < 9; ++i) v *= 10;
  *out = v;
  return true;
}

// --- Dates ---

std::optional<Date> checked(std::int64_t days) {
  static const std::int64_t kMin = days_from_civil(-kMaxYear, 1, 1);
  static const std::int64_t kMax = days_from_civil(kMaxYear, 12, 31);
  if (days < kMin || days > kMax) return std::nullopt;
  return Date{days};
}

std::optional<Date> calendar_date(std::int64_t year, std::int64_t month, std::int64_t day) {
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, static_cast<unsigned>(month)))
    return std::nullopt;
  return checked(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

std::optional<Date> week_date(std::int64_t year, std::int64_t week, std::int64_t day_of_week) {
  if (week < 1 || week > weeks_in_week_year(year) || day_of_week < 1 || day_of_week > 7)
    return std::nullopt;
  return checked(
      days_from_week_date(year, static_cast<unsigned>(week), static_cast<unsigned>(day_of_week)));
}

std::optional<Date> quarter_date(std::int64_t year, std::int64_t quarter, std::int64_t day) {
  if (quarter < 1 || quarter > 4 || day < 1) return std::nullopt;
  const unsigned first_month = static_cast<unsigned>(quarter) * 3 - 2;
  const std::int64_t start = days_from_civil(year, first_month, 1);
  const std::int64_t length =
      days_from_civil(year + (quarter == 4), quarter == 4 ? 1 : first_month + 3, 1) - start;
  if (day > length) return std::nullopt;
  return checked(start + day - 1);
}

std::optional<Date> ordinal_date(std::int64_t year, std::int64_t day) {
  if (day < 1 || day > (is_leap_year(year) ? 366 : 365)) return std::nullopt;
  return checked(days_from_civil(year, 1, 1) + day - 1);
}

// What follows the year in the extended form: "", "-07", "-07-21", "-W30",
// "-W30-2", "-Q3", "-Q3-21", "-202". Month, day and week may have one digit.
std::optional<Date> extended_date(std::int64_t year, std::string_view rest) {
  std::int64_t a, b = 1;
  if (rest.empty()) return calendar_date(year, 1, 1);
  if (!take(&rest, '-')) return std::nullopt;
  if (take(&rest, 'W')) {
    if (!take_digits(&rest, 2, &a)) return std::nullopt;
    if (take(&rest, '-') && !take_digits(&rest, 1, &b)) return std::nullopt;
    return rest.empty() ? week_date(year, a, b) : std::nullopt;
  }
  if (take(&rest, 'Q')) {
    if (!take_digits(&rest, 1, &a)) return std::nullopt;
    if (take(&rest, '-') && !take_digits(&rest, 2, &b)) return std::nullopt;
    return rest.empty() ? quarter_date(year, a, b) : std::nullopt;
  }
  // Three digits are an ordinal day; one or two a month.
  if (count_digits(rest) == 3)
    return rest.size() == 3 ? ordinal_date(year, digits_value(rest)) : std::nullopt;
  if (!take_digits(&rest, 2, &a)) return std::nullopt;
  if (take(&rest, '-') && !take_digits(&rest, 2, &b)) return std::nullopt;
  return rest.empty() ? calendar_date(year, a, b) : std::nullopt;
}

// What follows a four-digit year in the basic form: "07", "0721", "202",
// "W30", "W302", "Q3", "Q321". Every field has its full width, since
// nothing else tells them apart.
std::optional<Date> basic_date(std::int64_t year, std::string_view rest) {
  const std::size_t n = count_digits(rest, 1);
  if (!rest.empty() && (rest[0] == 'W' || rest[0] == 'Q') && n + 1 == rest.size()) {
    const bool week = rest[0] == 'W';
    const std::size_t first = week ? 2 : 1;  // digits of the week or quarter
    if (n != first && n != first + (week ? 1 : 2)) return std::nullopt;
    const std::int64_t a = digits_value(rest.substr(1, first));
    const std::int64_t b = n == first ? 1 : digits_value(rest.substr(1 + first));
    return week ? week_date(year, a, b) : quarter_date(year, a, b);
  }
  if (count_digits(rest) != rest.size()) return std::nullopt;
  switch (rest.size()) {
    case 2: return calendar_date(year, digits_value(rest), 1);
    case 3: return ordinal_date(year, digits_value(rest));
    case 4:
      return calendar_date(year, digits_value(rest.substr(0, 2)), digits_value(rest.substr(2)));
    default: return std::nullopt;
  }
}

std::optional<Date> date_part(std::string_view s) {
  // Only the extended form may have a signed year of 1 to 9 digits: in the
  // basic form the extra digits would be ambiguous.
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    const std::size_t n = count_digits(s, 1);
    if (n < 1 || n > 9) return std::nullopt;
    const std::int64_t year = digits_value(s.substr(1, n));
    return extended_date(s[0] == '-' ? -year : year, s.substr(1 + n));
  }
  if (count_digits(s) < 4) return std::nullopt;
  const std::int64_t year = digits_value(s.substr(0, 4));
  const std::string_view rest = s.substr(4);
  return rest.empty() || rest[0] == '-' ? extended_date(year, rest) : basic_date(year, rest);
}

// --- Times and offsets ---

// Nanoseconds since midnight of "21:40:32.142" (each field of one or two
// digits), "214032.142", "2140", "21"; the fraction follows seconds only.
std::optional<std::int64_t> time_part(std::string_view s) {
  std::int64_t hour, minute = 0, second = 0, nanos = 0;
  bool has_seconds = false;
  const std::size_t n = count_digits(s);
  if (n <= 2) {
    if (!take_digits(&s, 2, &hour)) return std::nullopt;
    if (take(&s, ':')) {
      if (!take_digits(&s, 2, &minute)) return std::nullopt;
      if (take(&s, ':')) {
        if (!take_digits(&s, 2, &second)) return std::nullopt;
        has_seconds = true;
      }
    }
  } else if (n == 4 || n == 6) {
    hour = digits_value(s.substr(0, 2));
    minute = digits_value(s.substr(2, 2));
    if (n == 6) second = digits_value(s.substr(4, 2));
    has_seconds = n == 6;
    s.remove_prefix(n);
  } else {
    return std::nullopt;
  }
  if (!s.empty() &&
      (!has_seconds || (s[0] != '.' && s[0] != ',') || !fraction_nanos(s.substr(1), &nanos)))
    return std::nullopt;
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return ((hour * 60 + minute) * 60 + second) * kNanosPerSecond + nanos;
}

// "Z", "+01", "+0100", "+01:00", "+010005", "+01:00:05"; with
// `one_digit_hour` also "+1", as java.time's ZoneOffset.of reads.
std::optional<std::int32_t> offset_part(std::string_view s, bool one_digit_hour) {
  if (s == "Z") return 0;
  if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  const bool negative = s[0] == '-';
  s.remove_prefix(1);
  std::int64_t hours, minutes = 0, seconds = 0;
  if (s.size() == 1 && one_digit_hour && is_digit(s[0])) {
    hours = s[0] - '0';
  } else {
    if (!take_two(&s, &hours)) return std::nullopt;
    // Separators are all colons or none.
    const bool colons = !s.empty() && s[0] == ':';
    for (std::int64_t* field : {&minutes, &seconds}) {
      if (s.empty()) break;
      if ((colons && !take(&s, ':')) || !take_two(&s, field)) return std::nullopt;
    }
    if (!s.empty()) return std::nullopt;
  }
  if (minutes > 59 || seconds > 59) return std::nullopt;
  const std::int64_t total = (hours * 60 + minutes) * 60 + seconds;
  if (total > kMaxOffset) return std::nullopt;
  return static_cast<std::int32_t>(negative ? -total : total);
}

// A time of day followed by an optional offset, split where the offset
// starts: no time of day has a sign or a 'Z'.
struct TimeAndOffset {
  std::int64_t nanos = 0;
  std::optional<std::int32_t> offset;
};
std::optional<TimeAndOffset> time_and_offset(std::string_view s) {
  const std::size_t cut = std::min(s.find_first_of("+-Z"), s.size());
  const auto nanos = time_part(s.substr(0, cut));
  if (!nanos) return std::nullopt;
  TimeAndOffset out{*nanos, std::nullopt};
  if (cut < s.size() && !(out.offset = offset_part(s.substr(cut), false))) return std::nullopt;
  return out;
}

std::optional<LocalDateTime> local_datetime(Date date, std::int64_t nanos_of_day) {
  return LocalDateTime{date.days * kSecondsPerDay + nanos_of_day / kNanosPerSecond,
                       static_cast<std::int32_t>(nanos_of_day % kNanosPerSecond)};
}

// --- Durations ---

constexpr std::int64_t kSecondsPerMonth = 2'629'746;  // 365.2425 / 12 days, openCypher's average

// A component's number: [+-]digits[(.|,)digits], as sign, whole part and
// fraction (numerator over 10^fraction_digits; digits past 18 are below a
// nanosecond of any unit, and dropped).
struct Amount {
  Int128 whole = 0;           // with the sign
  std::int64_t fraction = 0;  // with the sign
  int fraction_digits = 0;
  bool has_fraction = false;
};

bool take_amount(std::string_view* s, Amount* out) {
  const bool negative = !s->empty() && (*s)[0] == '-';
  if (!s->empty() && ((*s)[0] == '-' || (*s)[0] == '+')) s->remove_prefix(1);
  // Nineteen digits reach any int64; what is too big for its part is
  // refused once the parts are added up.
  const std::size_t n = count_digits(*s);
  if (n == 0 || n > 19) return false;
  for (char c : s->substr(0, n)) out->whole = out->whole * 10 + (c - '0');
  s->remove_prefix(n);
  if (!s->empty() && ((*s)[0] == '.' || (*s)[0] == ',')) {
    const std::size_t f = count_digits(*s, 1);
    if (f == 0) return false;
    out->has_fraction = true;
    out->fraction_digits = static_cast<int>(std::min<std::size_t>(f, 18));
    out->fraction = digits_value(s->substr(1, out->fraction_digits));
    s->remove_prefix(1 + f);
  }
  if (negative) out->whole = -out->whole, out->fraction = -out->fraction;
  return true;
}

Int128 pow10(int n) {
  Int128 v = 1;
  while (n-- > 0) v *= 10;
  return v;
}

bool fits_int64(Int128 v) {
  return v >= std::numeric_limits<std::int64_t>::min() &&
         v <= std::numeric_limits<std::int64_t>::max();
}

// The three parts, exact and wide, to a Duration: the exact part normalized
// to nanos in [0, 1e9), and nullopt when a part overflows.
std::optional<Duration> make_duration(Int128 months, Int128 days, Int128 nanos, bool negate) {
  if (negate) months = -months, days = -days, nanos = -nanos;
  Int128 seconds = nanos / kNanosPerSecond;
  Int128 rest = nanos % kNanosPerSecond;
  if (rest < 0) rest += kNanosPerSecond, --seconds;
  if (!fits_int64(months) || !fits_int64(days) || !fits_int64(seconds)) return std::nullopt;
  return Duration{static_cast<std::int64_t>(months), static_cast<std::int64_t>(days),
                  static_cast<std::int64_t>(seconds), static_cast<std::int32_t>(rest)};
}

// "1Y2M3W4DT5H6M7.5S" (what follows the 'P'): each unit at most once and in
// that order, a sign on any, and a fraction on the last one only (as ISO
// 8601 and Neo4j have it). A fraction spills into the smaller units as
// Neo4j's does: months of 2629746 seconds, days of 86400, truncated toward
// zero at the nanosecond.
std::optional<Duration> unit_duration(std::string_view s, bool negate) {
  static constexpr char kUnits[] = "YMWDHMS";
  Amount amounts[7];
  int last = -1;
  bool in_time = false, time_units = false;
  while (!s.empty()) {
    if (s[0] == 'T' || s[0] == 't') {
      if (in_time) return std::nullopt;
      in_time = true;
      s.remove_prefix(1);
      continue;
    }
    Amount amount;
    if (!take_amount(&s, &amount) || s.empty()) return std::nullopt;
    const char unit = static_cast<char>(s[0] & ~0x20);  // ASCII upper case
    s.remove_prefix(1);
    int index = in_time ? 4 : 0;
    while (index < (in_time ? 7 : 4) && kUnits[index] != unit) ++index;
    if (index == (in_time ? 7 : 4) || index <= last) return std::nullopt;
    if (last >= 0 && amounts[last].has_fraction) return std::nullopt;
    amounts[index] = amount;
    last = index;
    time_units = time_units || in_time;
  }
  if (last < 0 || (in_time && !time_units)) return std::nullopt;
  const Amount& years = amounts[0];
  const Amount& weeks = amounts[2];
  const Amount& secs = amounts[6];
  if (secs.has_fraction && secs.fraction_digits > 9) return std::nullopt;
  Int128 months = years.whole * 12 + amounts[1].whole;
  Int128 days = weeks.whole * 7 + amounts[3].whole;
  Int128 nanos = (amounts[4].whole * 3600 + amounts[5].whole * 60 + secs.whole) * kNanosPerSecond;
  if (secs.has_fraction) nanos += secs.fraction * pow10(9 - secs.fraction_digits);
  if (!fits_int64(months) || !fits_int64(days)) return std::nullopt;
  const Amount& fractional = amounts[last];
  if (last < 6 && fractional.has_fraction) {
    const Int128 scale = pow10(fractional.fraction_digits);
    const Int128 f = fractional.fraction;
    if (last <= 1) {  // years or months: whole months, then days of the rest
      const Int128 total = months * scale + (last == 0 ? f * 12 : f);
      months = total / scale;
      // Days in millionths: 2629746 s is 30.436875 days.
      const Int128 day_scale = scale * 1'000'000;
      const Int128 rest = total % scale * (kSecondsPerMonth * 1'000'000 / kSecondsPerDay);
      days += rest / day_scale;
      nanos += rest % day_scale * (kNanosPerDay / 1'000'000) / scale;
    } else if (last <= 3) {  // weeks or days
      const Int128 total = days * scale + (last == 2 ? f * 7 : f);
      days = total / scale;
      nanos += total % scale * kNanosPerDay / scale;
    } else {  // hours or minutes: the sum with the whole parts, truncated
      const Int128 exact = f * (last == 4 ? 3600 : 60) * kNanosPerSecond;
      const Int128 rest = exact % scale;
      nanos += exact / scale;
      // Truncating the sum toward zero, not the fraction alone, when they
      // differ in sign.
      if (rest != 0 && nanos != 0 && (nanos > 0) != (rest > 0)) nanos += nanos > 0 ? -1 : 1;
    }
  }
  return make_duration(months, days, nanos, negate);
}

// ISO 8601's alternative form (what follows the 'P'): "2012-02-02T14:37:21.545",
// "20120202T143721", "T14:37", "T14"; fields within Neo4j's limits.
std::optional<Duration> datetime_duration(std::string_view s, bool negate) {
  const std::size_t t = std::min(s.find_first_of("Tt"), s.size());
  const std::string_view date = s.substr(0, t);
  std::int64_t years = 0, months = 0, days = 0, hours = 0, minutes = 0, seconds = 0, nanos = 0;
  if (date.size() == 10 && date[4] == '-' && date[7] == '-' && count_digits(date) == 4 &&
      count_digits(date, 5) == 2 && count_digits(date, 8) == 2) {
    years = digits_value(date.substr(0, 4));
    months = digits_value(date.substr(5, 2));
    days = digits_value(date.substr(8, 2));
  } else if (date.size() == 8 && count_digits(date) == 8) {
    years = digits_value(date.substr(0, 4));
    months = digits_value(date.substr(4, 2));
    days = digits_value(date.substr(6, 2));
  } else if (!date.empty() || t == s.size()) {
    return std::nullopt;
  }
  if (t < s.size()) {
    std::string_view time = s.substr(t + 1);
    bool has_seconds = false;
    if (!take_two(&time, &hours)) return std::nullopt;
    if (take(&time, ':')) {
      if (!take_two(&time, &minutes)) return std::nullopt;
      has_seconds = take(&time, ':');
      if (has_seconds && !take_two(&time, &seconds)) return std::nullopt;
    } else if (take_two(&time, &minutes)) {
      has_seconds = take_two(&time, &seconds);
    }
    if (!time.empty() && (!has_seconds || (time[0] != '.' && time[0] != ',') ||
                          !fraction_nanos(time.substr(1), &nanos)))
      return std::nullopt;
  }
  if (months > 12 || days > 31 || hours > 24 || minutes > 60 || seconds > 60) return std::nullopt;
  return make_duration(Int128{years} * 12 + months, days,
                       Int128{(hours * 60 + minutes) * 60 + seconds} * kNanosPerSecond + nanos,
                       negate);
}

}  // namespace

std::optional<std::int32_t> parse_offset(std::string_view text) { return offset_part(text, true); }

std::optional<Date> parse_date(std::string_view text) { return date_part(text); }

std::optional<Duration> parse_duration(std::string_view text) {
  bool negate = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negate = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text.empty() || (text[0] != 'P' && text[0] != 'p')) return std::nullopt;
  text.remove_prefix(1);
  if (auto d = unit_duration(text, negate)) return d;
  return datetime_duration(text, negate);
}

std::optional<LocalTime> parse_local_time(std::string_view text) {
  if (!text.empty() && text[0] == 'T') text.remove_prefix(1);
  const auto nanos = time_part(text);
  if (!nanos) return std::nullopt;
  return LocalTime{*nanos};
}

std::optional<Time> parse_time(std::string_view text) {
  if (!text.empty() && text[0] == 'T') text.remove_prefix(1);
  const auto t = time_and_offset(text);
  if (!t) return std::nullopt;
  return Time{t->nanos, t->offset.value_or(0)};
}

std::optional<LocalDateTime> parse_local_datetime(std::string_view text) {
  const std::size_t t = std::min(text.find('T'), text.size());
  const auto date = date_part(text.substr(0, t));
  if (!date) return std::nullopt;
  if (t == text.size()) return local_datetime(*date, 0);
  const auto nanos = time_part(text.substr(t + 1));
  if (!nanos) return std::nullopt;
  return local_datetime(*date, *nanos);
}

std::optional<DateTime> parse_datetime(std::string_view text) {
  const std::size_t t = std::min(text.find('T'), text.size());
  const auto date = date_part(text.substr(0, t));
  if (!date) return std::nullopt;
  if (t == text.size()) return DateTime{date->days * kSecondsPerDay, 0, 0, 0};
  std::string_view rest = text.substr(t + 1);
  std::string_view zone_name;
  if (!rest.empty() && rest.back() == ']') {
    const std::size_t open = rest.find('[');
    if (open == std::string_view::npos) return std::nullopt;
    zone_name = rest.substr(open + 1, rest.size() - open - 2);
    rest = rest.substr(0, open);
    if (zone_name.empty() || zone_name.find_first_of("[]") != std::string_view::npos)
      return std::nullopt;
  }
  const auto time = time_and_offset(rest);
  if (!time) return std::nullopt;
  const LocalDateTime local = *local_datetime(*date, time->nanos);
  if (zone_name.empty()) {
    const std::int32_t offset = time->offset.value_or(0);
    return DateTime{local.seconds - offset, local.nanos, offset, 0};
  }
  const auto zone = find_time_zone(zone_name);
  if (!zone) return std::nullopt;
  if (time->offset) {
    // Any offset the zone's clocks had at that reading will do: in an
    // overlap there are two.
    if (offset_at_instant(*zone, local.seconds - *time->offset) != *time->offset)
      return std::nullopt;
    return DateTime{local.seconds - *time->offset, local.nanos, *time->offset, *zone};
  }
  // In a gap the reading moves forward, so the offset in effect at the
  // instant reached may differ from the one used to reach it.
  const std::int64_t seconds = local.seconds - offset_for_local(*zone, local.seconds);
  return DateTime{seconds, local.nanos, offset_at_instant(*zone, seconds), *zone};
}

}  // namespace guanxi::storage
