// guanxi::Value: construction, typed access, printing and ordering, without
// a database.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "guanxi/guanxi.h"

namespace guanxi {
namespace {

TEST(ValueTest, ImplicitConstructionPicksTheType) {
  EXPECT_EQ(Value().type(), Type::kNull);
  EXPECT_EQ(Value(nullptr).type(), Type::kNull);
  EXPECT_EQ(Value(true).type(), Type::kBool);
  EXPECT_EQ(Value(10).type(), Type::kInt);
  EXPECT_EQ(Value(10L).type(), Type::kInt);
  EXPECT_EQ(Value(10u).type(), Type::kInt);
  EXPECT_EQ(Value(std::int64_t{1} << 40).as_int(), std::int64_t{1} << 40);
  EXPECT_EQ(Value(1.5).type(), Type::kFloat);
  EXPECT_EQ(Value("Ada").type(), Type::kString);
  EXPECT_EQ(Value(std::string("Ada")).as_string(), "Ada");
  EXPECT_EQ(Value(List{1, "x"}).as_list().size(), 2u);
  EXPECT_EQ(Value(Date::from_civil(2024, 1, 31)).as_date().days, 19753);
}

TEST(ValueTest, ParamsFromAnInitializerList) {
  Params params{{"k", 10}, {"name", "Ada"}, {"ids", List{1, 2, 3}}, {"score", 0.5}, {"vip", true}};
  EXPECT_EQ(params.at("k").as_int(), 10);
  EXPECT_EQ(params.at("name").as_string(), "Ada");
  EXPECT_EQ(params.at("ids").as_list().size(), 3u);
  EXPECT_EQ(params.at("score").as_float(), 0.5);
  EXPECT_TRUE(params.at("vip").as_bool());
}

TEST(ValueTest, WrongTypedAccessThrowsTypeError) {
  try {
    Value("Ada").as_int();
    FAIL() << "as_int on a string must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kType);
    EXPECT_STREQ(e.code_name(), "type");
    EXPECT_EQ(e.message(), "expected INTEGER, got STRING");
  }
  EXPECT_THROW(Value().as_string(), Error);
  EXPECT_THROW(Value(1).as_float(), Error);
  EXPECT_EQ(Value(1).as_number(), 1.0);
  EXPECT_THROW(Value(List{1})[5], Error);
}

TEST(ValueTest, PrintsAsCypherLiterals) {
  EXPECT_EQ(Value().to_string(), "null");
  EXPECT_EQ(Value(true).to_string(), "true");
  EXPECT_EQ(Value(42).to_string(), "42");
  EXPECT_EQ(Value(-7).to_string(), "-7");
  EXPECT_EQ(Value(1.5).to_string(), "1.5");
  EXPECT_EQ(Value(1.0).to_string(), "1.0");
  EXPECT_EQ(Value("it's").to_string(), "'it\\'s'");
  EXPECT_EQ(Value(List{1, "x", Value()}).to_string(), "[1, 'x', null]");
  EXPECT_EQ(Value::map({{"b", "x"}, {"a", 1}}).to_string(), "{a: 1, b: 'x'}");
  EXPECT_EQ(Value(Date::from_civil(2024, 1, 31)).to_string(), "date('2024-01-31')");
  EXPECT_EQ(Value(DateTime::from_unix(1706702400LL)).to_string(), "datetime('2024-01-31T12:00Z')");
  EXPECT_EQ(Value(DateTime{1706702400LL, 5, 3600, "Europe/Stockholm"}).to_string(),
            "datetime('2024-01-31T13:00:00.000000005+01:00[Europe/Stockholm]')");
  EXPECT_EQ(Value(LocalTime{3'600'000'000'000}).to_string(), "localtime('01:00')");
  EXPECT_EQ(Value(Time{0, -1800}).to_string(), "time('00:00-00:30')");
  EXPECT_EQ(Value(LocalDateTime{0, 100'000'000}).to_string(),
            "localdatetime('1970-01-01T00:00:00.1')");
  EXPECT_EQ(Value(Duration{1, 2, 3, 0}).to_string(), "duration('P1M2DT3S')");
  std::ostringstream out;
  out << Value(List{1, 2}) << ' ' << Value("a");
  EXPECT_EQ(out.str(), "[1, 2] 'a'");
}

TEST(ValueTest, PrintsNodesRelationshipsAndPaths) {
  Node ada{1, {"Customer", "VIP"}, {{"age", 36}, {"name", "Ada"}}};
  Node bo{2, {"Customer"}, {{"name", "Bo"}}};
  Relationship knows{7, 1, 2, "KNOWS", {{"since", 2020}}};
  Relationship referred{8, 1, 2, "REFERRED", {}};
  EXPECT_EQ(Value(ada).to_string(), "(:Customer:VIP {age: 36, name: 'Ada'})");
  EXPECT_EQ(Value(Node{3, {}, {}}).to_string(), "()");
  EXPECT_EQ(Value(knows).to_string(), "[:KNOWS {since: 2020}]");
  EXPECT_EQ(Value(referred).to_string(), "[:REFERRED]");
  // Bo <-REFERRED- Ada -KNOWS-> Bo: the second hop runs against the path.
  Path path{{bo, ada, bo}, {referred, knows}};
  EXPECT_EQ(Value(path).to_string(),
            "(:Customer {name: 'Bo'})<-[:REFERRED]-(:Customer:VIP {age: 36, name: 'Ada'})"
            "-[:KNOWS {since: 2020}]->(:Customer {name: 'Bo'})");
  EXPECT_EQ(Value(List{ada, 1}).to_string(), "[(:Customer:VIP {age: 36, name: 'Ada'}), 1]");
  EXPECT_EQ(Value(ada)["name"].as_string(), "Ada");
  EXPECT_TRUE(Value(ada)["missing"].is_null());
  EXPECT_TRUE(ada.has_label("VIP"));
  EXPECT_FALSE(ada.has_label("Vip"));
}

TEST(ValueTest, EqualityTreatsIntegerAndFloatAlike) {
  EXPECT_EQ(Value(1), Value(1.0));
  EXPECT_NE(Value(1), Value("1"));
  EXPECT_EQ(Value(), Value());
  EXPECT_EQ(Value(List{1, 2}), Value(List{1.0, 2}));
  EXPECT_NE(Value(List{1, 2}), Value(List{1, 2, 3}));
  EXPECT_EQ(Value::map({{"a", 1}}), Value::map({{"a", 1}}));
  EXPECT_NE(Value::map({{"a", 1}}), Value::map({{"b", 1}}));
  EXPECT_EQ(Value(Node{5, {"A"}, {}}), Value(Node{5, {"B"}, {}}));  // same node id
}

TEST(ValueTest, OrdersAsCypherOrderBy) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<Value> values{
      Value(),       Value(3),    Value(nan),   Value(1.5),     Value("b"),
      Value("a"),    Value(true), Value(false), Value(List{1}), Value::map({{"k", 1}}),
      Value(Date{5})};
  std::sort(values.begin(), values.end());
  std::vector<std::string> printed;
  for (const Value& v : values) printed.push_back(v.to_string());
  EXPECT_EQ(printed, (std::vector<std::string>{"{k: 1}", "[1]", "date('1970-01-06')", "'a'", "'b'",
                                               "false", "true", "1.5", "3", "NaN", "null"}));
  EXPECT_LT(Value(1), Value(1.5));
  EXPECT_GT(Value(2), Value(1.5));
  EXPECT_LT(Value(std::numeric_limits<std::int64_t>::max() - 1),
            Value(std::numeric_limits<std::int64_t>::max()));
}

TEST(ValueTest, MapKeepsTheLastOfDuplicateKeys) {
  Value m = Value::map({{"a", 1}, {"b", 2}, {"a", 3}});
  ASSERT_EQ(m.as_map().size(), 2u);
  EXPECT_EQ(m["a"].as_int(), 3);
  EXPECT_TRUE(m["zz"].is_null());
  EXPECT_THROW(Value(1)["a"], Error);
}

TEST(ValueTest, ErrorCodeNamesMatchTheTestFiles) {
  EXPECT_STREQ(error_code_name(ErrorCode::kSyntax), "syntax");
  EXPECT_STREQ(error_code_name(ErrorCode::kHasRelationships), "has-relationships");
  EXPECT_STREQ(error_code_name(ErrorCode::kNotFound), "not-found");
  EXPECT_STREQ(error_code_name(ErrorCode::kInvalidArgument), "invalid-argument");
  Error e(ErrorCode::kSyntax, "bad", 2, 5, "bad (line 2, column 5)");
  EXPECT_STREQ(e.what(), "bad (line 2, column 5)");
  EXPECT_EQ(e.message(), "bad");
  EXPECT_EQ(e.line(), 2);
  EXPECT_EQ(e.column(), 5);
}

}  // namespace
}  // namespace guanxi
