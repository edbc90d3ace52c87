#include <cmath>
#include <limits>

#include "tests/query/expression/test_support.h"

namespace guanxi::query::testing {
namespace {

const Value kN;

// Asserts fn(name, args) throws a QueryError with `code` whose text names `needle`.
void expect_error(const std::string& name, std::vector<Value> args, QueryErrorCode code,
                  const std::string& needle = "") {
  try {
    fn(name, std::move(args));
    ADD_FAILURE() << name << ": expected an error";
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), code) << name << ": " << e.what();
    if (!needle.empty()) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  }
}

TEST(Registry, LookupIsCaseInsensitiveAndKnowsArityAndAggregates) {
  const FunctionDefinition* f = find_function("TOUPPER");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->name, "toUpper");
  EXPECT_EQ(f->min_args, 1);
  EXPECT_FALSE(f->aggregate);
  ASSERT_NE(find_function("Date.Truncate"), nullptr);
  EXPECT_EQ(find_function("coalesce")->max_args, -1);
  EXPECT_TRUE(find_function("count")->aggregate);
  EXPECT_TRUE(find_function("percentileDisc")->aggregate);
  EXPECT_EQ(find_function("percentileCont")->min_args, 2);
  EXPECT_EQ(find_function("no_such_function"), nullptr);
  EXPECT_GT(all_functions().size(), 70u);
  for (const char* name : {"id",
                           "labels",
                           "type",
                           "properties",
                           "keys",
                           "startNode",
                           "endNode",
                           "nodes",
                           "relationships",
                           "length",
                           "size",
                           "coalesce",
                           "head",
                           "last",
                           "tail",
                           "range",
                           "reverse",
                           "toInteger",
                           "toFloat",
                           "toString",
                           "toBoolean",
                           "exists",
                           "toLower",
                           "toUpper",
                           "trim",
                           "ltrim",
                           "rtrim",
                           "substring",
                           "replace",
                           "split",
                           "left",
                           "right",
                           "abs",
                           "ceil",
                           "floor",
                           "round",
                           "sqrt",
                           "log",
                           "log10",
                           "exp",
                           "sign",
                           "rand",
                           "pi",
                           "e",
                           "date",
                           "datetime",
                           "duration",
                           "datetime.truncate",
                           "duration.between",
                           "sum",
                           "avg",
                           "min",
                           "max",
                           "collect",
                           "stDev",
                           "stDevP"})
    EXPECT_NE(find_function(name), nullptr) << name;
}

TEST(Registry, CallChecksArityAndRefusesAggregates) {
  expect_error("toUpper", {}, QueryErrorCode::kSemantic, "toUpper");
  expect_error("substring", {"a", 1, 2, 3}, QueryErrorCode::kSemantic);
  expect_error("count", {1}, QueryErrorCode::kSemantic);
}

TEST(GraphFunctions, ReadThroughTheContext) {
  FakeContext ctx;
  ctx.nodes[1] = {List{Value("A"), Value("B")}, Map{{"name", Value("Ada")}, {"x", Value(1)}}};
  ctx.rels[9] = {"KNOWS", Map{{"since", Value(2020)}}};
  RelRef r{9, 1, 2, 0};
  auto call_with = [&](const char* name, Value v) {
    std::vector<Value> args{std::move(v)};
    return call_function(*find_function(name), args, ctx);
  };
  EXPECT_EQ(call_with("id", Value(NodeRef{1})), Value(1));
  EXPECT_EQ(call_with("id", Value(r)), Value(9));
  EXPECT_EQ(call_with("labels", Value(NodeRef{1})), Value(List{"A", "B"}));
  EXPECT_EQ(call_with("type", Value(r)), Value("KNOWS"));
  EXPECT_EQ(str(call_with("properties", Value(NodeRef{1}))), "{name: 'Ada', x: 1}");
  EXPECT_EQ(str(call_with("properties", Value(r))), "{since: 2020}");
  EXPECT_EQ(call_with("keys", Value(NodeRef{1})), Value(List{"name", "x"}));
  EXPECT_EQ(call_with("keys", Value::map({{"b", 1}, {"a", Value()}})), Value(List{"a", "b"}));
  EXPECT_EQ(call_with("startNode", Value(r)), Value(NodeRef{1}));
  EXPECT_EQ(call_with("endNode", Value(r)), Value(NodeRef{2}));
  PathValue p{{NodeRef{1}, NodeRef{2}}, {r}};
  EXPECT_EQ(call_with("nodes", Value(p)), Value(List{NodeRef{1}, NodeRef{2}}));
  EXPECT_EQ(call_with("relationships", Value(p)), Value(List{Value(r)}));
  EXPECT_EQ(call_with("length", Value(p)), Value(1));
  for (const char* name : {"id", "labels", "type", "properties", "keys", "startNode", "endNode",
                           "nodes", "relationships", "length"}) {
    EXPECT_TRUE(call_with(name, kN).is_null()) << name;
    expect_error(name, {Value(1)}, QueryErrorCode::kType, name);
  }
}

