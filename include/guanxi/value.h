// guanxi::Value: one typed value of a query result or parameter.
//
// A value is self-contained: a node carries its id, labels and properties, a
// relationship its endpoints, type and properties, so a value stays valid
// after its Result is gone. Values print as Cypher literals and compare with
// ==, < and friends:
//
//   for (const auto& row : session.query("MATCH (c:Customer) RETURN c, c.name AS name"))
//     std::cout << row["name"] << ' ' << row["c"] << '\n';
//   // 'Ada' (:Customer {age: 36, name: 'Ada'})
//
// Parameters are values too, built implicitly: {{"k", 10}, {"name", "Ada"},
// {"ids", guanxi::List{1, 2, 3}}}.
#pragma once

#include <compare>
#include <concepts>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace guanxi {

enum class Type : std::uint8_t {
  kNull,
  kBool,
  kInt,
  kFloat,
  kString,
  kList,
  kMap,
  kDate,
  kDateTime,
  kDuration,
  kLocalTime,
  kTime,
  kLocalDateTime,
  kNode,
  kRelationship,
  kPath,
};

// How deeply lists and maps may nest in a parameter or a value a statement
// builds: a scalar nests 0 levels, [1] one, [[1]] and [{a: 1}] two. Deeper
// values are refused with ErrorCode::kLimit (a query that builds one fails;
// a parameter that is one fails its statement).
inline constexpr int kMaxValueNesting = 1000;

// The openCypher name of a type: "NULL", "BOOLEAN", "INTEGER", "FLOAT",
// "STRING", "LIST", "MAP", "DATE", "DATETIME", "DURATION", "LOCALTIME",
// "TIME", "LOCALDATETIME", "NODE", "RELATIONSHIP", "PATH".
const char* type_name(Type type);

// A calendar date: days since 1970-01-01 (proleptic Gregorian).
struct Date {
  std::int64_t days = 0;
  // Builds the date year-month-day; month 1-12, day 1-31 (not checked further).
  static Date from_civil(std::int64_t year, unsigned month, unsigned day);
  // "2024-01-31".
  std::string to_string() const;
  friend bool operator==(const Date&, const Date&) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy takes the 0 it compares with for one
  friend auto operator<=>(const Date&, const Date&) = default;
};

// A time of day without a zone: nanoseconds since midnight, [0, 86400e9).
struct LocalTime {
  std::int64_t nanos = 0;
  // "21:40:32.142" (seconds always; the fraction only when nonzero).
  std::string to_string() const;
  friend bool operator==(const LocalTime&, const LocalTime&) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy takes the 0 it compares with for one
  friend auto operator<=>(const LocalTime&, const LocalTime&) = default;
};

// A time of day at an offset from UTC: the local time of day in nanoseconds
// since midnight and the offset in seconds east of UTC.
struct Time {
  std::int64_t nanos = 0;
  std::int32_t offset_seconds = 0;
  // "21:40:32.142+01:00", "08:00:00Z".
  std::string to_string() const;
  friend bool operator==(const Time&, const Time&) = default;
};

// A date and time of day without a zone: the wall-clock reading as seconds
// since 1970-01-01T00:00:00 and nanoseconds [0, 1e9).
struct LocalDateTime {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;
  // "2015-07-21T21:40:32.142".
  std::string to_string() const;
  friend bool operator==(const LocalDateTime&, const LocalDateTime&) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy takes the 0 it compares with for one
  friend auto operator<=>(const LocalDateTime&, const LocalDateTime&) = default;
};

// An instant and the zone it was written in: seconds since
// 1970-01-01T00:00:00Z and nanoseconds [0, 1e9), the offset east of UTC in
// effect then, and the IANA zone name ("Europe/Stockholm"), empty for a
// fixed offset. As a parameter, a zone name that is not in the time zone
// database fails the statement (kInvalidArgument); with a zone, the offset
// is taken from the zone.
struct DateTime {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;
  std::int32_t offset_seconds = 0;
  std::string zone;
  // The UTC instant `seconds` + `nanos`, at offset 0 ("...Z").
  static DateTime from_unix(std::int64_t seconds, std::int32_t nanos = 0);
  // "2015-07-21T21:40:32.142+01:00", "2015-07-21T20:40:32Z",
  // "2015-07-21T21:40:32.142+02:00[Europe/Stockholm]": the local time at the
  // offset, then the offset and the zone.
  std::string to_string() const;
  friend bool operator==(const DateTime&, const DateTime&) = default;
};

// An amount of time as openCypher keeps it: months and days apart from the
// exact part, because their length in seconds varies. The exact part is
// seconds and nanoseconds [0, 1e9): -0.5 s is {seconds -1, nanos 500000000}.
struct Duration {
  std::int64_t months = 0;
  std::int64_t days = 0;
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;
  // ISO 8601: "P1M2DT3S", "PT-0.5S"; "PT0S" for zero.
  std::string to_string() const;
  friend bool operator==(const Duration&, const Duration&) = default;
};

