// The string forms of durations (storage/temporal.h). Expected strings
// marked TCK are the openCypher TCK's (Temporal1 [12], Temporal2 [7],
// Temporal6 [6]).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>

#include "storage/temporal.h"

namespace guanxi::storage {
namespace {

std::string reformat(std::string_view s) {
  const auto d = parse_duration(s);
  return d ? format_duration(*d) : "refused";
}

TEST(ParseDuration, EveryFormTck) {
  const std::pair<const char*, const char*> cases[] = {
      {"P14DT16H12M", "P14DT16H12M"},
      {"P5M1.5D", "P5M1DT12H"},
      {"P0.75M", "P22DT19H51M49.5S"},
      {"PT0.75M", "PT45S"},
      {"P2.5W", "P17DT12H"},
      {"P12Y5M14DT16H12M70S", "P12Y5M14DT16H13M10S"},
      {"P2012-02-02T14:37:21.545", "P2012Y2M2DT14H37M21.545S"},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(reformat(in), out) << in;
}

TEST(ParseDuration, Parts) {
  EXPECT_EQ(*parse_duration("P1Y2M3W4DT5H6M7.5S"),
            (Duration{14, 25, 5 * 3600 + 6 * 60 + 7, 500'000'000}));
  EXPECT_EQ(*parse_duration("PT0.001S"), (Duration{0, 0, 0, 1'000'000}));
  EXPECT_EQ(*parse_duration("PT0.000000001S"), (Duration{0, 0, 0, 1}));
  EXPECT_EQ(*parse_duration("PT0S"), Duration{});
  EXPECT_EQ(*parse_duration("P0D"), Duration{});
  EXPECT_EQ(*parse_duration("p1y2m3dt4h5m6s"), *parse_duration("P1Y2M3DT4H5M6S"));
  EXPECT_EQ(*parse_duration("+P1D"), (Duration{0, 1, 0, 0}));
  EXPECT_EQ(*parse_duration("P1W"), (Duration{0, 7, 0, 0}));
  EXPECT_EQ(*parse_duration("PT90M"), (Duration{0, 0, 5400, 0}));
  EXPECT_EQ(*parse_duration("P999999999999999999D"), (Duration{0, 999'999'999'999'999'999, 0, 0}));
}

TEST(ParseDuration, NegativeParts) {
  EXPECT_EQ(*parse_duration("PT-1.5S"), (Duration{0, 0, -2, 500'000'000}));
  EXPECT_EQ(*parse_duration("PT-0.5S"), (Duration{0, 0, -1, 500'000'000}));
  EXPECT_EQ(*parse_duration("-PT1.5S"), (Duration{0, 0, -2, 500'000'000}));
  EXPECT_EQ(*parse_duration("-P1Y2M"), (Duration{-14, 0, 0, 0}));
  EXPECT_EQ(*parse_duration("-P1D"), (Duration{0, -1, 0, 0}));
  EXPECT_EQ(*parse_duration("-P-1D"), (Duration{0, 1, 0, 0}));
  EXPECT_EQ(*parse_duration("P-1DT1H"), (Duration{0, -1, 3600, 0}));
  EXPECT_EQ(*parse_duration("PT1M-61S"), (Duration{0, 0, -1, 0}));
  EXPECT_EQ(*parse_duration("P-9223372036854775808D"),
            (Duration{0, std::numeric_limits<std::int64_t>::min(), 0, 0}));
  EXPECT_EQ(reformat("-P1Y2M3DT4H5M6.5S"), "P-1Y-2M-3DT-4H-5M-6.5S");
}

// A fraction spills into the smaller units: a month is 2629746 seconds
// (30.436875 days), truncated toward zero at the nanosecond.
TEST(ParseDuration, Fractions) {
  EXPECT_EQ(*parse_duration("P0.5Y"), (Duration{6, 0, 0, 0}));
  // 1.2 months: 0.2 * 2629746 s = 6 days and 7549.2 s.
  EXPECT_EQ(*parse_duration("P0.1Y"), (Duration{1, 6, 7549, 200'000'000}));
  EXPECT_EQ(*parse_duration("P1Y2.5M"), (Duration{14, 15, 18'873, 0}));
  EXPECT_EQ(*parse_duration("PT1.5H"), (Duration{0, 0, 5400, 0}));
  EXPECT_EQ(*parse_duration("PT1H0.5M"), (Duration{0, 0, 3630, 0}));
  EXPECT_EQ(*parse_duration("P1.5W"), (Duration{0, 10, 43'200, 0}));
  EXPECT_EQ(*parse_duration("P1,5D"), (Duration{0, 1, 43'200, 0}));
  EXPECT_EQ(*parse_duration("P0.0000000001D"), (Duration{0, 0, 0, 8640}));
  EXPECT_EQ(*parse_duration("P0.000000000000000000001Y"), Duration{});
  // Negative fractions truncate toward zero too; a whole part and a
  // fraction of the other sign add up before truncating, as in Neo4j.
  EXPECT_EQ(*parse_duration("P-0.75M"), (Duration{0, -22, -71'510, 500'000'000}));
  EXPECT_EQ(*parse_duration("-P0.5Y"), (Duration{-6, 0, 0, 0}));
  EXPECT_EQ(*parse_duration("P1Y-0.5M"), (Duration{11, 15, 18'873, 0}));
  EXPECT_EQ(*parse_duration("PT-0.75M"), (Duration{0, 0, -45, 0}));
  // 3600 s less 0.6 ns: 3599.999999999 s.
  EXPECT_EQ(*parse_duration("PT1H-0.00000000001M"), (Duration{0, 0, 3599, 999'999'999}));
}

TEST(ParseDuration, DateTimeForm) {
  EXPECT_EQ(*parse_duration("P2012-02-02T14:37:21.545"),
            (Duration{2012 * 12 + 2, 2, 14 * 3600 + 37 * 60 + 21, 545'000'000}));
  EXPECT_EQ(*parse_duration("P20120202T143721"), *parse_duration("P2012Y2M2DT14H37M21S"));
  EXPECT_EQ(*parse_duration("P2012-02-02"), *parse_duration("P2012Y2M2D"));
  EXPECT_EQ(*parse_duration("PT14:37"), *parse_duration("PT14H37M"));
  EXPECT_EQ(*parse_duration("PT14"), *parse_duration("PT14H"));
  EXPECT_EQ(*parse_duration("PT1437"), *parse_duration("PT14H37M"));
  EXPECT_EQ(*parse_duration("PT143721,5"), *parse_duration("PT14H37M21.5S"));
  EXPECT_EQ(*parse_duration("-P0001-00-00T00:00:01"), (Duration{-12, 0, -1, 0}));
  EXPECT_EQ(*parse_duration("PT24:60:60"), (Duration{0, 0, 24 * 3600 + 3600 + 60, 0}));
  for (const char* s :
       {"P2012-13-01", "P2012-01-32", "PT25", "PT12:61", "PT12:00:61", "P2012-02-02T", "P2012-0202",
        "P12-02-02", "PT1:00", "PT14:37.5", "PT1437.5", "P2012-02-02T14:37:21.1234567890"}) {
    EXPECT_EQ(reformat(s), "refused") << s;
  }
}

TEST(ParseDuration, RefusesMalformed) {
  for (const char* s : {"",
                        "P",
                        "PT",
                        "P1DT",
                        "P1YT",
                        "-P",
                        "1Y",
                        "P1",
                        "P1.Y",
                        "P.5Y",
                        "P1.5Y2M",
                        "P1.5DT1H",
                        "PT1.5H1M",
                        "PT0.5M1S",
                        "P1H",
                        "PT1D",
                        "PT1Y",
                        "P1M1Y",
                        "P1Y1Y",
                        "PT1S1M",
                        "P1S",
                        "PT1.1234567890S",
                        "P 1Y",
                        "P1Y ",
                        "P--1Y",
                        "P+-1Y",
                        "PP1Y",
                        "P1YT1HT1M",
                        "P1Z",
                        "P1WT",
                        "P10000000000000000000Y",
                        "P999999999999999999Y",
                        "PT999999999999999999H"}) {
    EXPECT_EQ(reformat(s), "refused") << s;
  }
}

TEST(FormatDuration, AsNeo4jTck) {
  // Temporal6 [6]: duration(map) printed; the maps' values as stored.
  const std::pair<Duration, const char*> cases[] = {
      {{149, 14, 16 * 3600 + 12 * 60 + 70, 1}, "P12Y5M14DT16H13M10.000000001S"},
      {{149, -14, 16 * 3600, 0}, "P12Y5M-14DT16H"},
      {{0, 0, 660, 0}, "PT11M"},
      {{0, 0, 1, 999'000'000}, "PT1.999S"},
      {{0, 0, -2, 1'000'000}, "PT-1.999S"},
      {{0, 0, -3, 999'000'000}, "PT-2.001S"},
      {{0, 1, 0, 1'000'000}, "P1DT0.001S"},
      {{0, 1, -1, 999'000'000}, "P1DT-0.001S"},
      {{0, 0, 59, 999'000'000}, "PT59.999S"},
      {{0, 0, -60, 1'000'000}, "PT-59.999S"},
      {{0, 0, -61, 999'000'000}, "PT-1M-0.001S"},
      {{0, 14, 70, 1'000'000}, "P14DT1M10.001S"},
      {{0, 0, 91, 0}, "PT1M31S"},
      {{}, "PT0S"},
      {{-14, 0, 0, 0}, "P-1Y-2M"},
      {{0, 7, 0, 0}, "P7D"},
      {{0, 0, -3661, 0}, "PT-1H-1M-1S"},
      {{0, 0, -1, 500'000'000}, "PT-0.5S"},
      {{0, 0, 0, 500'000'000}, "PT0.5S"},
      {{0, 0, 86'400 * 2, 0}, "PT48H"},
      {{12, 0, 0, 0}, "P1Y"},
  };
  for (const auto& [d, text] : cases) {
    EXPECT_EQ(format_duration(d), text);
    EXPECT_EQ(parse_duration(text), d) << text;
  }
}

TEST(FormatDuration, RandomDurationsReadBack) {
  std::mt19937_64 random(11);
  const std::int64_t limits[] = {1, 100, 1'000'000, std::numeric_limits<std::int64_t>::max()};
  auto pick = [&](int i) {
    const std::int64_t limit = limits[i % 4];
    return std::uniform_int_distribution<std::int64_t>(-limit, limit)(random);
  };
  for (int i = 0; i < 20'000; ++i) {
    const Duration d{
        pick(i), pick(i / 4), pick(i / 16),
        static_cast<std::int32_t>(i % 3 == 0 ? 0 : std::abs(pick(3)) % kNanosPerSecond)};
    ASSERT_EQ(parse_duration(format_duration(d)), d) << format_duration(d);
  }
  const std::int64_t min = std::numeric_limits<std::int64_t>::min();
  const std::int64_t max = std::numeric_limits<std::int64_t>::max();
  for (const Duration& d : {Duration{min, min, min, 0}, Duration{max, max, max, 999'999'999},
                            Duration{min, 0, min, 999'999'999}}) {
    EXPECT_EQ(parse_duration(format_duration(d)), d) << format_duration(d);
  }
}

}  // namespace
}  // namespace guanxi::storage