TEST(ScalarFunctions, CoalesceAndExists) {
  EXPECT_EQ(fn("coalesce", {kN, kN, 3, 4}), Value(3));
  EXPECT_EQ(fn("coalesce", {kN}), kN);
  EXPECT_EQ(fn("exists", {kN}), Value(false));
  EXPECT_EQ(fn("exists", {0}), Value(true));
}

TEST(ListFunctions, SizeHeadLastTailReverse) {
  EXPECT_EQ(fn("size", {Value(List{1, 2, 3})}), Value(3));
  EXPECT_EQ(fn("size", {"héllo"}), Value(5));
  EXPECT_EQ(fn("size", {kN}), kN);
  expect_error("size", {1}, QueryErrorCode::kType, "size");
  EXPECT_EQ(fn("head", {Value(List{1, 2})}), Value(1));
  EXPECT_EQ(fn("head", {Value(List{})}), kN);
  EXPECT_EQ(fn("last", {Value(List{1, 2})}), Value(2));
  EXPECT_EQ(fn("last", {Value(List{})}), kN);
  EXPECT_EQ(fn("tail", {Value(List{1, 2, 3})}), Value(List{2, 3}));
  EXPECT_EQ(fn("tail", {Value(List{})}), Value(List{}));
  EXPECT_EQ(fn("reverse", {Value(List{1, 2, 3})}), Value(List{3, 2, 1}));
  EXPECT_EQ(fn("reverse", {"abc"}), Value("cba"));
  EXPECT_EQ(fn("reverse", {"añb"}), Value("bña"));
  for (const char* name : {"head", "last", "tail", "reverse"}) {
    EXPECT_TRUE(fn(name, {kN}).is_null()) << name;
    expect_error(name, {Value(1)}, QueryErrorCode::kType, name);
  }
  EXPECT_EQ(fn("isEmpty", {Value(List{})}), Value(true));
  EXPECT_EQ(fn("isEmpty", {"a"}), Value(false));
}

TEST(ListFunctions, Range) {
  EXPECT_EQ(fn("range", {1, 4}), Value(List{1, 2, 3, 4}));
  EXPECT_EQ(fn("range", {0, 10, 5}), Value(List{0, 5, 10}));
  EXPECT_EQ(fn("range", {5, 1, -2}), Value(List{5, 3, 1}));
  EXPECT_EQ(fn("range", {5, 1}), Value(List{}));
  EXPECT_EQ(fn("range", {3, 3}), Value(List{3}));
  expect_error("range", {1, 5, 0}, QueryErrorCode::kInvalidArgument, "step");
  expect_error("range", {1, "5"}, QueryErrorCode::kInvalidArgument, "argument 2 must be INTEGER");
  expect_error("range", {1, 1.5}, QueryErrorCode::kInvalidArgument, "got FLOAT");
  expect_error("range", {0, std::int64_t{1} << 40}, QueryErrorCode::kLimit);
  expect_error("range",
               {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()},
               QueryErrorCode::kLimit);
}

