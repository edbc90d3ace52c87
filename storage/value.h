// Value: the typed property value stored on nodes and relationships.
//
// The set of types is fixed by the on-disk format (DESIGN.md): null, bool,
// int64, double, string, list, map, the temporal types (date, localtime,
// time, localdatetime, datetime, duration), and the sealed form of a tagged value (value_cipher.h).
// Values are cheap to move and compare; equality is structural (an int and a float are different
// values here; query semantics that equate 1 and 1.0 live above storage).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace guanxi::storage {

// The temporal types of openCypher. Each keeps what was written: nanosecond
// precision, and for the zoned types the offset and the named zone, so a
// value reads back as it was stored (storage/temporal.h parses and prints
// them; storage/time_zone.h resolves named zones).
inline constexpr std::int64_t kNanosPerSecond = 1'000'000'000;
inline constexpr std::int64_t kSecondsPerDay = 86'400;
inline constexpr std::int64_t kNanosPerDay = kSecondsPerDay * kNanosPerSecond;

// A calendar date: days since 1970-01-01 (proleptic Gregorian).
struct Date {
  std::int64_t days = 0;
  friend bool operator==(const Date&, const Date&) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy takes the 0 it compares with for one
  friend auto operator<=>(const Date&, const Date&) = default;
};

// A time of day without a zone: nanoseconds since midnight, [0, kNanosPerDay).
struct LocalTime {
  std::int64_t nanos = 0;
  friend bool operator==(const LocalTime&, const LocalTime&) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy takes the 0 it compares with for one
  friend auto operator<=>(const LocalTime&, const LocalTime&) = default;
};

// A time of day at a UTC offset: the local time of day in nanoseconds since
// midnight, [0, kNanosPerDay), and the offset in seconds east of UTC.
struct Time {
  std::int64_t nanos = 0;
  std::int32_t offset_seconds = 0;
  friend bool operator==(const Time&, const Time&) = default;
};

// A date and time of day without a zone: the wall-clock reading as seconds
// since 1970-01-01T00:00:00 and nanoseconds [0, 1e9).
struct LocalDateTime {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;
  friend bool operator==(const LocalDateTime&, const LocalDateTime&) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy takes the 0 it compares with for one
  friend auto operator<=>(const LocalDateTime&, const LocalDateTime&) = default;
};

// An instant with the zone it was written in: seconds since
// 1970-01-01T00:00:00Z and nanoseconds [0, 1e9); the offset east of UTC in
// effect at that instant; and the named zone (time_zone.h's id, 0 when the
// value has a fixed offset only). Two values are equal when all four are:
// the same instant in Stockholm and at +01:00 are different values, as in
// openCypher.
struct DateTime {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;
  std::int32_t offset_seconds = 0;
  std::uint32_t zone = 0;
  friend bool operator==(const DateTime&, const DateTime&) = default;
};

// A datetime's instant in microseconds since the epoch, nanoseconds cut
// toward the past: what the audit log and the consent history keep.
inline std::int64_t unix_micros(const DateTime& t) {
  return t.seconds * 1'000'000 + t.nanos / 1000;
}
// The UTC instant `micros` microseconds since the epoch, at offset 0.
inline DateTime datetime_from_unix_micros(std::int64_t micros) {
  std::int64_t seconds = micros / 1'000'000, rest = micros % 1'000'000;
  if (rest < 0) rest += 1'000'000, --seconds;
  return DateTime{seconds, static_cast<std::int32_t>(rest * 1000), 0, 0};
}

// A calendar-aware amount of time, as in openCypher: months and days are kept
// apart from the exact part because their length in seconds varies. The
// exact part is seconds and nanoseconds [0, 1e9): -0.5 seconds is
// {seconds -1, nanos 500000000}.
struct Duration {
  std::int64_t months = 0;
  std::int64_t days = 0;
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;
  friend bool operator==(const Duration&, const Duration&) = default;
};

// A tagged value as stored: encrypted under its subject's key, beside a
// keyed fingerprint of the value (value_cipher.h). Only the cipher can read
// it; everything else sees an opaque value, so no path around the query
// layer's access decision reveals a tagged value.
struct Sealed {
  // Keyed hash of the value's index encoding: equal values, equal
  // fingerprints; indexes and unique constraints key on it.
  std::array<unsigned char, 16> fingerprint{};
  std::string box;  // 24-byte nonce, then the XChaCha20-Poly1305 ciphertext
  friend bool operator==(const Sealed&, const Sealed&) = default;
};

// What a sealed value belongs to: its additional data names the entity.
enum class SealedEntity : std::uint8_t { kNode = 'n', kRelationship = 'r' };

enum class ValueType : std::uint8_t {
  kNull = 0,
  kBool = 1,
  kInt = 2,
  kFloat = 3,
  kString = 4,
  kList = 5,
  kMap = 6,
  kDate = 7,
  kDateTime = 8,
  kDuration = 9,
  kSealed = 10,
  kLocalTime = 11,
  kTime = 12,
  kLocalDateTime = 13,
};

// Returns the openCypher-style name of a type, e.g. "INTEGER", "STRING".
const char* value_type_name(ValueType type);

class Value;
using List = std::vector<Value>;
// Map entries are kept sorted by key with unique keys (see Value::map()).
using Map = std::vector<std::pair<std::string, Value>>;

class Value {
 public:
  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : v_(b) {}
  Value(int i) : v_(static_cast<std::int64_t>(i)) {}
  Value(std::int64_t i) : v_(i) {}
  Value(double d) : v_(d) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(std::string_view s) : v_(std::string(s)) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(List l) : v_(std::move(l)) {}
  Value(Date d) : v_(d) {}
  Value(DateTime d) : v_(d) {}
  Value(Duration d) : v_(d) {}
  Value(Sealed s) : v_(std::move(s)) {}
  Value(LocalTime t) : v_(t) {}
  Value(Time t) : v_(t) {}
  Value(LocalDateTime t) : v_(t) {}

  // Builds a map value; entries are sorted by key, and a later duplicate key
  // replaces an earlier one.
  static Value map(Map entries);

  ValueType type() const { return static_cast<ValueType>(v_.index()); }
  bool is_null() const { return type() == ValueType::kNull; }

  // Accessors; each requires the matching type() (checked: throws
  // StorageError kInvalidArgument otherwise).
  bool as_bool() const;
  std::int64_t as_int() const;
  double as_float() const;
  const std::string& as_string() const;
  const List& as_list() const;
  const Map& as_map() const;
  Date as_date() const;
  DateTime as_datetime() const;
  Duration as_duration() const;
  const Sealed& as_sealed() const;
  LocalTime as_local_time() const;
  Time as_time() const;
  LocalDateTime as_local_datetime() const;

  // A readable literal: 42, 1.5, "text", [1, 2], {a: 1}, date("2024-01-31"),
  // datetime("2024-01-31T12:00:00Z"), duration("P1M2DT3S").
  std::string to_string() const;

  friend bool operator==(const Value& a, const Value& b) { return a.v_ == b.v_; }

 private:
  std::variant<std::monostate, bool, std::int64_t, double, std::string, List, Map, Date, DateTime,
               Duration, Sealed, LocalTime, Time, LocalDateTime>
      v_;
  friend class ValueCodec;
};

// A property as stored: a dictionary key id and its value.
struct Property {
  std::uint32_t key = 0;
  Value value;
  friend bool operator==(const Property&, const Property&) = default;
};
using PropertyList = std::vector<Property>;  // sorted by key, unique keys

}  // namespace guanxi::storage
