// Parsing and printing of the temporal value types (ISO 8601).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/value.h"

namespace guanxi::storage {

inline constexpr std::int64_t kMicrosPerSecond = 1'000'000;
inline constexpr std::int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

// Proleptic Gregorian leap years: every fourth, but not every hundredth,
// but every four hundredth.
bool is_leap_year(std::int64_t year);
// The days of `month` (1..12) in `year`: 28 to 31.
unsigned days_in_month(std::int64_t year, unsigned month);

// Days since the epoch of a proleptic Gregorian civil date; month 1..12.
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);
// The civil date of `days` since the epoch.
void civil_from_days(std::int64_t days, std::int64_t* year, unsigned* month, unsigned* day);

// "2024-01-31". Returns nullopt on anything else, including impossible dates.
std::optional<Date> parse_date(std::string_view text);
// "2024-01-31", "2024-01-31T12:30", "2024-01-31T12:30:05.123456" with an
// optional zone "Z", "+02:00", "+0200" or "-05"; no zone means UTC.
std::optional<DateTime> parse_datetime(std::string_view text);
// ISO 8601 durations: "P1Y2M3W4DT5H6M7.5S", "PT0.001S", "-P1D".
std::optional<Duration> parse_duration(std::string_view text);

std::string format_date(Date d);  // "2024-01-31"
std::string format_datetime(
    DateTime t);  // "2024-01-31T12:30:05.123456Z" (fraction only when nonzero)
std::string format_duration(const Duration& d);  // "P1Y2M3DT4H5M6.5S", "PT0S" for zero

}  // namespace guanxi::storage
