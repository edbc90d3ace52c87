// Named time zones from the IANA time zone database (the system's tzdata,
// its TZif files read by zone_file.h), as DateTime::zone ids.
//
// An id is this process's number for a zone name: ids are handed out as
// names are first met and never change while the process runs, but they are
// not stable across processes, so what is stored or sent is the name
// (record_codec.h, index_key_codec.h). Id 0 is "no named zone".
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace guanxi::storage {

// The id of the IANA zone (or link) `name`, e.g. "Europe/Stockholm",
// "America/New_York", "UTC"; exact, case-sensitive as in the database.
// nullopt when the database has no such zone. Thread-safe.
std::optional<std::uint32_t> find_time_zone(std::string_view name);

// The name of a zone id from find_time_zone. Requires a valid id (nonzero,
// handed out by this process); the view lives as long as the process.
std::string_view time_zone_name(std::uint32_t zone);

// The offset in seconds east of UTC in effect in `zone` at the instant
// `utc_seconds` since the epoch. Instants are clamped to about a billion
// years either side of the epoch.
std::int32_t offset_at_instant(std::uint32_t zone, std::int64_t utc_seconds);

// The offset that a wall-clock reading `local_seconds` (seconds since
// 1970-01-01T00:00:00 on the zone's clocks) has in `zone`. An ambiguous
// reading (clocks turned back) takes the earlier offset; a reading in a gap
// (clocks turned forward) takes the offset before the gap, so the instant
// lands after it, as in Java's and Neo4j's ZonedDateTime.
std::int32_t offset_for_local(std::uint32_t zone, std::int64_t local_seconds);

}  // namespace guanxi::storage
