// A POSIX TZ rule (POSIX.1 TZ with RFC 8536's extensions), as the footer of
// a TZif file gives it: "CET-1CEST,M3.5.0,M10.5.0/3". A zone's file lists
// its clocks' changes up to some year (2037, or earlier in "slim" files);
// the footer says how they go on changing after that, and java.time, and so
// Neo4j, apply it for ever.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace guanxi::storage {

class PosixTzRule {
 public:
  // The rule `text` states, or nullopt when it has no daylight saving time
  // (the zone's last listed offset then holds for ever) or cannot be read.
  static std::optional<PosixTzRule> parse(std::string_view text);

  // The offset in seconds east of UTC at `utc_seconds` since the epoch.
  // Requires |utc_seconds| small enough that a year's arithmetic on it
  // cannot overflow (a billion years is).
  std::int32_t offset_at(std::int64_t utc_seconds) const;

  // The offset of the wall-clock reading `local_seconds`: an ambiguous
  // reading takes the earlier offset, a reading in a gap the offset before
  // the gap (time_zone.h).
  std::int32_t offset_for_local(std::int64_t local_seconds) const;

 private:
  // The day of a change: 'J' day 1..365 never counting February 29th, 'N'
  // day 0..365 counting it, or 'M' month.week.weekday (week 5 is the last,
  // weekday 0 is Sunday); and the local time of day of the change, which
  // may be negative or past 24 hours.
  struct ChangeDate {
    char kind = 'M';
    int day = 0;
    int month = 0, week = 0, weekday = 0;
    std::int32_t time = 2 * 3600;
  };

  static bool take_change_date(std::string_view* s, ChangeDate* out);
  // Days since the epoch of `d` in `year`.
  static std::int64_t change_day(const ChangeDate& d, std::int64_t year);

  std::int32_t std_offset_ = 0;  // east of UTC
  std::int32_t dst_offset_ = 0;
  ChangeDate start_, end_;  // of daylight saving time, each in the offset before it
};

}  // namespace guanxi::storage
