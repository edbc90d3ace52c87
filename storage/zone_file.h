// A time zone's TZif file (RFC 8536), as the system's tzdata installs it
// under /usr/share/zoneinfo: the offsets the zone's clocks have had, the
// instants they changed, and the POSIX rule of its footer for the years
// after the last listed change.
//
// Read here rather than through a time zone library: the shell starts once
// per command of an analyst's script, and every shared library it loads
// costs that start (cmake/dependency_archives.cmake); this is all of
// tzdata the named zones of time_zone.h need.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/posix_tz_rule.h"

namespace guanxi::storage {

class ZoneFile {
 public:
  // The zone `bytes` (a whole TZif file, version 1 to 4) describes, or
  // nullopt when they are not one: a wrong magic, counts past the end, no
  // time types, a type index out of range or transitions out of order.
  // Version 2 on are read from their 64-bit data and footer.
  static std::optional<ZoneFile> parse(std::string_view bytes);

  // The offset in seconds east of UTC at `utc_seconds` since the epoch.
  // Before the first transition: the first standard-time type (the zone's
  // local mean time); from the last on, the footer's rule where it has one.
  // Instants are clamped to about a billion years either side of the epoch.
  std::int32_t offset_at_instant(std::int64_t utc_seconds) const;

  // The offset of a wall-clock reading: an ambiguous reading takes the
  // earlier offset, a reading in a gap the offset before the gap.
  std::int32_t offset_for_local(std::int64_t local_seconds) const;

 private:
  // The period of `utc_seconds`: 0 before the first transition, i from
  // transitions_[i - 1] on.
  std::size_t period_of(std::int64_t utc_seconds) const;
  // Whether the instant `utc_seconds` lies in period `i`.
  bool in_period(std::size_t i, std::int64_t utc_seconds) const;
  // Where the footer's rule takes over: the last listed transition.
  std::int64_t rule_from() const;

  std::vector<std::int64_t> transitions_;  // ascending instants of change
  std::vector<std::int32_t> offsets_;      // per period: one more than transitions_
  std::optional<PosixTzRule> rule_;
};

}  // namespace guanxi::storage
