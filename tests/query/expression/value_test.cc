#include <cmath>
#include <limits>

#include "tests/query/expression/test_support.h"

namespace guanxi::query::testing {
namespace {

TEST(ValueToString, Scalars) {
  EXPECT_EQ(str(Value()), "null");
  EXPECT_EQ(str(Value(true)), "true");
  EXPECT_EQ(str(Value(false)), "false");
  EXPECT_EQ(str(Value(42)), "42");
  EXPECT_EQ(str(Value(std::int64_t{-9223372036854775807LL - 1})), "-9223372036854775808");
}

TEST(ValueToString, FloatsAreShortestWithFraction) {
  EXPECT_EQ(str(Value(1.0)), "1.0");
  EXPECT_EQ(str(Value(1.5)), "1.5");
  EXPECT_EQ(str(Value(0.1)), "0.1");
  EXPECT_EQ(str(Value(-2.25)), "-2.25");
  EXPECT_EQ(str(Value(0.1 + 0.2)), "0.30000000000000004");
  EXPECT_EQ(str(Value(100.0)), "100.0");
  EXPECT_EQ(str(Value(1234567.0)), "1234567.0");
  EXPECT_EQ(str(Value(0.001)), "0.001");
  EXPECT_EQ(str(Value(0.0)), "0.0");
  EXPECT_EQ(str(Value(3.141592653589793)), "3.141592653589793");
}

TEST(ValueToString, FloatsOutsideTheFixedRangeUseJavaScientificForm) {
  EXPECT_EQ(str(Value(1e7)), "1.0E7");
  EXPECT_EQ(str(Value(1.5e20)), "1.5E20");
  EXPECT_EQ(str(Value(0.0001)), "1.0E-4");
  EXPECT_EQ(str(Value(-2.5e-10)), "-2.5E-10");
}

TEST(ValueToString, NonFiniteFloats) {
  EXPECT_EQ(str(Value(std::numeric_limits<double>::quiet_NaN())), "NaN");
  EXPECT_EQ(str(Value(std::numeric_limits<double>::infinity())), "Infinity");
  EXPECT_EQ(str(Value(-std::numeric_limits<double>::infinity())), "-Infinity");
}

TEST(ValueToString, StringsAreSingleQuotedAndEscaped) {
  EXPECT_EQ(str(Value("text")), "'text'");
  EXPECT_EQ(str(Value("it's")), "'it\\'s'");
  EXPECT_EQ(str(Value("a\\b")), "'a\\\\b'");
  EXPECT_EQ(str(Value("line\nbreak")), "'line\\nbreak'");
  EXPECT_EQ(str(Value("")), "''");
}

TEST(ValueToString, ListsAndMaps) {
  EXPECT_EQ(str(Value(List{1, 2.5, "x", Value()})), "[1, 2.5, 'x', null]");
  EXPECT_EQ(str(Value(List{})), "[]");
  EXPECT_EQ(str(Value::map({{"b", Value("x")}, {"a", Value(1)}})), "{a: 1, b: 'x'}");
  EXPECT_EQ(str(Value::map({})), "{}");
  EXPECT_EQ(str(Value::map({{"my key", Value(1)}})), "{`my key`: 1}");
  EXPECT_EQ(str(Value(List{Value::map({{"a", Value(List{1})}})})), "[{a: [1]}]");
}

TEST(ValueToString, TemporalValues) {
  EXPECT_EQ(str(date("2024-01-31")), "date('2024-01-31')");
  EXPECT_EQ(str(datetime("2024-01-31T12:00:00Z")), "datetime('2024-01-31T12:00Z')");
  // The offset is kept as written.
  EXPECT_EQ(str(datetime("2024-01-31T12:00:00.5+01:00")),
            "datetime('2024-01-31T12:00:00.5+01:00')");
  EXPECT_EQ(str(duration("P1M2DT3S")), "duration('P1M2DT3S')");
  EXPECT_EQ(str(duration("P14M")), "duration('P1Y2M')");
  EXPECT_EQ(str(duration("PT0S")), "duration('PT0S')");
}

TEST(ValueToString, GraphValuesPrintByIdentity) {
  EXPECT_EQ(str(Value(NodeRef{7})), "(node 7)");
  EXPECT_EQ(str(Value(RelRef{3, 1, 2, 0})), "[rel 3]");
  PathValue p{{NodeRef{1}, NodeRef{2}, NodeRef{3}}, {RelRef{10, 1, 2, 0}, RelRef{11, 3, 2, 0}}};
  EXPECT_EQ(str(Value(p)), "(node 1)-[rel 10]->(node 2)<-[rel 11]-(node 3)");
}

TEST(ValueAccessors, WrongKindThrowsTypeErrorNamingBothTypes) {
  Value s("x");
  EXPECT_EQ(error_code([&] { (void)s.as_int(); }), QueryErrorCode::kType);
  const std::string text = error_text([&] { (void)s.as_int(); });
  EXPECT_NE(text.find("INTEGER"), std::string::npos) << text;
  EXPECT_NE(text.find("STRING"), std::string::npos) << text;
  EXPECT_EQ(error_code([&] { (void)Value(1).as_float(); }), QueryErrorCode::kType);
  EXPECT_EQ(error_code([&] { (void)Value().as_list(); }), QueryErrorCode::kType);
  EXPECT_EQ(error_code([&] { (void)Value(1).as_node(); }), QueryErrorCode::kType);
  EXPECT_EQ(error_code([&] { (void)Value(true).as_number(); }), QueryErrorCode::kType);
  EXPECT_DOUBLE_EQ(Value(3).as_number(), 3.0);
  EXPECT_DOUBLE_EQ(Value(2.5).as_number(), 2.5);
}

TEST(ValueMap, SortedAndLaterDuplicateWins) {
  Value m = Value::map({{"z", Value(1)}, {"a", Value(2)}, {"z", Value(3)}});
  ASSERT_EQ(m.as_map().size(), 2u);
  EXPECT_EQ(m.as_map()[0].first, "a");
  EXPECT_EQ(*m.find("z"), Value(3));
  EXPECT_EQ(m.find("missing"), nullptr);
  EXPECT_EQ(Value(1).find("a"), nullptr);
}

TEST(ValueStorage, RoundTripsEveryStoredType) {
  Value v(List{Value(), true, 1, 2.5, "s", date("2024-02-29"), datetime("2024-02-29T01:02:03Z"),
               duration("P1DT1S"), Value::map({{"k", Value(List{1, 2})}})});
  storage::Value stored = to_storage(v);
  EXPECT_EQ(stored.type(), storage::ValueType::kList);
  EXPECT_EQ(from_storage(stored), v);
}

TEST(ValueStorage, GraphValuesCannotBeStored) {
  EXPECT_EQ(error_code([] { to_storage(Value(NodeRef{1})); }), QueryErrorCode::kType);
  EXPECT_EQ(error_code([] {
              to_storage(Value(List{Value(RelRef{1, 1, 2, 0})}));
            }),
            QueryErrorCode::kType);
  EXPECT_NE(error_text([] { to_storage(Value(PathValue{})); }).find("PATH"), std::string::npos);
}

TEST(ValueKindName, OpenCypherNames) {
  EXPECT_STREQ(value_kind_name(ValueKind::kInt), "INTEGER");
  EXPECT_STREQ(value_kind_name(ValueKind::kRelationship), "RELATIONSHIP");
  EXPECT_STREQ(value_kind_name(ValueKind::kDateTime), "DATETIME");
}

}  // namespace
}  // namespace guanxi::query::testing
