// Values as the TCK writes and compares them.
//
// Expected results are written in the TCK's notation: 42, 1.5, NaN, -Inf,
// 'text', [1, 2], {k: 'v'}, (:L1:L2 {p: 0}), [:T {p: 0}], and paths
// <(:A)-[:T]->(:B)<-[:U]-()>. Actual results convert to the same model:
// nodes and relationships by labels or type and properties (never by id),
// temporal values as the quoted openCypher string they print as (the TCK
// writes them that way). Integers and floats are different values here
// (1 is not 1.0), and NaN equals NaN.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "guanxi/value.h"

namespace guanxi::tck {

struct TckEntry;

struct TckValue {
  enum class Kind { kNull, kBool, kInt, kFloat, kString, kList, kMap, kNode, kRelationship, kPath };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::int64_t integer = 0;
  double number = 0;
  std::string text;                 // a string; a relationship's type
  std::vector<std::string> labels;  // a node's labels, sorted
  std::vector<TckValue> items;      // a list; a path's node, relationship, node, ...
  std::vector<TckEntry> entries;    // map or properties, sorted by key
  bool forward = true;              // a relationship in a path: pointing from the node before it
};

// One key of a map or of an entity's properties.
struct TckEntry {
  TckEntry(std::string k, TckValue v) : key(std::move(k)), value(std::move(v)) {}
  std::string key;
  TckValue value;
};

// Parses an expected value; throws std::runtime_error naming the spot.
TckValue parse_tck_value(std::string_view text);

// The TCK model of an actual value.
TckValue to_tck_value(const Value& value);

// A value to pass to the engine (a parameter, a test procedure's output);
// throws std::runtime_error for a node, relationship or path.
Value to_value(const TckValue& value);

// Equality as the TCK defines it; `unordered_lists` compares every list
// (nested ones too) as a bag.
bool tck_equal(const TckValue& a, const TckValue& b, bool unordered_lists);

// The value in TCK notation, for messages.
std::string to_string(const TckValue& value);

}  // namespace guanxi::tck
