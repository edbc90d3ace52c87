#include "storage/temporal.h"

#include <cctype>
#include <cstdio>

namespace guanxi::storage {

namespace {

// Reads exactly `n` digits at text[*pos].
bool read_digits(std::string_view text, size_t* pos, int n, std::int64_t* out) {
  std::int64_t v = 0;
  for (int i = 0; i < n; ++i) {
    if (*pos >= text.size() || !std::isdigit(static_cast<unsigned char>(text[*pos]))) return false;
    v = v * 10 + (text[(*pos)++] - '0');
  }
  *out = v;
  return true;
}

bool parse_date_at(std::string_view text, size_t* pos, Date* out) {
  std::int64_t y, m, d;
  bool negative = false;
  if (*pos < text.size() && (text[*pos] == '-' || text[*pos] == '+'))
    negative = text[(*pos)++] == '-';
  if (!read_digits(text, pos, 4, &y)) return false;
  if (negative) y = -y;
  if (*pos >= text.size() || text[(*pos)++] != '-') return false;
  if (!read_digits(text, pos, 2, &m) || m < 1 || m > 12) return false;
  if (*pos >= text.size() || text[(*pos)++] != '-') return false;
  if (!read_digits(text, pos, 2, &d) || d < 1 || d > days_in_month(y, static_cast<unsigned>(m)))
    return false;
  out->days = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  return true;
}

}  // namespace

bool is_leap_year(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t* year, unsigned* month, unsigned* day) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = y + (*month <= 2);
}

std::optional<Date> parse_date(std::string_view text) {
  size_t pos = 0;
  Date d;
  if (!parse_date_at(text, &pos, &d) || pos != text.size()) return std::nullopt;
  return d;
}

std::optional<DateTime> parse_datetime(std::string_view text) {
  size_t pos = 0;
  Date d;
  if (!parse_date_at(text, &pos, &d)) return std::nullopt;
  std::int64_t micros = d.days * kMicrosPerDay;
  if (pos == text.size()) return DateTime{micros};
  if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return std::nullopt;
  ++pos;
  std::int64_t h, mi, s = 0;
  if (!read_digits(text, &pos, 2, &h) || h > 23) return std::nullopt;
  if (pos >= text.size() || text[pos++] != ':') return std::nullopt;
  if (!read_digits(text, &pos, 2, &mi) || mi > 59) return std::nullopt;
  std::int64_t frac = 0;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!read_digits(text, &pos, 2, &s) || s > 59) return std::nullopt;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      ++pos;
      int digits = 0;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
        if (digits < 6) frac = frac * 10 + (text[pos] - '0'), ++digits;
        ++pos;
      }
      if (digits == 0) return std::nullopt;
      while (digits++ < 6) frac *= 10;
    }
  }
  micros += ((h * 60 + mi) * 60 + s) * kMicrosPerSecond + frac;
  if (pos == text.size()) return DateTime{micros};
  if (text[pos] == 'Z' || text[pos] == 'z')
    return pos + 1 == text.size() ? std::optional(DateTime{micros}) : std::nullopt;
  if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
  const bool minus = text[pos++] == '-';
  std::int64_t oh, om = 0;
  if (!read_digits(text, &pos, 2, &oh) || oh > 18) return std::nullopt;
  if (pos < text.size()) {
    if (text[pos] == ':') ++pos;
    if (!read_digits(text, &pos, 2, &om) || om > 59) return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  const std::int64_t offset = (oh * 60 + om) * 60 * kMicrosPerSecond;
  return DateTime{minus ? micros + offset : micros - offset};
}

std::optional<Duration> parse_duration(std::string_view text) {
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) negative = text[pos++] == '-';
  if (pos >= text.size() || (text[pos] != 'P' && text[pos] != 'p')) return std::nullopt;
  ++pos;
  Duration d;
  bool in_time = false, any = false;
  while (pos < text.size()) {
    if (text[pos] == 'T' || text[pos] == 't') {
      if (in_time) return std::nullopt;
      in_time = true;
      ++pos;
      continue;
    }
    std::int64_t whole = 0, frac = 0;
    int frac_digits = 0, digits = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      if (whole > 100'000'000'000LL) return std::nullopt;
      whole = whole * 10 + (text[pos++] - '0');
      ++digits;
    }
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      ++pos;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
        if (frac_digits < 6) frac = frac * 10 + (text[pos] - '0'), ++frac_digits;
        ++pos;
      }
    }
    if (digits == 0 || pos >= text.size()) return std::nullopt;
    const char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(text[pos++])));
    if (frac_digits > 0 && !(in_time && unit == 'S')) return std::nullopt;
    while (frac_digits < 6 && frac_digits > 0) frac *= 10, ++frac_digits;
    any = true;
    if (!in_time) {
      if (unit == 'Y')
        d.months += whole * 12;
      else if (unit == 'M')
        d.months += whole;
      else if (unit == 'W')
        d.days += whole * 7;
      else if (unit == 'D')
        d.days += whole;
      else
        return std::nullopt;
    } else {
      if (unit == 'H')
        d.micros += whole * 3600 * kMicrosPerSecond;
      else if (unit == 'M')
        d.micros += whole * 60 * kMicrosPerSecond;
      else if (unit == 'S')
        d.micros += whole * kMicrosPerSecond + frac;
      else
        return std::nullopt;
    }
  }
  if (!any) return std::nullopt;
  if (negative) d = Duration{-d.months, -d.days, -d.micros};
  return d;
}

std::string format_date(Date d) {
  std::int64_t y;
  unsigned m, day;
  civil_from_days(d.days, &y, &m, &day);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, day);
  return buf;
}

std::string format_datetime(DateTime t) {
  std::int64_t days = t.micros / kMicrosPerDay;
  std::int64_t rem = t.micros % kMicrosPerDay;
  if (rem < 0) rem += kMicrosPerDay, --days;
  const std::int64_t secs = rem / kMicrosPerSecond, frac = rem % kMicrosPerSecond;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%sT%02lld:%02lld:%02lld", format_date(Date{days}).c_str(),
                static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  std::string out = buf;
  if (frac != 0) {
    std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(frac));
    std::string f = buf;
    while (f.back() == '0') f.pop_back();
    out += f;
  }
  return out + "Z";
}

std::string format_duration(const Duration& d) {
  std::string out = "P";
  if (d.months / 12 != 0) out += std::to_string(d.months / 12) + "Y";
  if (d.months % 12 != 0) out += std::to_string(d.months % 12) + "M";
  if (d.days != 0) out += std::to_string(d.days) + "D";
  if (d.micros != 0) {
    out += "T";
    std::int64_t us = d.micros;
    const bool neg = us < 0;
    if (neg) us = -us;
    const std::int64_t h = us / (3600 * kMicrosPerSecond);
    us %= 3600 * kMicrosPerSecond;
    const std::int64_t m = us / (60 * kMicrosPerSecond);
    us %= 60 * kMicrosPerSecond;
    const char* sign = neg ? "-" : "";
    if (h) out += sign + std::to_string(h) + "H";
    if (m) out += sign + std::to_string(m) + "M";
    if (us) {
      std::string s = std::to_string(us / kMicrosPerSecond);
      if (us % kMicrosPerSecond) {
        char buf[16];
        std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(us % kMicrosPerSecond));
        std::string f = buf;
        while (f.back() == '0') f.pop_back();
        s += f;
      }
      out += sign + s + "S";
    }
  }
  if (out == "P") out = "PT0S";
  return out;
}

}  // namespace guanxi::storage
