// openCypher equality, comparison and ordering of query values.
//
// Three different relations, as openCypher defines them:
//  - equality (=, <>, IN, CASE): null is unknown, 1 = 1.0, NaN <> NaN;
//  - comparison (<, <=, >, >=): defined only within numbers, strings,
//    booleans, one temporal type, or lists of those; otherwise unknown;
//  - orderability (ORDER BY, min, max): a total order over every value,
//    types ordered MAP < NODE < RELATIONSHIP < LIST < PATH < DATETIME
//    < LOCALDATETIME < DATE < TIME < LOCALTIME < DURATION < STRING < BOOLEAN
//    < NUMBER < NULL (nulls last ascending, NaN above every other number; a
//    datetime by its instant, a time by its time of day in UTC);
// plus equivalence (DISTINCT, grouping keys, UNION): null equivalent to null,
// 1 to 1.0, NaN to NaN, with a hash that agrees with it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "query/ast.h"
#include "query/value.h"

namespace guanxi::query {

// a = b in openCypher: nullopt when the answer is unknown (a null is
// involved, or lists that differ only where a null is).
std::optional<bool> cypher_equals(const Value& a, const Value& b);

// The sign of a compared with b (-1, 0, 1) when openCypher can compare them;
// nullopt when either is null, the types are not comparable (an INTEGER and
// a STRING, two maps, two durations), or a NaN is involved.
std::optional<int> compare_values(const Value& a, const Value& b);

// The result of a comparison operator (kEq, kNe, kLt, kLe, kGt, kGe):
// true, false or nullopt for null. Comparisons with NaN are false.
std::optional<bool> evaluate_comparison(ast::BinaryOp op, const Value& a, const Value& b);

// The total ORDER BY order: negative, zero or positive as a sorts before,
// together with, or after b in ascending order.
int order_compare(const Value& a, const Value& b);

// Equivalence for DISTINCT and grouping, and a hash consistent with it.
bool equivalent(const Value& a, const Value& b);
std::uint64_t value_hash(const Value& value);

// Function objects for unordered containers keyed by equivalence.
struct ValueHash {
  std::size_t operator()(const Value& v) const { return static_cast<std::size_t>(value_hash(v)); }
};
struct ValueEquivalent {
  bool operator()(const Value& a, const Value& b) const { return equivalent(a, b); }
};
// The same for rows of grouping keys.
struct RowHash {
  std::size_t operator()(const Row& row) const;
};
struct RowEquivalent {
  bool operator()(const Row& a, const Row& b) const;
};

}  // namespace guanxi::query
