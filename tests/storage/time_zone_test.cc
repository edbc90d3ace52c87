// Named time zones from the system's tzdata (storage/time_zone.h). Expected
// offsets are the IANA database's (checked against Python's zoneinfo, which
// reads the same files).
#include "storage/time_zone.h"

#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "storage/temporal.h"

namespace guanxi::storage {
namespace {

constexpr std::int32_t kHour = 3600;

std::int64_t utc(std::int64_t year, unsigned month, unsigned day, std::int64_t h = 0,
                 std::int64_t m = 0, std::int64_t s = 0) {
  return days_from_civil(year, month, day) * kSecondsPerDay + (h * 60 + m) * 60 + s;
}

std::uint32_t zone(std::string_view name) {
  const auto id = find_time_zone(name);
  EXPECT_TRUE(id.has_value()) << name;
  return id.value_or(0);
}

TEST(TimeZone, IdsAreStableAndNamesReadBack) {
  const std::uint32_t stockholm = zone("Europe/Stockholm");
  EXPECT_NE(stockholm, 0u);
  EXPECT_EQ(zone("Europe/Stockholm"), stockholm);
  EXPECT_EQ(time_zone_name(stockholm), "Europe/Stockholm");
  const std::uint32_t london = zone("Europe/London");
  EXPECT_NE(london, stockholm);
  EXPECT_EQ(time_zone_name(london), "Europe/London");
  EXPECT_EQ(time_zone_name(zone("UTC")), "UTC");
}

TEST(TimeZone, LinksKeepTheirOwnName) {
  // Links of the database's "backward" file: old names of zones.
  for (const char* link : {"US/Eastern", "Asia/Calcutta", "Europe/Kiev", "GB", "Etc/UTC"}) {
    const std::uint32_t id = zone(link);
    EXPECT_EQ(time_zone_name(id), link);
  }
  EXPECT_EQ(offset_at_instant(zone("US/Eastern"), utc(2024, 7, 1)),
            offset_at_instant(zone("America/New_York"), utc(2024, 7, 1)));
  EXPECT_EQ(offset_at_instant(zone("Asia/Calcutta"), utc(2024, 7, 1)), 5 * kHour + 1800);
}

TEST(TimeZone, UnknownNamesAreNotFound) {
  for (const char* name :
       {"", "Mars/Olympus_Mons", "europe/stockholm", "EUROPE/STOCKHOLM", "Europe/Stockholm ",
        "Europe", "Europe/", "/Europe/Stockholm", "Europe/../Europe/Stockholm", "../etc/passwd",
        "/etc/passwd", "+01:00", "localtime", "right/UTC", "posix/Europe/Stockholm", "Factory"}) {
    EXPECT_FALSE(find_time_zone(name).has_value()) << name;
  }
}

TEST(TimeZone, StockholmWinterAndSummer) {
  const std::uint32_t z = zone("Europe/Stockholm");
  EXPECT_EQ(offset_at_instant(z, utc(2024, 1, 15, 12)), kHour);
  EXPECT_EQ(offset_at_instant(z, utc(2024, 7, 15, 12)), 2 * kHour);
  // Clocks go forward at 01:00 UTC on the last Sunday of March, back at
  // 01:00 UTC on the last Sunday of October.
  EXPECT_EQ(offset_at_instant(z, utc(2024, 3, 31, 0, 59, 59)), kHour);
  EXPECT_EQ(offset_at_instant(z, utc(2024, 3, 31, 1)), 2 * kHour);
  EXPECT_EQ(offset_at_instant(z, utc(2024, 10, 27, 0, 59, 59)), 2 * kHour);
  EXPECT_EQ(offset_at_instant(z, utc(2024, 10, 27, 1)), kHour);
  EXPECT_EQ(offset_at_instant(z, utc(1970, 1, 1)), kHour);
  // Before standard time, local mean time, with seconds. Its value depends
  // on the tzdata build: Stockholm's own (+01:12:12) where the database
  // keeps pre-1970 history, Berlin's (+00:53:28, what the TCK expects) where
  // Stockholm is a link to Berlin.
  const std::int32_t lmt = offset_at_instant(z, utc(1818, 7, 21, 20));
  EXPECT_TRUE(lmt == 4332 || lmt == 3208) << lmt;
}

TEST(TimeZone, LocalReadingsInGapsAndOverlaps) {
  const std::uint32_t z = zone("Europe/Stockholm");
  EXPECT_EQ(offset_for_local(z, utc(2024, 1, 15, 12)), kHour);
  EXPECT_EQ(offset_for_local(z, utc(2024, 7, 15, 12)), 2 * kHour);
  // 02:00 to 03:00 on 2024-03-31 never happened: the offset before the gap.
  EXPECT_EQ(offset_for_local(z, utc(2024, 3, 31, 2, 30)), kHour);
  EXPECT_EQ(offset_for_local(z, utc(2024, 3, 31, 1, 59, 59)), kHour);
  EXPECT_EQ(offset_for_local(z, utc(2024, 3, 31, 3)), 2 * kHour);
  // 02:00 to 03:00 on 2024-10-27 happened twice: the earlier offset.
  EXPECT_EQ(offset_for_local(z, utc(2024, 10, 27, 2, 30)), 2 * kHour);
  EXPECT_EQ(offset_for_local(z, utc(2024, 10, 27, 3)), kHour);
  // New York: the gap at 02:00 on 2024-03-10 and the overlap at 01:00 on
  // 2024-11-03.
  const std::uint32_t ny = zone("America/New_York");
  EXPECT_EQ(offset_for_local(ny, utc(2024, 3, 10, 2, 30)), -5 * kHour);
  EXPECT_EQ(offset_for_local(ny, utc(2024, 11, 3, 1, 30)), -4 * kHour);
}

// The TZif files list transitions up to 2037; after that the rule in their
// footer goes on.
TEST(TimeZone, BeyondTheListedTransitions) {
  const std::uint32_t stockholm = zone("Europe/Stockholm");
  EXPECT_EQ(offset_at_instant(stockholm, utc(2040, 7, 1)), 2 * kHour);
  EXPECT_EQ(offset_at_instant(stockholm, utc(2040, 1, 1)), kHour);
  EXPECT_EQ(offset_at_instant(stockholm, utc(2100, 3, 28, 0, 59, 59)), kHour);
  EXPECT_EQ(offset_at_instant(stockholm, utc(2100, 3, 28, 1)), 2 * kHour);
  EXPECT_EQ(offset_at_instant(stockholm, utc(2100, 10, 31, 0, 59, 59)), 2 * kHour);
  EXPECT_EQ(offset_at_instant(stockholm, utc(2100, 10, 31, 1)), kHour);
  EXPECT_EQ(offset_for_local(stockholm, utc(2060, 3, 28, 2, 30)), kHour);
  EXPECT_EQ(offset_for_local(stockholm, utc(2060, 10, 31, 2, 30)), 2 * kHour);
  // Southern summer, a zone without daylight saving time, and Dublin, whose
  // "standard" time is the summer one.
  EXPECT_EQ(offset_at_instant(zone("Australia/Sydney"), utc(2050, 1, 15)), 11 * kHour);
  EXPECT_EQ(offset_at_instant(zone("Australia/Sydney"), utc(2050, 7, 15)), 10 * kHour);
  EXPECT_EQ(offset_at_instant(zone("America/New_York"), utc(2045, 7, 4, 12)), -4 * kHour);
  EXPECT_EQ(offset_at_instant(zone("Asia/Tokyo"), utc(2100, 7, 1)), 9 * kHour);
  EXPECT_EQ(offset_at_instant(zone("America/Sao_Paulo"), utc(2050, 1, 15)), -3 * kHour);
  EXPECT_EQ(offset_at_instant(zone("Europe/Dublin"), utc(2040, 1, 15, 12)), 0);
  EXPECT_EQ(offset_at_instant(zone("Europe/Dublin"), utc(2040, 7, 15, 12)), kHour);
}

TEST(TimeZone, InstantsFarOutsideTheDatabaseAreClamped) {
  const std::uint32_t z = zone("Europe/Stockholm");
  const std::int64_t lmt = offset_at_instant(z, utc(1818, 7, 21));
  for (std::int64_t s : {std::numeric_limits<std::int64_t>::min(), utc(-999'999'999, 1, 1)}) {
    EXPECT_EQ(offset_at_instant(z, s), lmt);
    EXPECT_EQ(offset_for_local(z, s), lmt);
  }
  for (std::int64_t s : {std::numeric_limits<std::int64_t>::max(), utc(999'999'999, 7, 1)}) {
    const std::int32_t offset = offset_at_instant(z, s);
    EXPECT_TRUE(offset == kHour || offset == 2 * kHour) << offset;
    const std::int32_t local = offset_for_local(z, s);
    EXPECT_TRUE(local == kHour || local == 2 * kHour) << local;
  }
  EXPECT_EQ(offset_at_instant(zone("UTC"), std::numeric_limits<std::int64_t>::max()), 0);
}

TEST(TimeZone, ConcurrentLookupsAgreeOnIds) {
  const std::vector<std::string> names = {
      "Europe/Paris",     "America/Chicago",  "Asia/Shanghai",   "Africa/Cairo",
      "Pacific/Auckland", "America/Denver",   "Asia/Kathmandu",  "Atlantic/Azores",
      "Europe/Helsinki",  "Asia/Tehran",      "America/Halifax", "Australia/Adelaide",
      "Europe/Moscow",    "America/Santiago", "Asia/Dubai",      "Pacific/Chatham"};
  constexpr int kThreads = 8;
  std::vector<std::map<std::string, std::uint32_t>> seen(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        for (std::size_t i = 0; i < names.size(); ++i) {
          const std::string& name = names[(i * 7 + static_cast<std::size_t>(t)) % names.size()];
          const auto id = find_time_zone(name);
          if (!id) continue;
          seen[t][name] = *id;
          // Readers of other ids while ids are being handed out.
          (void)offset_at_instant(*id, utc(2000 + round, 6, 1));
          (void)time_zone_name(*id).size();
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::map<std::uint32_t, std::string> names_of_ids;
  for (const auto& [name, id] : seen[0]) {
    names_of_ids[id] = name;
    EXPECT_EQ(time_zone_name(id), name);
  }
  EXPECT_EQ(names_of_ids.size(), names.size());  // one id per name
  for (int t = 1; t < kThreads; ++t) EXPECT_EQ(seen[t], seen[0]);
}

}  // namespace
}  // namespace guanxi::storage
