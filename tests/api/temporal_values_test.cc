// Temporal values through the embedding API: every temporal type goes in as
// a parameter and comes back from storage exactly as written (offset, named
// zone, nanoseconds), survives a reopen, is found through an index by the
// value it was written with, and a value the API cannot represent faithfully
// is refused before anything is written.
#include <gtest/gtest.h>

#include <string>

#include "guanxi/guanxi.h"
#include "tests/support/temp_dir.h"

namespace guanxi {
namespace {

using test_support::TempDir;

Options fast() {
  Options o;
  o.durable = false;
  return o;
}

// 2024-07-21T21:40:32.142857001 in Stockholm (summer: +02:00).
const DateTime kStockholm{1721590832, 142'857'001, 7200, "Europe/Stockholm"};

Params every_temporal() {
  return {{"d", Date::from_civil(1816, 12, 30)},
          {"lt", LocalTime{(21 * 3600 + 40 * 60 + 32) * 1'000'000'000LL + 1}},
          {"t", Time{(8 * 3600) * 1'000'000'000LL, -(5 * 3600 + 30 * 60)}},
          {"ldt", LocalDateTime{-5'000'000'000LL, 999'999'999}},
          {"dt", kStockholm},
          {"fixed", DateTime{0, 1, 3600 + 45 * 60, ""}},
          {"dur", Duration{14, -3, -1, 500'000'000}}};
}

TEST(TemporalValuesTest, EveryTypeIsStoredAndReadBackAsWritten) {
  TempDir dir;
  const std::string path = dir.path() / "db";
  const Params in = every_temporal();
  {
    auto db = Database::open(path, fast());
    auto session = db.session();
    session.execute(
        "CREATE (:E {d: $d, lt: $lt, t: $t, ldt: $ldt, dt: $dt, fixed: $fixed, dur: $dur})", in);
  }
  auto db = Database::open(path, fast());
  auto session = db.session();
  const auto rows = session.query("MATCH (e:E) RETURN e").all();
  ASSERT_EQ(rows.size(), 1u);
  const Node& e = rows[0]["e"].as_node();
  for (const auto& [key, value] : in) {
    EXPECT_EQ(e[key].type(), value.type()) << key;
    EXPECT_EQ(e[key].to_string(), value.to_string()) << key;
  }
  const DateTime& dt = e["dt"].as_datetime();
  EXPECT_EQ(dt.seconds, kStockholm.seconds);
  EXPECT_EQ(dt.nanos, kStockholm.nanos);
  EXPECT_EQ(dt.offset_seconds, 7200);
  EXPECT_EQ(dt.zone, "Europe/Stockholm");
  EXPECT_EQ(e["dt"].to_string(),
            "datetime('2024-07-21T21:40:32.142857001+02:00[Europe/Stockholm]')");
  EXPECT_EQ(e["lt"].as_local_time().nanos, in.at("lt").as_local_time().nanos);
  EXPECT_EQ(e["t"].as_time().offset_seconds, -(5 * 3600 + 30 * 60));
  EXPECT_EQ(e["ldt"].as_local_datetime().nanos, 999'999'999);
  EXPECT_EQ(e["dur"].as_duration().seconds, -1);
  EXPECT_EQ(e["dur"].as_duration().nanos, 500'000'000);
}

TEST(TemporalValuesTest, AZoneGivesItsOwnOffset) {
  TempDir dir;
  auto db = Database::open(dir.path() / "db", fast());
  auto session = db.session();
  // Written with a wrong offset: the zone decides, as openCypher says.
  DateTime winter{1704164645, 0, 0, "Europe/Stockholm"};
  const auto rows = session.query("RETURN $t AS t", {{"t", winter}}).all();
  EXPECT_EQ(rows.at(0)["t"].as_datetime().offset_seconds, 3600);
}

TEST(TemporalValuesTest, AnIndexFindsADatetimeByTheValueItWasWrittenWith) {
  TempDir dir;
  auto db = Database::open(dir.path() / "db", fast());
  auto session = db.session();
  session.execute("CREATE INDEX FOR (e:E) ON (e.at)");
  session.execute("UNWIND range(0, 99) AS i CREATE (:E {i: i, at: $base + duration({hours: i})})",
                  {{"base", kStockholm}});
  auto plan = session.query("EXPLAIN MATCH (e:E {at: $at}) RETURN e.i", {{"at", kStockholm}});
  ASSERT_NE(plan.plan(), nullptr);
  EXPECT_NE(plan.plan()->to_string().find("Index"), std::string::npos) << plan.plan()->to_string();
  auto rows = session.query("MATCH (e:E {at: $at}) RETURN e.i AS i", {{"at", kStockholm}}).all();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["i"].as_int(), 0);
  // The same instant at another offset is another value.
  const DateTime utc{kStockholm.seconds, kStockholm.nanos, 0, ""};
  EXPECT_TRUE(session.query("MATCH (e:E {at: $at}) RETURN e.i", {{"at", utc}}).all().empty());
  // A range over the index orders as Cypher does: by instant, then by
  // offset, so the first instant in UTC (an earlier local time) comes
  // before it in Stockholm.
  session.execute("CREATE (:E {i: 1000, at: $at})", {{"at", utc}});
  rows = session
             .query("MATCH (e:E) WHERE e.at >= $from AND e.at < $to RETURN count(*) AS n",
                    {{"from", kStockholm},
                     {"to", DateTime{kStockholm.seconds + 10 * 3600, 0, 7200, "Europe/Stockholm"}}})
             .all();
  EXPECT_EQ(rows.at(0)["n"].as_int(), 10);
  rows = session
             .query("MATCH (e:E) WHERE e.at < $first RETURN collect(e.i) AS i",
                    {{"first", kStockholm}})
             .all();
  EXPECT_EQ(rows.at(0)["i"].to_string(), "[1000]");
}

TEST(TemporalValuesTest, AValueTheApiCannotRepresentIsRefusedBeforeAnyWrite) {
  TempDir dir;
  auto db = Database::open(dir.path() / "db", fast());
  auto session = db.session();
  const Params bad[] = {
      {{"v", DateTime{0, 0, 0, "Mars/Olympus_Mons"}}},
      {{"v", DateTime{0, 1'000'000'000, 0, ""}}},
      {{"v", DateTime{0, 0, 19 * 3600, ""}}},
      {{"v", LocalTime{86'400'000'000'000LL}}},
      {{"v", Time{-1, 0}}},
      {{"v", LocalDateTime{0, -1}}},
      {{"v", Duration{0, 0, 0, 1'000'000'000}}},
  };
  for (const Params& params : bad) {
    try {
      session.execute("CREATE (:E {v: $v})", params);
      ADD_FAILURE() << params.at("v").to_string() << " was accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument) << e.what();
    }
  }
  EXPECT_EQ(session.query("MATCH (e:E) RETURN count(*) AS n").all().at(0)["n"].as_int(), 0);
}

}  // namespace
}  // namespace guanxi
