#include "storage/posix_tz_rule.h"

#include <algorithm>
#include <cctype>
#include <limits>

#include "storage/floor_division.h"
#include "storage/temporal.h"
#include "storage/value.h"

namespace guanxi::storage {

namespace {

bool take(std::string_view* s, char c) {
  if (s->empty() || (*s)[0] != c) return false;
  s->remove_prefix(1);
  return true;
}

bool take_number(std::string_view* s, int max_digits, int* out) {
  int n = 0, v = 0;
  while (n < max_digits && n < static_cast<int>(s->size()) &&
         std::isdigit(static_cast<unsigned char>((*s)[n])))
    v = v * 10 + ((*s)[n++] - '0');
  if (n == 0) return false;
  s->remove_prefix(static_cast<std::size_t>(n));
  *out = v;
  return true;
}

// [+-]hh[:mm[:ss]], in seconds.
bool take_clock(std::string_view* s, int max_hours, std::int32_t* out) {
  const bool negative = !s->empty() && (*s)[0] == '-';
  if (!s->empty() && ((*s)[0] == '-' || (*s)[0] == '+')) s->remove_prefix(1);
  int h, m = 0, sec = 0;
  if (!take_number(s, 3, &h)) return false;
  if (take(s, ':') && (!take_number(s, 2, &m) || (take(s, ':') && !take_number(s, 2, &sec))))
    return false;
  if (h > max_hours || m > 59 || sec > 59) return false;
  *out = (negative ? -1 : 1) * (h * 3600 + m * 60 + sec);
  return true;
}

// An abbreviation: letters, or anything in angle brackets ("<+0330>").
bool take_name(std::string_view* s) {
  if (take(s, '<')) {
    const std::size_t close = s->find('>');
    if (close == std::string_view::npos || close == 0) return false;
    s->remove_prefix(close + 1);
    return true;
  }
  std::size_t n = 0;
  while (n < s->size() && std::isalpha(static_cast<unsigned char>((*s)[n]))) ++n;
  s->remove_prefix(n);
  return n >= 3;
}

}  // namespace

bool PosixTzRule::take_change_date(std::string_view* s, ChangeDate* out) {
  if (take(s, 'J')) {
    out->kind = 'J';
    if (!take_number(s, 3, &out->day) || out->day < 1 || out->day > 365) return false;
  } else if (take(s, 'M')) {
    if (!take_number(s, 2, &out->month) || !take(s, '.') || !take_number(s, 1, &out->week) ||
        !take(s, '.') || !take_number(s, 1, &out->weekday) || out->month < 1 || out->month > 12 ||
        out->week < 1 || out->week > 5 || out->weekday > 6)
      return false;
  } else {
    out->kind = 'N';
    if (!take_number(s, 3, &out->day) || out->day > 365) return false;
  }
  return !take(s, '/') || take_clock(s, 167, &out->time);
}

std::optional<PosixTzRule> PosixTzRule::parse(std::string_view s) {
  PosixTzRule rule;
  std::int32_t west;  // POSIX offsets count hours west of Greenwich
  if (!take_name(&s) || !take_clock(&s, 24, &west) || s.empty()) return std::nullopt;
  rule.std_offset_ = -west;
  if (!take_name(&s)) return std::nullopt;
  rule.dst_offset_ = rule.std_offset_ + 3600;
  if (!s.empty() && s[0] != ',') {
    if (!take_clock(&s, 24, &west)) return std::nullopt;
    rule.dst_offset_ = -west;
  }
  if (!take(&s, ',') || !take_change_date(&s, &rule.start_) || !take(&s, ',') ||
      !take_change_date(&s, &rule.end_) || !s.empty())
    return std::nullopt;
  return rule;
}

std::int64_t PosixTzRule::change_day(const ChangeDate& d, std::int64_t year) {
  const std::int64_t jan1 = days_from_civil(year, 1, 1);
  if (d.kind == 'J') return jan1 + d.day - 1 + (is_leap_year(year) && d.day >= 60);
  if (d.kind == 'N') return jan1 + d.day;
  const auto month = static_cast<unsigned>(d.month);
  const std::int64_t first = days_from_civil(year, month, 1);
  const std::int64_t first_weekday = first + 4 - floor_div(first + 4, 7) * 7;  // 1970-01-01: Thu
  std::int64_t day = first + (d.weekday - first_weekday + 7) % 7 + std::int64_t{d.week - 1} * 7;
  while (day >= first + days_in_month(year, month)) day -= 7;
  return day;
}

std::int32_t PosixTzRule::offset_at(std::int64_t utc_seconds) const {
  std::int64_t year;
  unsigned month, day;
  civil_from_days(floor_div(utc_seconds, kSecondsPerDay), &year, &month, &day);
  // The latest change at or before the instant, among those of the years
  // around it (a change may be given as late as 167 hours into its day).
  std::int64_t latest = std::numeric_limits<std::int64_t>::min();
  std::int32_t offset = std_offset_;
  for (std::int64_t y = year - 2; y <= year + 1; ++y) {
    const std::int64_t start = change_day(start_, y) * kSecondsPerDay + start_.time - std_offset_;
    const std::int64_t end = change_day(end_, y) * kSecondsPerDay + end_.time - dst_offset_;
    if (end <= utc_seconds && end > latest) latest = end, offset = std_offset_;
    // On a tie the start wins: a rule whose summer time ends where the next
    // begins is summer time all year.
    if (start <= utc_seconds && start >= latest) latest = start, offset = dst_offset_;
  }
  return offset;
}

// A reading's offset is one the clocks had at the instant it gives. Both
// are, in an overlap: the earlier is the larger. Neither is, in a gap: the
// one before it is the smaller.
std::int32_t PosixTzRule::offset_for_local(std::int64_t local_seconds) const {
  const std::int32_t a = std_offset_, b = dst_offset_;
  const bool a_holds = offset_at(local_seconds - a) == a;
  const bool b_holds = offset_at(local_seconds - b) == b;
  if (a_holds != b_holds) return a_holds ? a : b;
  return a_holds ? std::max(a, b) : std::min(a, b);
}

}  // namespace guanxi::storage