TEST(Conversions, ToInteger) {
  EXPECT_EQ(fn("toInteger", {"42"}), Value(42));
  EXPECT_EQ(fn("toInteger", {"-7"}), Value(-7));
  EXPECT_EQ(fn("toInteger", {"4.9"}), Value(4));
  EXPECT_EQ(fn("toInteger", {"abc"}), kN);
  EXPECT_EQ(fn("toInteger", {3.99}), Value(3));
  EXPECT_EQ(fn("toInteger", {-3.99}), Value(-3));
  EXPECT_EQ(fn("toInteger", {true}), Value(1));
  EXPECT_EQ(fn("toInteger", {"9223372036854775807"}),
            Value(std::numeric_limits<std::int64_t>::max()));
  EXPECT_EQ(fn("toInteger", {kN}), kN);
  expect_error("toInteger", {Value(List{})}, QueryErrorCode::kType, "LIST");
  expect_error("toInteger", {1e30}, QueryErrorCode::kArithmetic);
  EXPECT_EQ(fn("toIntegerOrNull", {Value(List{})}), kN);
  EXPECT_EQ(fn("toIntegerOrNull", {"12"}), Value(12));
}

TEST(Conversions, ToFloatToStringToBoolean) {
  EXPECT_EQ(fn("toFloat", {"1.5"}), Value(1.5));
  EXPECT_EQ(fn("toFloat", {"1e3"}), Value(1000.0));
  EXPECT_EQ(fn("toFloat", {3}), Value(3.0));
  EXPECT_EQ(fn("toFloat", {"x"}), kN);
  EXPECT_EQ(fn("toFloat", {kN}), kN);
  expect_error("toFloat", {true}, QueryErrorCode::kType, "BOOLEAN");
  EXPECT_EQ(fn("toFloatOrNull", {true}), kN);
  EXPECT_EQ(fn("toString", {42}), Value("42"));
  EXPECT_EQ(fn("toString", {2.0}), Value("2.0"));
  EXPECT_EQ(fn("toString", {false}), Value("false"));
  EXPECT_EQ(fn("toString", {"s"}), Value("s"));
  EXPECT_EQ(fn("toString", {date("2024-01-31")}), Value("2024-01-31"));
  EXPECT_EQ(fn("toString", {duration("P1DT2H")}), Value("P1DT2H"));
  EXPECT_EQ(fn("toString", {kN}), kN);
  expect_error("toString", {Value(List{1})}, QueryErrorCode::kType, "LIST");
  EXPECT_EQ(fn("toStringOrNull", {Value(List{1})}), kN);
  EXPECT_EQ(fn("toBoolean", {"TRUE"}), Value(true));
  EXPECT_EQ(fn("toBoolean", {"false"}), Value(false));
  EXPECT_EQ(fn("toBoolean", {"yes"}), kN);
  EXPECT_EQ(fn("toBoolean", {0}), Value(false));
  EXPECT_EQ(fn("toBoolean", {5}), Value(true));
  EXPECT_EQ(fn("toBoolean", {true}), Value(true));
  EXPECT_EQ(fn("toBoolean", {kN}), kN);
  expect_error("toBoolean", {1.5}, QueryErrorCode::kType, "FLOAT");
  EXPECT_EQ(fn("toBooleanOrNull", {1.5}), kN);
}

TEST(StringFunctions, CaseAndTrim) {
  EXPECT_EQ(fn("toLower", {"AbC"}), Value("abc"));
  EXPECT_EQ(fn("toUpper", {"AbC"}), Value("ABC"));
  EXPECT_EQ(fn("trim", {"  a b  "}), Value("a b"));
  EXPECT_EQ(fn("ltrim", {"  a  "}), Value("a  "));
  EXPECT_EQ(fn("rtrim", {"  a  "}), Value("  a"));
  EXPECT_EQ(fn("trim", {"\t\n x\n"}), Value("x"));
  for (const char* name : {"toLower", "toUpper", "trim", "ltrim", "rtrim"}) {
    EXPECT_TRUE(fn(name, {kN}).is_null()) << name;
    expect_error(name, {Value(1)}, QueryErrorCode::kType, name);
  }
}

