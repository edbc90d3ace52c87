// Named zones through Howard Hinnant's date/tz library reading the system's
// tzdata, with one addition: the library knows only the transitions listed
// in a zone's TZif file, which end in 2037 (or earlier, for "slim" files),
// and takes the last offset as holding for ever after. The file's footer,
// a POSIX TZ rule ("CET-1CEST,M3.5.0,M10.5.0/3"), says how the clocks go on
// changing; java.time, and so Neo4j, apply it. Here it is read and applied
// from the library's last transition on, so that a summer datetime in 2040
// is in summer time.
#include "storage/time_zone.h"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <deque>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "storage/temporal.h"

namespace guanxi::storage {

namespace {

// About a billion years either side of the epoch, past openCypher's range of
// years: instants are clamped to it so that no computation on them
// overflows.
constexpr std::int64_t kMaxInstant = 32'000'000'000'000'000;
constexpr char kZoneInfoDir[] = "/usr/share/zoneinfo/";  // where Debian's date/tz looks too

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// --- POSIX TZ rules (POSIX.1 TZ, with RFC 8536's extensions) ---

// The day of a change: 'J' day 1..365 never counting February 29th, 'N'
// day 0..365 counting it, or 'M' month.week.weekday (week 5 is the last,
// weekday 0 is Sunday); and the local time of day of the change, which may
// be negative or past 24 hours.
struct RuleDate {
  char kind = 'M';
  int day = 0;
  int month = 0, week = 0, weekday = 0;
  std::int32_t time = 2 * 3600;
};

// A zone's clocks after its last listed transition, when they still change.
struct Rule {
  std::int32_t std_offset = 0;  // east of UTC
  std::int32_t dst_offset = 0;
  RuleDate start, end;  // of daylight saving time, in the offset before each
};

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

bool take_rule_date(std::string_view* s, RuleDate* out) {
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

// The rule of a TZ string, or nullopt when it has no daylight saving time
// (the library's last offset is then right for ever) or cannot be read.
std::optional<Rule> parse_rule(std::string_view s) {
  Rule rule;
  std::int32_t west;  // POSIX offsets count hours west of Greenwich
  if (!take_name(&s) || !take_clock(&s, 24, &west) || s.empty()) return std::nullopt;
  rule.std_offset = -west;
  if (!take_name(&s)) return std::nullopt;
  rule.dst_offset = rule.std_offset + 3600;
  if (!s.empty() && s[0] != ',') {
    if (!take_clock(&s, 24, &west)) return std::nullopt;
    rule.dst_offset = -west;
  }
  if (!take(&s, ',') || !take_rule_date(&s, &rule.start) || !take(&s, ',') ||
      !take_rule_date(&s, &rule.end) || !s.empty())
    return std::nullopt;
  return rule;
}

// The footer of the zone's TZif file (version 2 on): the text between the
// file's last two newlines, which it cannot itself contain.
std::optional<Rule> read_rule(const std::string& name) {
  std::ifstream in(kZoneInfoDir + name, std::ios::binary);
  const std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (data.size() < 6 || data.compare(0, 4, "TZif") != 0 || data[4] < '2' || data.back() != '\n')
    return std::nullopt;
  const std::size_t start = data.rfind('\n', data.size() - 2);
  if (start == std::string::npos) return std::nullopt;
  return parse_rule(std::string_view(data).substr(start + 1, data.size() - start - 2));
}

// Days since the epoch of a rule's date in `year`.
std::int64_t rule_day(const RuleDate& d, std::int64_t year) {
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

std::int32_t rule_offset_at(const Rule& rule, std::int64_t utc_seconds) {
  std::int64_t year;
  unsigned month, day;
  civil_from_days(floor_div(utc_seconds, kSecondsPerDay), &year, &month, &day);
  // The latest change at or before the instant, among those of the years
  // around it (a change may be given as late as 167 hours into its day).
  std::int64_t latest = std::numeric_limits<std::int64_t>::min();
  std::int32_t offset = rule.std_offset;
  for (std::int64_t y = year - 2; y <= year + 1; ++y) {
    const std::int64_t start =
        rule_day(rule.start, y) * kSecondsPerDay + rule.start.time - rule.std_offset;
    const std::int64_t end =
        rule_day(rule.end, y) * kSecondsPerDay + rule.end.time - rule.dst_offset;
    if (end <= utc_seconds && end > latest) latest = end, offset = rule.std_offset;
    // On a tie the start wins: a rule whose summer time ends where the next
    // begins is summer time all year.
    if (start <= utc_seconds && start >= latest) latest = start, offset = rule.dst_offset;
  }
  return offset;
}

// A reading's offset is one the clocks had at the instant it gives. Both
// are, in an overlap: the earlier is the larger. Neither is, in a gap: the
// one before it is the smaller.
std::int32_t rule_offset_for_local(const Rule& rule, std::int64_t local_seconds) {
  const std::int32_t a = rule.std_offset, b = rule.dst_offset;
  const bool a_holds = rule_offset_at(rule, local_seconds - a) == a;
  const bool b_holds = rule_offset_at(rule, local_seconds - b) == b;
  if (a_holds != b_holds) return a_holds ? a : b;
  return a_holds ? std::max(a, b) : std::min(a, b);
}

// --- The table of ids ---

struct Zone {
  std::string name;
  const date::time_zone* tz = nullptr;
  std::optional<Rule> rule;
  std::int64_t rule_from = 0;  // the library's last transition, where the rule takes over
};

class Registry {
 public:
  // The whole database is read here, once: the registry's construction is
  // ordered before every lookup, which ThreadSanitizer can see, unlike the
  // library's own once-only load (the library is not instrumented).
  Registry() {
    try {
      (void)date::get_tzdb();
    } catch (const std::exception&) {  // no database: every lookup fails
    }
  }

  std::optional<std::uint32_t> find(std::string_view name) {
    {
      std::lock_guard lock(mutex_);
      if (auto it = ids_.find(name); it != ids_.end()) return it->second;
    }
    // Outside the lock: resolving reads the zone's file.
    std::optional<Zone> zone = resolve(name);
    if (!zone) return std::nullopt;
    std::lock_guard lock(mutex_);
    const auto [it, added] =
        ids_.try_emplace(std::string(name), static_cast<std::uint32_t>(zones_.size() + 1));
    if (added) zones_.push_back(std::move(*zone));
    return it->second;
  }

  // The zone of an id; nullptr when no such id was handed out. Zones never
  // change once added, and a deque keeps them in place as it grows, so the
  // pointer stays good without the lock.
  const Zone* get(std::uint32_t id) {
    std::lock_guard lock(mutex_);
    return id == 0 || id > zones_.size() ? nullptr : &zones_[id - 1];
  }

 private:
  static std::optional<Zone> resolve(std::string_view name) {
    // /usr/share/zoneinfo/localtime is the machine's own zone under a name
    // that would mean another zone on another machine.
    if (name == "localtime") return std::nullopt;
    try {
      Zone zone{std::string(name), date::locate_zone(name), std::nullopt, 0};
      zone.rule = read_rule(zone.name);
      const auto last = zone.tz->get_info(date::sys_seconds{std::chrono::seconds{kMaxInstant}});
      zone.rule_from = last.begin.time_since_epoch().count();
      return zone;
    } catch (const std::exception&) {  // no such zone, or no readable database
      return std::nullopt;
    }
  }

  std::mutex mutex_;
  std::deque<Zone> zones_;  // id - 1
  std::map<std::string, std::uint32_t, std::less<>> ids_;
};

// Never destroyed: values may be printed from static destructors and other
// threads until the process ends.
Registry& registry() {
  static Registry* const instance = new Registry;
  return *instance;
}

std::int64_t clamp_instant(std::int64_t seconds) {
  return std::clamp(seconds, -kMaxInstant, kMaxInstant);
}

}  // namespace

std::optional<std::uint32_t> find_time_zone(std::string_view name) { return registry().find(name); }

std::string_view time_zone_name(std::uint32_t zone) {
  const Zone* z = registry().get(zone);
  return z ? std::string_view(z->name) : std::string_view();
}

std::int32_t offset_at_instant(std::uint32_t zone, std::int64_t utc_seconds) {
  const Zone* z = registry().get(zone);
  if (!z) return 0;
  utc_seconds = clamp_instant(utc_seconds);
  if (z->rule && utc_seconds >= z->rule_from) return rule_offset_at(*z->rule, utc_seconds);
  const auto info = z->tz->get_info(date::sys_seconds{std::chrono::seconds{utc_seconds}});
  return static_cast<std::int32_t>(info.offset.count());
}

std::int32_t offset_for_local(std::uint32_t zone, std::int64_t local_seconds) {
  const Zone* z = registry().get(zone);
  if (!z) return 0;
  local_seconds = clamp_instant(local_seconds);
  // A day's margin keeps readings near the last listed transition with the
  // library, which knows that transition.
  if (z->rule && local_seconds >= z->rule_from + kSecondsPerDay)
    return rule_offset_for_local(*z->rule, local_seconds);
  // For a reading in a gap the library's first period is the one before
  // the gap; for an ambiguous one, the earlier.
  const auto info = z->tz->get_info(date::local_seconds{std::chrono::seconds{local_seconds}});
  return static_cast<std::int32_t>(info.first.offset.count());
}

}  // namespace guanxi::storage