class Value;
using List = std::vector<Value>;
// Entries sorted by key, keys unique.
using Map = std::vector<std::pair<std::string, Value>>;

// A node as of the statement that returned it.
struct Node {
  std::uint64_t id = 0;
  std::vector<std::string> labels;  // sorted
  Map properties;                   // sorted by key
  bool has_label(std::string_view label) const;
  // The property `key`, or a null value when the node has none.
  const Value& operator[](std::string_view key) const;
};

// A relationship (relationship) as of the statement that returned it.
struct Relationship {
  std::uint64_t id = 0;
  std::uint64_t start = 0;  // node id of the start node
  std::uint64_t end = 0;    // node id of the end node
  std::string type;
  Map properties;  // sorted by key
  // The property `key`, or a null value when the relationship has none.
  const Value& operator[](std::string_view key) const;
};

// A path: nodes.size() == relationships.size() + 1; relationship i joins
// nodes i and i + 1 in either direction (its start and end say which).
struct Path {
  std::vector<Node> nodes;
  std::vector<Relationship> relationships;
  std::size_t length() const { return relationships.size(); }
};

class Value {
 public:
  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : v_(b) {}
  // Any integer type but bool and char types.
  template <std::integral I>
  requires(!std::same_as<I, bool> && !std::same_as<I, char>) Value(I i)
      : v_(static_cast<std::int64_t>(i)) {}
  Value(double d) : v_(d) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(std::string_view s) : v_(std::string(s)) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(List l) : v_(std::move(l)) {}
  Value(Date d) : v_(d) {}
  Value(DateTime d) : v_(std::move(d)) {}
  Value(Duration d) : v_(d) {}
  Value(LocalTime t) : v_(t) {}
  Value(Time t) : v_(t) {}
  Value(LocalDateTime t) : v_(t) {}
  Value(Node n) : v_(std::move(n)) {}
  Value(Relationship r) : v_(std::move(r)) {}
  Value(Path p) : v_(std::move(p)) {}

  // A map value from entries in any order; a later duplicate key wins.
  static Value map(Map entries);

  Type type() const { return static_cast<Type>(v_.index()); }
  bool is_null() const { return type() == Type::kNull; }
  bool is_number() const { return type() == Type::kInt || type() == Type::kFloat; }

  // Typed access. Each requires the matching type() and throws guanxi::Error
  // (kType, "expected INTEGER, got STRING") otherwise; as_number() accepts an
  // integer or a float.
  bool as_bool() const;
  std::int64_t as_int() const;
  double as_float() const;
  double as_number() const;
  const std::string& as_string() const;
  const List& as_list() const;
  const Map& as_map() const;
  Date as_date() const;
  const DateTime& as_datetime() const;
  Duration as_duration() const;
  LocalTime as_local_time() const;
  Time as_time() const;
  LocalDateTime as_local_datetime() const;
  const Node& as_node() const;
  const Relationship& as_relationship() const;
  const Path& as_path() const;

  // An entry of a map, or a property of a node or relationship; a null value
  // when absent. Throws Error (kType) for other types.
  const Value& operator[](std::string_view key) const;
  // An element of a list; throws Error (kType) for other types and
  // Error (kInvalidArgument) when `index` is out of range.
  const Value& operator[](std::size_t index) const;

  // The value as a Cypher literal: null, true, 42, 1.5, 1.0, 'it\'s',
  // [1, 2], {a: 1, b: 'x'}, date('2024-01-31'), localtime('12:00:00'),
  // time('12:00:00+01:00'), localdatetime('2024-01-31T12:00:00'),
  // datetime('2024-01-31T12:00:00Z'), duration('P1M2DT3S'); a node as
  // (:Customer {name: 'Ada'}), a relationship as [:KNOWS {since: 2020}], a
  // path as (..)-[..]->(..)<-[..]-(..). Labels and keys are sorted.
  std::string to_string() const;

  // Equality and a total order, so values can be sorted and used as keys:
  // an integer equals the float of the same value (1 == 1.0), null equals
  // null, nodes and relationships are equal when their ids are. The order is
  // Cypher's ORDER BY: map < node < relationship < list < path < datetime
  // < localdatetime < date < time < localtime < duration < string < boolean
  // < number < null; within a type by value (NaN after all numbers;
  // datetimes and times by instant, then offset).
  friend bool operator==(const Value& a, const Value& b) { return compare(a, b) == 0; }
  friend std::weak_ordering operator<=>(const Value& a, const Value& b) {
    return compare(a, b) <=> 0;
  }

 private:
  static int compare(const Value& a, const Value& b);

  std::variant<std::monostate, bool, std::int64_t, double, std::string, List, Map, Date, DateTime,
               Duration, LocalTime, Time, LocalDateTime, Node, Relationship, Path>
      v_;
};

// Writes value.to_string().
std::ostream& operator<<(std::ostream& out, const Value& value);

}  // namespace guanxi