TEST(StringFunctions, SubstringLeftRight) {
  EXPECT_EQ(fn("substring", {"hello", 1}), Value("ello"));
  EXPECT_EQ(fn("substring", {"hello", 1, 3}), Value("ell"));
  EXPECT_EQ(fn("substring", {"hello", 10}), Value(""));
  EXPECT_EQ(fn("substring", {"hello", 2, 100}), Value("llo"));
  EXPECT_EQ(fn("substring", {"héllo", 1, 2}), Value("él"));
  EXPECT_EQ(fn("substring", {kN, 1}), kN);
  expect_error("substring", {"hello", -1}, QueryErrorCode::kInvalidArgument, "substring");
  expect_error("substring", {"hello", 1, -1}, QueryErrorCode::kInvalidArgument);
  expect_error("substring", {"hello", "1"}, QueryErrorCode::kType);
  EXPECT_EQ(fn("left", {"hello", 2}), Value("he"));
  EXPECT_EQ(fn("left", {"hello", 10}), Value("hello"));
  EXPECT_EQ(fn("right", {"hello", 2}), Value("lo"));
  EXPECT_EQ(fn("right", {"hello", 0}), Value(""));
  EXPECT_EQ(fn("left", {kN, 2}), kN);
  expect_error("left", {"hello", -1}, QueryErrorCode::kInvalidArgument);
  expect_error("right", {1, 1}, QueryErrorCode::kType, "right");
}

TEST(StringFunctions, ReplaceAndSplit) {
  EXPECT_EQ(fn("replace", {"a-b-c", "-", "+"}), Value("a+b+c"));
  EXPECT_EQ(fn("replace", {"aaa", "aa", "b"}), Value("ba"));
  EXPECT_EQ(fn("replace", {"ab", "", "-"}), Value("-a-b-"));
  EXPECT_EQ(fn("replace", {"abc", "x", "y"}), Value("abc"));
  EXPECT_EQ(fn("replace", {"abc", kN, "y"}), kN);
  expect_error("replace", {"abc", 1, "y"}, QueryErrorCode::kType);
  EXPECT_EQ(fn("split", {"a,b,,c", ","}), Value(List{"a", "b", "", "c"}));
  EXPECT_EQ(fn("split", {"a,b,", ","}), Value(List{"a", "b", ""}));
  EXPECT_EQ(fn("split", {"abc", ""}), Value(List{"a", "b", "c"}));
  EXPECT_EQ(fn("split", {"a-b_c", Value(List{"-", "_"})}), Value(List{"a", "b", "c"}));
  EXPECT_EQ(fn("split", {"a::b", "::"}), Value(List{"a", "b"}));
  EXPECT_EQ(fn("split", {kN, ","}), kN);
  expect_error("split", {"a", 1}, QueryErrorCode::kType, "split");
}

TEST(MathFunctions, AbsCeilFloorSign) {
  EXPECT_EQ(fn("abs", {-3}), Value(3));
  EXPECT_EQ(fn("abs", {-2.5}), Value(2.5));
  expect_error("abs", {std::numeric_limits<std::int64_t>::min()}, QueryErrorCode::kArithmetic);
  EXPECT_EQ(fn("ceil", {1.1}), Value(2.0));
  EXPECT_EQ(fn("ceil", {2}), Value(2.0));
  EXPECT_EQ(fn("floor", {-1.1}), Value(-2.0));
  EXPECT_EQ(fn("sign", {-4}), Value(-1));
  EXPECT_EQ(fn("sign", {0.0}), Value(0));
  EXPECT_EQ(fn("sign", {2.5}), Value(1));
  for (const char* name :
       {"abs", "ceil", "floor", "sign", "sqrt", "log", "log10", "exp", "round"}) {
    EXPECT_TRUE(fn(name, {kN}).is_null()) << name;
    expect_error(name, {Value("1")}, QueryErrorCode::kType, name);
  }
}

