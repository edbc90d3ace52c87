#include "query/expression/comparison.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

#include "tests/query/expression/test_support.h"

namespace guanxi::query::testing {
namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(CypherEquals, NullIsUnknown) {
  EXPECT_EQ(cypher_equals(Value(), Value()), std::nullopt);
  EXPECT_EQ(cypher_equals(Value(1), Value()), std::nullopt);
  EXPECT_EQ(cypher_equals(Value(), Value("a")), std::nullopt);
}

TEST(CypherEquals, NumbersCompareAcrossIntegerAndFloat) {
  EXPECT_EQ(cypher_equals(Value(1), Value(1.0)), true);
  EXPECT_EQ(cypher_equals(Value(1), Value(1.5)), false);
  EXPECT_EQ(cypher_equals(Value(kNaN), Value(kNaN)), false);
  // 2^53 + 1 is not representable as a double: no false equality by rounding.
  EXPECT_EQ(cypher_equals(Value(std::int64_t{9007199254740993}), Value(9007199254740992.0)), false);
}

TEST(CypherEquals, DifferentTypesAreUnequal) {
  EXPECT_EQ(cypher_equals(Value(1), Value("1")), false);
  EXPECT_EQ(cypher_equals(Value(true), Value(1)), false);
  EXPECT_EQ(cypher_equals(date("2024-01-01"), datetime("2024-01-01")), false);
}

TEST(CypherEquals, ListsElementwiseWithNulls) {
  EXPECT_EQ(cypher_equals(Value(List{1, 2}), Value(List{1.0, 2})), true);
  EXPECT_EQ(cypher_equals(Value(List{1, 2}), Value(List{1, 2, 3})), false);
  EXPECT_EQ(cypher_equals(Value(List{1, Value()}), Value(List{1, 2})), std::nullopt);
  EXPECT_EQ(cypher_equals(Value(List{2, Value()}), Value(List{1, 2})), false);
  EXPECT_EQ(cypher_equals(Value(List{Value()}), Value(List{Value()})), std::nullopt);
}

TEST(CypherEquals, MapsByKeysAndValues) {
  EXPECT_EQ(cypher_equals(Value::map({{"a", 1}}), Value::map({{"a", 1.0}})), true);
  EXPECT_EQ(cypher_equals(Value::map({{"a", 1}}), Value::map({{"b", 1}})), false);
  EXPECT_EQ(cypher_equals(Value::map({{"a", Value()}}), Value::map({{"a", 1}})), std::nullopt);
}

TEST(CypherEquals, GraphValuesByIdentity) {
  EXPECT_EQ(cypher_equals(Value(NodeRef{1}), Value(NodeRef{1})), true);
  EXPECT_EQ(cypher_equals(Value(NodeRef{1}), Value(NodeRef{2})), false);
  EXPECT_EQ(cypher_equals(Value(RelRef{5, 1, 2, 0}), Value(RelRef{5, 1, 2, 0})), true);
}

TEST(CompareValues, ComparableKinds) {
  EXPECT_EQ(compare_values(Value(1), Value(2.5)), -1);
  EXPECT_EQ(compare_values(Value(3), Value(3.0)), 0);
  EXPECT_EQ(compare_values(Value("b"), Value("a")), 1);
  EXPECT_EQ(compare_values(Value(false), Value(true)), -1);
  EXPECT_EQ(compare_values(date("2024-01-01"), date("2023-12-31")), 1);
  EXPECT_EQ(compare_values(Value(List{1, 2}), Value(List{1, 3})), -1);
  EXPECT_EQ(compare_values(Value(List{1, 2}), Value(List{1, 2, 0})), -1);
}

TEST(CompareValues, IncomparableIsNullopt) {
  EXPECT_EQ(compare_values(Value(1), Value("1")), std::nullopt);
  EXPECT_EQ(compare_values(Value(), Value(1)), std::nullopt);
  EXPECT_EQ(compare_values(duration("P1D"), duration("P2D")), std::nullopt);
  EXPECT_EQ(compare_values(Value::map({}), Value::map({})), std::nullopt);
  EXPECT_EQ(compare_values(Value(NodeRef{1}), Value(NodeRef{2})), std::nullopt);
  EXPECT_EQ(compare_values(date("2024-01-01"), datetime("2024-01-01")), std::nullopt);
  EXPECT_EQ(compare_values(Value(List{1, Value()}), Value(List{1, 2})), std::nullopt);
  EXPECT_EQ(compare_values(Value(kNaN), Value(1)), std::nullopt);
}

TEST(EvaluateComparison, OperatorsAndNaN) {
  using ast::BinaryOp;
  EXPECT_EQ(evaluate_comparison(BinaryOp::kLt, Value(1), Value(2)), true);
  EXPECT_EQ(evaluate_comparison(BinaryOp::kGe, Value(2), Value(2.0)), true);
  EXPECT_EQ(evaluate_comparison(BinaryOp::kGt, Value(1), Value("a")), std::nullopt);
  EXPECT_EQ(evaluate_comparison(BinaryOp::kNe, Value(1), Value("a")), true);
  EXPECT_EQ(evaluate_comparison(BinaryOp::kNe, Value(), Value(1)), std::nullopt);
  EXPECT_EQ(evaluate_comparison(BinaryOp::kLt, Value(kNaN), Value(1)), false);
  EXPECT_EQ(evaluate_comparison(BinaryOp::kGe, Value(kNaN), Value(kNaN)), false);
  EXPECT_EQ(evaluate_comparison(BinaryOp::kNe, Value(kNaN), Value(kNaN)), true);
  EXPECT_EQ(evaluate_comparison(BinaryOp::kLe, Value(), Value()), std::nullopt);
}

TEST(OrderCompare, TypesInOpenCypherOrderNullsLast) {
  std::vector<Value> sorted = {Value::map({{"a", 1}}),
                               Value(NodeRef{1}),
                               Value(RelRef{1, 1, 2, 0}),
                               Value(List{1}),
                               Value(PathValue{{NodeRef{1}}, {}}),
                               datetime("2024-01-01T00:00:00Z"),
                               date("2024-01-01"),
                               duration("P1D"),
                               Value("a"),
                               Value(false),
                               Value(true),
                               Value(-1),
                               Value(1.5),
                               Value(kNaN),
                               Value()};
  std::vector<Value> shuffled = sorted;
  std::reverse(shuffled.begin(), shuffled.end());
  std::swap(shuffled[2], shuffled[9]);
  std::stable_sort(shuffled.begin(), shuffled.end(),
                   [](const Value& a, const Value& b) { return order_compare(a, b) < 0; });
  for (size_t i = 0; i < sorted.size(); ++i) EXPECT_EQ(str(shuffled[i]), str(sorted[i])) << i;
}

TEST(OrderCompare, WithinTypes) {
  EXPECT_LT(order_compare(Value(1), Value(1.5)), 0);
  EXPECT_EQ(order_compare(Value(2), Value(2.0)), 0);
  EXPECT_GT(order_compare(Value(kNaN), Value(std::numeric_limits<double>::infinity())), 0);
  EXPECT_LT(order_compare(Value("B"), Value("a")), 0);
  EXPECT_LT(order_compare(Value(List{1, 2}), Value(List{1, 2, 3})), 0);
  EXPECT_GT(order_compare(Value(List{1, Value()}), Value(List{1, 2})), 0);
  EXPECT_LT(order_compare(duration("P1M"), duration("P2M")), 0);
  EXPECT_EQ(order_compare(Value(), Value()), 0);
}

TEST(OrderCompare, MapsGraphValuesTemporalsAndLargeNumbers) {
  // Maps entry by entry: key first, then value, then the shorter first.
  EXPECT_LT(order_compare(Value::map({{"a", 2}}), Value::map({{"b", 1}})), 0);
  EXPECT_LT(order_compare(Value::map({{"a", 1}}), Value::map({{"a", 2}})), 0);
  EXPECT_LT(order_compare(Value::map({{"a", 1}}), Value::map({{"a", 1}, {"b", 0}})), 0);
  // Nodes and relationships by id, whatever else they hold.
  EXPECT_LT(order_compare(Value(NodeRef{1}), Value(NodeRef{2})), 0);
  EXPECT_EQ(order_compare(Value(RelRef{7, 1, 2, 0}), Value(RelRef{7, 3, 4, 1})), 0);
  // Paths node by node and relationship by relationship, then by length.
  const Value short_path(PathValue{{NodeRef{1}}, {}});
  const Value long_path(PathValue{{NodeRef{1}, NodeRef{2}}, {RelRef{5, 1, 2, 0}}});
  const Value other_rel(PathValue{{NodeRef{1}, NodeRef{2}}, {RelRef{6, 1, 2, 0}}});
  EXPECT_LT(order_compare(short_path, long_path), 0);
  EXPECT_LT(order_compare(long_path, other_rel), 0);
  EXPECT_EQ(order_compare(long_path, long_path), 0);
  EXPECT_LT(order_compare(date("2024-01-01"), date("2024-01-02")), 0);
  EXPECT_LT(order_compare(datetime("2024-01-01T00:00:00Z"), datetime("2024-01-01T00:00:01Z")), 0);
  // Beyond 2^53 an integer differs from the nearest float.
  EXPECT_GT(order_compare(Value(std::int64_t{9007199254740993}), Value(9007199254740992.0)), 0);
  EXPECT_LT(order_compare(Value(9007199254740992.0), Value(std::int64_t{9007199254740993})), 0);
}

TEST(Equivalence, NullsGroupTogetherAndNumbersByValue) {
  EXPECT_TRUE(equivalent(Value(), Value()));
  EXPECT_TRUE(equivalent(Value(1), Value(1.0)));
  EXPECT_TRUE(equivalent(Value(kNaN), Value(kNaN)));
  EXPECT_TRUE(equivalent(Value(List{1, Value()}), Value(List{1.0, Value()})));
  EXPECT_FALSE(equivalent(Value(1), Value("1")));
  EXPECT_FALSE(equivalent(Value(), Value(0)));
  EXPECT_EQ(value_hash(Value(1)), value_hash(Value(1.0)));
  EXPECT_EQ(value_hash(Value(List{1, 2})), value_hash(Value(List{1.0, 2.0})));
  EXPECT_EQ(value_hash(Value(kNaN)), value_hash(Value(-kNaN)));
  EXPECT_NE(value_hash(Value("a")), value_hash(Value("b")));
  EXPECT_NE(value_hash(Value(1)), value_hash(Value(1.5)));
}

TEST(Equivalence, WorksAsUnorderedSetKey) {
  std::unordered_set<Value, ValueHash, ValueEquivalent> set;
  for (const Value& v : {Value(1), Value(1.0), Value(), Value(), Value("x"), Value(2), Value(2.0)})
    set.insert(v);
  EXPECT_EQ(set.size(), 4u);
  std::unordered_set<Row, RowHash, RowEquivalent> rows;
  rows.insert(Row{Value(1), Value()});
  rows.insert(Row{Value(1.0), Value()});
  rows.insert(Row{Value(1), Value(0)});
  EXPECT_EQ(rows.size(), 2u);
}

}  // namespace
}  // namespace guanxi::query::testing
