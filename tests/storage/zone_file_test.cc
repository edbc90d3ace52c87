// TZif files read byte by byte (storage/zone_file.h): files built here, so
// that every branch of the reading is exercised whatever tzdata the machine
// has. time_zone_test.cc checks the system's own files.
#include "storage/zone_file.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "storage/bytes.h"

namespace guanxi::storage {
namespace {

constexpr std::int32_t kHour = 3600;

struct TimeType {
  std::int32_t offset;
  bool dst;
};

void append_be32(std::string* out, std::uint32_t v) {
  char b[4];
  put_be32(b, v);
  out->append(b, 4);
}

void append_be64(std::string* out, std::uint64_t v) {
  char b[8];
  put_be64(b, v);
  out->append(b, 8);
}

// One header and data block, with `time_size`-byte transition times.
void append_block(std::string* out, char version, int time_size,
                  const std::vector<std::int64_t>& times, const std::vector<std::uint8_t>& indices,
                  const std::vector<TimeType>& types) {
  out->append("TZif");
  out->push_back(version);
  out->append(15, '\0');
  const std::string chars("LMT\0STD\0DST\0", 12);
  for (std::uint32_t count :
       {0u, 0u, 0u, static_cast<std::uint32_t>(times.size()),
        static_cast<std::uint32_t>(types.size()), static_cast<std::uint32_t>(chars.size())})
    append_be32(out, count);
  for (std::int64_t t : times) {
    if (time_size == 8)
      append_be64(out, static_cast<std::uint64_t>(t));
    else
      append_be32(out, static_cast<std::uint32_t>(static_cast<std::int32_t>(t)));
  }
  for (std::uint8_t i : indices) out->push_back(static_cast<char>(i));
  for (const TimeType& t : types) {
    append_be32(out, static_cast<std::uint32_t>(t.offset));
    out->push_back(t.dst ? 1 : 0);
    out->push_back(0);
  }
  out->append(chars);
}

// A version-2 file: an empty version-1 block, then the 64-bit one and the
// footer.
std::string tzif2(const std::vector<std::int64_t>& times, const std::vector<std::uint8_t>& indices,
                  const std::vector<TimeType>& types, const std::string& footer) {
  std::string out;
  append_block(&out, '2', 4, {}, {}, {{0, false}});
  append_block(&out, '2', 8, times, indices, types);
  out += "\n" + footer + "\n";
  return out;
}

TEST(ZoneFile, ListedTransitionsThenTheFootersRule) {
  // Local mean time +00:30 (a DST type listed first, then standard types),
  // then +01:00 from t=1000, +02:00 (summer) from t=5000 and +01:00 from
  // t=9000; after that, Central European rules.
  const auto zone =
      ZoneFile::parse(tzif2({1000, 5000, 9000}, {2, 3, 2},
                            {{7 * kHour, true}, {1800, false}, {kHour, false}, {2 * kHour, true}},
                            "CET-1CEST,M3.5.0,M10.5.0/3"));
  ASSERT_TRUE(zone.has_value());
  // Before the first transition: the first standard type, not type 0.
  EXPECT_EQ(zone->offset_at_instant(-1'000'000), 1800);
  EXPECT_EQ(zone->offset_at_instant(999), 1800);
  EXPECT_EQ(zone->offset_at_instant(1000), kHour);
  EXPECT_EQ(zone->offset_at_instant(4999), kHour);
  EXPECT_EQ(zone->offset_at_instant(5000), 2 * kHour);
  EXPECT_EQ(zone->offset_at_instant(8999), 2 * kHour);
  // From the last transition the rule decides: 1970-07-01 is summer.
  EXPECT_EQ(zone->offset_at_instant(9000), kHour);  // January 1st, 1970
  EXPECT_EQ(zone->offset_at_instant(std::int64_t{181} * 86400), 2 * kHour);
}

TEST(ZoneFile, LocalReadingsInGapsAndOverlaps) {
  // +01:00, then +02:00 from t=100000 (a gap of an hour on the clocks),
  // then +01:00 from t=200000 (an overlap of an hour); no rule after.
  const auto zone = ZoneFile::parse(
      tzif2({100000, 200000}, {1, 0}, {{kHour, false}, {2 * kHour, true}}, "<+01>-1"));
  ASSERT_TRUE(zone.has_value());
  // The gap: readings 103600 to 107199 name no instant; the offset before
  // it applies.
  EXPECT_EQ(zone->offset_for_local(103599), kHour);
  EXPECT_EQ(zone->offset_for_local(103600), kHour);
  EXPECT_EQ(zone->offset_for_local(107199), kHour);
  EXPECT_EQ(zone->offset_for_local(107200), 2 * kHour);
  // The overlap: readings 203600 to 207199 name two instants; the earlier.
  EXPECT_EQ(zone->offset_for_local(203599), 2 * kHour);
  EXPECT_EQ(zone->offset_for_local(203600), 2 * kHour);
  EXPECT_EQ(zone->offset_for_local(207199), 2 * kHour);
  EXPECT_EQ(zone->offset_for_local(207200), kHour);
  EXPECT_EQ(zone->offset_at_instant(1'000'000'000), kHour);
}

TEST(ZoneFile, TransitionsCloserThanADay) {
  // +00:00, +03:00 from t=50000, back to +00:00 at t=53600: three hours
  // skipped, then repeated, within one hour of instants.
  const auto zone =
      ZoneFile::parse(tzif2({50000, 53600}, {1, 0}, {{0, false}, {3 * kHour, true}}, ""));
  ASSERT_TRUE(zone.has_value());
  EXPECT_EQ(zone->offset_for_local(49999), 0);
  EXPECT_EQ(zone->offset_for_local(50000), 0);          // in the gap
  EXPECT_EQ(zone->offset_for_local(60800), 3 * kHour);  // held by both: the earlier
  EXPECT_EQ(zone->offset_for_local(64800), 0);          // past the second period
}

TEST(ZoneFile, VersionOneFilesUseTheir32BitTimes) {
  std::string v1;
  append_block(&v1, '\0', 4, {-100, 100}, {1, 0}, {{0, false}, {-5 * kHour, false}});
  const auto zone = ZoneFile::parse(v1);
  ASSERT_TRUE(zone.has_value());
  EXPECT_EQ(zone->offset_at_instant(-101), 0);
  EXPECT_EQ(zone->offset_at_instant(-100), -5 * kHour);
  EXPECT_EQ(zone->offset_at_instant(100), 0);
  EXPECT_EQ(zone->offset_at_instant(1'000'000'000'000), 0);
}

TEST(ZoneFile, ANoTransitionZoneHasOneOffset) {
  const auto zone = ZoneFile::parse(tzif2({}, {}, {{8 * kHour, false}}, "CST-8"));
  ASSERT_TRUE(zone.has_value());
  EXPECT_EQ(zone->offset_at_instant(std::numeric_limits<std::int64_t>::min()), 8 * kHour);
  EXPECT_EQ(zone->offset_for_local(std::numeric_limits<std::int64_t>::max()), 8 * kHour);
}

TEST(ZoneFile, DamagedFilesAreRefused) {
  const std::string good =
      tzif2({1000, 5000}, {1, 0}, {{0, false}, {kHour, true}}, "CET-1CEST,M3.5.0,M10.5.0/3");
  ASSERT_TRUE(ZoneFile::parse(good).has_value());
  // Cut anywhere inside the header or the data block: refused.
  const std::size_t footer = good.size() - std::string("\nCET-1CEST,M3.5.0,M10.5.0/3\n").size();
  for (std::size_t n = 0; n < footer; ++n)
    EXPECT_FALSE(ZoneFile::parse(good.substr(0, n)).has_value()) << n;
  // Cut in the footer: read, without the rule.
  EXPECT_TRUE(ZoneFile::parse(good.substr(0, footer + 5)).has_value());

  std::string magic = good;
  magic[0] = 'X';
  EXPECT_FALSE(ZoneFile::parse(magic).has_value());
  // A type index past the types.
  EXPECT_FALSE(ZoneFile::parse(tzif2({1000}, {2}, {{0, false}, {kHour, true}}, "")).has_value());
  // Transitions out of order, or repeated.
  EXPECT_FALSE(
      ZoneFile::parse(tzif2({5000, 1000}, {1, 0}, {{0, false}, {kHour, true}}, "")).has_value());
  EXPECT_FALSE(
      ZoneFile::parse(tzif2({1000, 1000}, {1, 0}, {{0, false}, {kHour, true}}, "")).has_value());
  // No time types at all.
  EXPECT_FALSE(ZoneFile::parse(tzif2({}, {}, {}, "")).has_value());
  // Counts far past the file's end, in either header, do not read past it.
  // The version-1 block holds one 6-byte type and 12 bytes of names; a
  // header's transition count is its 4th count, 32 bytes in.
  const std::size_t second_header = 44 + 6 + 12;  // the names are 12 bytes
  for (const std::size_t at : {std::size_t{32}, second_header + 32}) {
    std::string huge = good;
    put_be32(huge.data() + at, 0xFFFFFFFFu);
    EXPECT_FALSE(ZoneFile::parse(huge).has_value()) << at;
  }
}

}  // namespace
}  // namespace guanxi::storage
