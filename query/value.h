// Value: the typed value a query computes with.
//
// It extends the property types of storage::Value with the graph types a
// query produces: nodes, relationships and paths (held by id; their
// properties are read through the PropertyReader, never copied in here).
// Equality here is structural (1 and 1.0 differ); the openCypher equality,
// comparison and ordering rules (where 1 = 1.0, and null is unknown) live in
// query/expression/comparison.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "storage/ids.h"
#include "storage/value.h"

namespace guanxi::query {

using storage::Date;
using storage::DateTime;
using storage::Duration;
using storage::LocalDateTime;
using storage::LocalTime;
using storage::Time;

struct NodeRef {
  storage::NodeId id = 0;
  friend bool operator==(const NodeRef&, const NodeRef&) = default;
};

// A relationship with its endpoints and type, so that startNode(), endNode()
// and type() need no read of the relationship record (most have none).
using RelRef = storage::RelationshipRef;

// An alternating sequence node, rel, node, ...: nodes.size() == rels.size() + 1.
struct PathValue {
  std::vector<NodeRef> nodes;
  std::vector<RelRef> rels;
  friend bool operator==(const PathValue&, const PathValue&) = default;
};

enum class ValueKind : std::uint8_t {
  kNull = 0,
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

// The openCypher type name of a kind: "NULL", "BOOLEAN", "INTEGER", "FLOAT",
// "STRING", "LIST", "MAP", "DATE", "DATETIME", "DURATION", "LOCALTIME",
// "TIME", "LOCALDATETIME", "NODE", "RELATIONSHIP", "PATH".
const char* value_kind_name(ValueKind kind);

class Value;
using List = std::vector<Value>;
// Entries sorted by key, keys unique (see Value::map()).
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
  Value(LocalTime t) : v_(t) {}
  Value(Time t) : v_(t) {}
  Value(LocalDateTime t) : v_(t) {}
  Value(NodeRef n) : v_(n) {}
  Value(RelRef r) : v_(r) {}
  Value(PathValue p) : v_(std::move(p)) {}

  // Builds a map value: entries sorted by key; a later duplicate key wins.
  static Value map(Map entries);

  ValueKind kind() const { return static_cast<ValueKind>(v_.index()); }
  bool is_null() const { return kind() == ValueKind::kNull; }
  bool is_number() const { return kind() == ValueKind::kInt || kind() == ValueKind::kFloat; }

  // Accessors; each requires the matching kind() and throws QueryError
  // (kType) otherwise. as_number() accepts an int or a float.
  bool as_bool() const;
  std::int64_t as_int() const;
  double as_float() const;
  double as_number() const;
  const std::string& as_string() const;
  std::string& as_string();
  const List& as_list() const;
  List& as_list();
  const Map& as_map() const;
  Date as_date() const;
  DateTime as_datetime() const;
  Duration as_duration() const;
  LocalTime as_local_time() const;
  Time as_time() const;
  LocalDateTime as_local_datetime() const;
  NodeRef as_node() const;
  RelRef as_relationship() const;
  const PathValue& as_path() const;

  // Looks up `key` in a map value; nullptr when absent.
  const Value* find(std::string_view key) const;

  // A Cypher literal: 42, 1.5, 1.0, 'text', [1, 2], {a: 1}, date('2024-01-31'),
  // (node 7), [rel 3], (node 1)-[rel 3]->(node 2). Nodes and relationships
  // print by id only: their labels and properties need the database (see the
  // shell). Floats print as Java (Neo4j) does: shortest round-trip digits,
  // 1.0E7 and 1.0E-4 outside [1e-3, 1e7), NaN, Infinity, -Infinity.
  std::string to_string() const;

  friend bool operator==(const Value& a, const Value& b) { return a.v_ == b.v_; }

 private:
  std::variant<std::monostate, bool, std::int64_t, double, std::string, List, Map, Date, DateTime,
               Duration, LocalTime, Time, LocalDateTime, NodeRef, RelRef, PathValue>
      v_;
};

// How deeply lists and maps may nest in a value a statement builds or is
// given: a scalar nests 0 levels, [1] one, [[1]] and [{a: 1}] two. The walks
// over a value (printing, comparison, hashing, conversion, copying and
// destruction) recurse once per level, so a bound on the levels is a bound
// on their stack; 1,000 levels stay far inside any thread's stack. Every
// place that puts a value inside a new list or map checks it
// (check_value_nesting).
inline constexpr int kMaxValueNesting = 1000;

// Throws QueryError (kLimit) when `value`, put inside `enclosing_levels`
// lists or maps, would nest more than kMaxValueNesting levels deep. The walk
// is iterative (any depth is safe to check) and visits each list element and
// map entry at most once.
void check_value_nesting(const Value& value, int enclosing_levels = 0);

// Converts a stored property value (exact; lists and maps recursively).
Value from_storage(const storage::Value& value);
// Converts a value to be stored as a property. Nodes, relationships, paths,
// and lists or maps containing them, cannot be stored: throws QueryError
// (kType) naming the offending type.
storage::Value to_storage(const Value& value);

// One row flowing between operators: a slot per variable, numbered by the binder.
using Row = std::vector<Value>;

}  // namespace guanxi::query