TEST(MathFunctions, Round) {
  EXPECT_EQ(fn("round", {2.5}), Value(3.0));
  EXPECT_EQ(fn("round", {-2.5}), Value(-2.0));
  EXPECT_EQ(fn("round", {-2.6}), Value(-3.0));
  EXPECT_EQ(fn("round", {3}), Value(3.0));
  EXPECT_EQ(fn("round", {3.14159, 2}), Value(3.14));
  EXPECT_EQ(fn("round", {2.675, 2}), Value(2.68));
  EXPECT_EQ(fn("round", {-1.55, 1}), Value(-1.6));
  EXPECT_EQ(fn("round", {1234.5, -2}), Value(1200.0));
  EXPECT_EQ(fn("round", {2.5, 0, "HALF_EVEN"}), Value(2.0));
  EXPECT_EQ(fn("round", {2.45, 1, "HALF_DOWN"}), Value(2.4));
  EXPECT_EQ(fn("round", {2.41, 1, "UP"}), Value(2.5));
  EXPECT_EQ(fn("round", {-2.41, 1, "CEILING"}), Value(-2.4));
  EXPECT_EQ(fn("round", {-2.41, 1, "FLOOR"}), Value(-2.5));
  EXPECT_EQ(fn("round", {2.49, 1, "DOWN"}), Value(2.4));
  EXPECT_EQ(fn("round", {9.99, 1}), Value(10.0));
  expect_error("round", {1.5, 1, "SIDEWAYS"}, QueryErrorCode::kInvalidArgument, "SIDEWAYS");
}

TEST(MathFunctions, LogsRootsAndConstants) {
  EXPECT_EQ(fn("sqrt", {16}), Value(4.0));
  EXPECT_TRUE(std::isnan(fn("sqrt", {-1}).as_float()));
  EXPECT_EQ(fn("log", {1}), Value(0.0));
  EXPECT_EQ(fn("log", {0}), Value(-std::numeric_limits<double>::infinity()));
  EXPECT_EQ(fn("log10", {1000}), Value(3.0));
  EXPECT_EQ(fn("exp", {0}), Value(1.0));
  EXPECT_EQ(str(fn("pi", {})), "3.141592653589793");
  EXPECT_EQ(str(fn("e", {})), "2.718281828459045");
  EXPECT_EQ(fn("rand", {}), Value(0.25));
  EXPECT_EQ(fn("degrees", {fn("pi", {})}), Value(180.0));
  EXPECT_EQ(fn("atan2", {0, 1}), Value(0.0));
}

}  // namespace
}  // namespace guanxi::query::testing

namespace guanxi::query::testing {
namespace {

TEST(ScalarFunctions, ElementIdNamesTheKind) {
  EXPECT_EQ(fn("elementId", {Value(NodeRef{4})}), Value("node:4"));
  EXPECT_EQ(fn("elementId", {Value(RelRef{5, 1, 2, 0})}), Value("rel:5"));
  EXPECT_EQ(fn("elementId", {Value()}), Value());
  EXPECT_EQ(error_code([] { fn("elementId", {Value("x")}); }), QueryErrorCode::kType);
}

TEST(MathFunctions, Trigonometry) {
  EXPECT_EQ(fn("sin", {0}), Value(0.0));
  EXPECT_EQ(fn("cos", {0}), Value(1.0));
  EXPECT_EQ(fn("tan", {0.0}), Value(0.0));
  EXPECT_EQ(fn("asin", {1}), Value(std::asin(1.0)));
  EXPECT_EQ(fn("acos", {1}), Value(0.0));
  EXPECT_EQ(fn("atan", {0}), Value(0.0));
  EXPECT_EQ(fn("radians", {180}), fn("pi", {}));
  EXPECT_TRUE(std::isinf(fn("cot", {0.0}).as_float()));
  EXPECT_TRUE(fn("atan2", {Value(), 1}).is_null());
  EXPECT_EQ(error_code([] { fn("sin", {Value("0")}); }), QueryErrorCode::kType);
}

}  // namespace
}  // namespace guanxi::query::testing
