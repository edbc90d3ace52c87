#include "tests/query/expression/test_support.h"

namespace guanxi::query::testing {
namespace {

// The three truth values and their Value forms.
const Value kT(true), kF(false), kN;

Value logic(BinaryOp op, const Value& a, const Value& b) { return eval(bin(op, a, b)); }

TEST(ThreeValuedLogic, AndTable) {
  EXPECT_EQ(logic(BinaryOp::kAnd, kT, kT), kT);
  EXPECT_EQ(logic(BinaryOp::kAnd, kT, kF), kF);
  EXPECT_EQ(logic(BinaryOp::kAnd, kF, kT), kF);
  EXPECT_EQ(logic(BinaryOp::kAnd, kF, kF), kF);
  EXPECT_EQ(logic(BinaryOp::kAnd, kT, kN), kN);
  EXPECT_EQ(logic(BinaryOp::kAnd, kN, kT), kN);
  EXPECT_EQ(logic(BinaryOp::kAnd, kF, kN), kF);
  EXPECT_EQ(logic(BinaryOp::kAnd, kN, kF), kF);
  EXPECT_EQ(logic(BinaryOp::kAnd, kN, kN), kN);
}

TEST(ThreeValuedLogic, OrTable) {
  EXPECT_EQ(logic(BinaryOp::kOr, kT, kT), kT);
  EXPECT_EQ(logic(BinaryOp::kOr, kT, kF), kT);
  EXPECT_EQ(logic(BinaryOp::kOr, kF, kF), kF);
  EXPECT_EQ(logic(BinaryOp::kOr, kT, kN), kT);
  EXPECT_EQ(logic(BinaryOp::kOr, kN, kT), kT);
  EXPECT_EQ(logic(BinaryOp::kOr, kF, kN), kN);
  EXPECT_EQ(logic(BinaryOp::kOr, kN, kF), kN);
  EXPECT_EQ(logic(BinaryOp::kOr, kN, kN), kN);
}

TEST(ThreeValuedLogic, XorAndNotTables) {
  EXPECT_EQ(logic(BinaryOp::kXor, kT, kT), kF);
  EXPECT_EQ(logic(BinaryOp::kXor, kT, kF), kT);
  EXPECT_EQ(logic(BinaryOp::kXor, kF, kF), kF);
  EXPECT_EQ(logic(BinaryOp::kXor, kT, kN), kN);
  EXPECT_EQ(logic(BinaryOp::kXor, kN, kF), kN);
  EXPECT_EQ(eval(un(UnaryOp::kNot, lit(kT))), kF);
  EXPECT_EQ(eval(un(UnaryOp::kNot, lit(kF))), kT);
  EXPECT_EQ(eval(un(UnaryOp::kNot, lit(kN))), kN);
}

TEST(ThreeValuedLogic, NonBooleanOperandsAreTypeErrors) {
  EXPECT_EQ(error_code([] { logic(BinaryOp::kAnd, kT, Value(1)); }), QueryErrorCode::kType);
  EXPECT_EQ(error_code([] { logic(BinaryOp::kOr, Value("x"), kF); }), QueryErrorCode::kType);
  EXPECT_EQ(error_code([] { eval(un(UnaryOp::kNot, lit(Value(0)))); }), QueryErrorCode::kType);
}

TEST(Comparisons, ProduceBooleansOrNull) {
  EXPECT_EQ(eval(bin(BinaryOp::kEq, Value(1), Value(1.0))), kT);
  EXPECT_EQ(eval(bin(BinaryOp::kNe, Value(1), Value(2))), kT);
  EXPECT_EQ(eval(bin(BinaryOp::kLt, Value(1), Value("a"))), kN);
  EXPECT_EQ(eval(bin(BinaryOp::kEq, Value(), Value())), kN);
  EXPECT_EQ(eval(bin(BinaryOp::kGe, Value("b"), Value("a"))), kT);
  EXPECT_EQ(eval(bin(BinaryOp::kLe, date("2024-01-01"), date("2024-01-01"))), kT);
}

TEST(InOperator, NullSemantics) {
  EXPECT_EQ(eval(bin(BinaryOp::kIn, Value(2), Value(List{1, 2, 3}))), kT);
  EXPECT_EQ(eval(bin(BinaryOp::kIn, Value(2.0), Value(List{1, 2}))), kT);
  EXPECT_EQ(eval(bin(BinaryOp::kIn, Value(4), Value(List{1, 2, 3}))), kF);
  EXPECT_EQ(eval(bin(BinaryOp::kIn, Value(4), Value(List{1, Value()}))), kN);
  EXPECT_EQ(eval(bin(BinaryOp::kIn, Value(1), Value(List{1, Value()}))), kT);
  EXPECT_EQ(eval(bin(BinaryOp::kIn, Value(), Value(List{1}))), kN);
  EXPECT_EQ(eval(bin(BinaryOp::kIn, Value(), Value(List{}))), kF);
  EXPECT_EQ(eval(bin(BinaryOp::kIn, Value(1), Value())), kN);
  EXPECT_EQ(eval(bin(BinaryOp::kIn, Value(List{1}), Value(List{List{1}, 2}))), kT);
  EXPECT_EQ(error_code([] { eval(bin(BinaryOp::kIn, Value(1), Value(1))); }),
            QueryErrorCode::kType);
}

TEST(StringPredicates, MatchOrNullForNonStrings) {
  EXPECT_EQ(eval(bin(BinaryOp::kStartsWith, Value("hello"), Value("he"))), kT);
  EXPECT_EQ(eval(bin(BinaryOp::kStartsWith, Value("he"), Value("hello"))), kF);
  EXPECT_EQ(eval(bin(BinaryOp::kEndsWith, Value("hello"), Value("llo"))), kT);
  EXPECT_EQ(eval(bin(BinaryOp::kEndsWith, Value("hello"), Value("xlo"))), kF);
  EXPECT_EQ(eval(bin(BinaryOp::kContains, Value("hello"), Value("ell"))), kT);
  EXPECT_EQ(eval(bin(BinaryOp::kContains, Value("hello"), Value(""))), kT);
  EXPECT_EQ(eval(bin(BinaryOp::kContains, Value("hello"), Value(1))), kN);
  EXPECT_EQ(eval(bin(BinaryOp::kStartsWith, Value(), Value("a"))), kN);
  EXPECT_EQ(eval(bin(BinaryOp::kEndsWith, Value(List{}), Value("a"))), kN);
}

TEST(RegexMatch, WholeStringEcmaScriptWithFlags) {
  EXPECT_EQ(eval(bin(BinaryOp::kRegexMatch, Value("Ada Lovelace"), Value("Ada.*"))), kT);
  EXPECT_EQ(eval(bin(BinaryOp::kRegexMatch, Value("Ada Lovelace"), Value("Love"))), kF);
  EXPECT_EQ(eval(bin(BinaryOp::kRegexMatch, Value("ADA"), Value("(?i)ada"))), kT);
  EXPECT_EQ(eval(bin(BinaryOp::kRegexMatch, Value("a1"), Value("[a-z]\\d"))), kT);
  EXPECT_EQ(eval(bin(BinaryOp::kRegexMatch, Value(1), Value("1"))), kN);
  EXPECT_EQ(eval(bin(BinaryOp::kRegexMatch, Value("a"), Value())), kN);
  EXPECT_EQ(error_code([] { eval(bin(BinaryOp::kRegexMatch, Value("a"), Value("(unclosed"))); }),
            QueryErrorCode::kInvalidArgument);
}

TEST(RegexMatch, CacheFollowsThePatternOfOneCallSite) {
  FakeContext ctx;
  Row row{Value("abc")};
  auto e = bin(BinaryOp::kRegexMatch, lit(Value("abc")), var("p", 0));
  EXPECT_EQ(eval(e, ctx, row), kT);
  row[0] = Value("x.*");
  EXPECT_EQ(eval(e, ctx, row), kF);
  row[0] = Value("a.c");
  EXPECT_EQ(eval(e, ctx, row), kT);
}

TEST(IsNull, BothForms) {
  EXPECT_EQ(eval(is_null(lit(kN))), kT);
  EXPECT_EQ(eval(is_null(lit(Value(0)))), kF);
  EXPECT_EQ(eval(is_null(lit(kN), true)), kF);
  EXPECT_EQ(eval(is_null(lit(Value("")), true)), kT);
}

TEST(Arithmetic, ThroughTheEvaluator) {
  EXPECT_EQ(eval(bin(BinaryOp::kAdd, Value(1), Value(2))), Value(3));
  EXPECT_EQ(eval(bin(BinaryOp::kPow, Value(2), Value(10))), Value(1024.0));
  EXPECT_EQ(eval(un(UnaryOp::kMinus, lit(Value(5)))), Value(-5));
  EXPECT_EQ(eval(un(UnaryOp::kPlus, lit(Value(5)))), Value(5));
  EXPECT_EQ(error_code([] { eval(un(UnaryOp::kPlus, lit(Value("a")))); }), QueryErrorCode::kType);
  EXPECT_EQ(error_code([] { eval(bin(BinaryOp::kDiv, Value(1), Value(0))); }),
            QueryErrorCode::kArithmetic);
}

TEST(Errors, CarryThePositionOfTheFailingExpression) {
  FakeContext ctx;
  ctx.text = "RETURN 1 / 0";
  Row row;
  auto e = bin(BinaryOp::kDiv, Value(1), Value(0));
  e->pos = {1, 10};
  try {
    eval(e, ctx, row);
    FAIL() << "expected an error";
  } catch (const QueryError& error) {
    EXPECT_EQ(error.code(), QueryErrorCode::kArithmetic);
    EXPECT_EQ(error.position().column, 10u);
    EXPECT_NE(std::string(error.what()).find("^"), std::string::npos) << error.what();
  }
}

TEST(Variables, ReadTheirSlot) {
  FakeContext ctx;
  Row row{Value(10), Value("x")};
  EXPECT_EQ(eval(var("b", 1), ctx, row), Value("x"));
  EXPECT_EQ(error_code([&] { eval(var("c", 5), ctx, row); }), QueryErrorCode::kSemantic);
  EXPECT_EQ(error_code([&] { eval(var("d", -1), ctx, row); }), QueryErrorCode::kSemantic);
}

TEST(Parameters, ComeFromTheContext) {
  FakeContext ctx;
  ctx.parameters["k"] = Value(10);
  Row row;
  EXPECT_EQ(eval(param("k"), ctx, row), Value(10));
  EXPECT_EQ(error_code([&] { eval(param("missing"), ctx, row); }), QueryErrorCode::kSemantic);
}

TEST(PropertyAccess, NodesRelationshipsMapsAndNull) {
  FakeContext ctx;
  ctx.nodes[1] = {List{Value("Customer")}, Map{{"age", Value(36)}, {"name", Value("Ada")}}};
  ctx.rels[7] = {"KNOWS", Map{{"since", Value(2020)}}};
  Row row{Value(NodeRef{1}), Value(RelRef{7, 1, 2, 0}), Value::map({{"a", 1}}), Value()};
  EXPECT_EQ(eval(prop(var("n", 0), "name"), ctx, row), Value("Ada"));
  EXPECT_EQ(eval(prop(var("n", 0), "missing"), ctx, row), kN);
  EXPECT_EQ(eval(prop(var("r", 1), "since"), ctx, row), Value(2020));
  EXPECT_EQ(eval(prop(var("m", 2), "a"), ctx, row), Value(1));
  EXPECT_EQ(eval(prop(var("m", 2), "b"), ctx, row), kN);
  EXPECT_EQ(eval(prop(var("x", 3), "a"), ctx, row), kN);
  EXPECT_EQ(error_code([&] { eval(prop(lit(Value(1)), "a"), ctx, row); }), QueryErrorCode::kType);
}

TEST(PropertyAccess, TemporalFields) {
  EXPECT_EQ(eval(prop(lit(date("2024-05-17")), "year")), Value(2024));
  EXPECT_EQ(eval(prop(lit(date("2024-05-17")), "dayOfWeek")), Value(5));
  EXPECT_EQ(eval(prop(lit(datetime("2024-05-17T10:30:05.25Z")), "millisecond")), Value(250));
  EXPECT_EQ(eval(prop(lit(duration("P1Y2M3DT4H")), "months")), Value(14));
  EXPECT_EQ(error_code([] { eval(prop(lit(date("2024-05-17")), "hour")); }),
            QueryErrorCode::kInvalidArgument);
}

TEST(Indexing, ListsWithNegativeAndOutOfRange) {
  Value l(List{10, 20, 30});
  EXPECT_EQ(eval(index(lit(l), lit(Value(0)))), Value(10));
  EXPECT_EQ(eval(index(lit(l), lit(Value(-1)))), Value(30));
  EXPECT_EQ(eval(index(lit(l), lit(Value(3)))), kN);
  EXPECT_EQ(eval(index(lit(l), lit(Value(-4)))), kN);
  EXPECT_EQ(eval(index(lit(l), lit(kN))), kN);
  EXPECT_EQ(eval(index(lit(kN), lit(Value(0)))), kN);
  EXPECT_EQ(error_code([&] { eval(index(lit(l), lit(Value("a")))); }), QueryErrorCode::kType);
  EXPECT_EQ(error_code([] { eval(index(lit(Value(1)), lit(Value(0)))); }), QueryErrorCode::kType);
}

TEST(Indexing, MapsAndNodesByKey) {
  FakeContext ctx;
  ctx.nodes[2] = {List{}, Map{{"name", Value("Bo")}}};
  Row row{Value(NodeRef{2})};
  EXPECT_EQ(eval(index(lit(Value::map({{"a", 1}})), lit(Value("a")))), Value(1));
  EXPECT_EQ(eval(index(lit(Value::map({{"a", 1}})), lit(Value("z")))), kN);
  EXPECT_EQ(eval(index(var("n", 0), lit(Value("name"))), ctx, row), Value("Bo"));
  EXPECT_EQ(error_code([] { eval(index(lit(Value::map({})), lit(Value(1)))); }),
            QueryErrorCode::kType);
}

TEST(Slicing, BoundsClampAndMayBeOmitted) {
  Value l(List{1, 2, 3, 4, 5});
  EXPECT_EQ(eval(slice(lit(l), lit(Value(1)), lit(Value(3)))), Value(List{2, 3}));
  EXPECT_EQ(eval(slice(lit(l), nullptr, lit(Value(2)))), Value(List{1, 2}));
  EXPECT_EQ(eval(slice(lit(l), lit(Value(3)), nullptr)), Value(List{4, 5}));
  EXPECT_EQ(eval(slice(lit(l), lit(Value(-2)), nullptr)), Value(List{4, 5}));
  EXPECT_EQ(eval(slice(lit(l), lit(Value(1)), lit(Value(-1)))), Value(List{2, 3, 4}));
  EXPECT_EQ(eval(slice(lit(l), lit(Value(3)), lit(Value(1)))), Value(List{}));
  EXPECT_EQ(eval(slice(lit(l), lit(Value(0)), lit(Value(100)))), l);
  EXPECT_EQ(eval(slice(lit(l), lit(Value(-100)), lit(Value(1)))), Value(List{1}));
  EXPECT_EQ(eval(slice(lit(l), lit(kN), lit(Value(1)))), kN);
  EXPECT_EQ(eval(slice(lit(kN), lit(Value(0)), lit(Value(1)))), kN);
}

TEST(Literals, ListsAndMapsEvaluateTheirElements) {
  EXPECT_EQ(eval(list_of(children(lit(Value(1)), bin(BinaryOp::kAdd, Value(1), Value(1))))),
            Value(List{1, 2}));
  EXPECT_EQ(eval(map_of({"b", "a"}, children(lit(Value(2)), lit(Value(1))))),
            Value::map({{"a", 1}, {"b", 2}}));
}

ExpressionPtr comprehension(ExpressionPtr source, ExpressionPtr where, ExpressionPtr project,
                            int slot) {
  auto e = make(ExpressionKind::kListComprehension);
  e->name = "x";
  e->slot = slot;
  e->children = children(std::move(source), std::move(where), std::move(project));
  return e;
}

TEST(ListComprehension, FilterAndProject) {
  FakeContext ctx;
  Row row;
  auto e = comprehension(
      lit(Value(List{1, 2, 3, 4})),
      bin(BinaryOp::kEq, bin(BinaryOp::kMod, var("x", 0), lit(Value(2))), lit(Value(0))),
      bin(BinaryOp::kMul, var("x", 0), lit(Value(10))), 0);
  EXPECT_EQ(eval(e, ctx, row), Value(List{20, 40}));
  EXPECT_EQ(row.size(), 1u);
  EXPECT_TRUE(row[0].is_null()) << "the iteration slot is restored";
  auto only_filter =
      comprehension(lit(Value(List{1, Value(), 3})), is_null(var("x", 0), true), nullptr, 0);
  EXPECT_EQ(eval(only_filter, ctx, row), Value(List{1, 3}));
  auto on_null = comprehension(lit(kN), nullptr, nullptr, 0);
  EXPECT_EQ(eval(on_null, ctx, row), kN);
  auto on_int = comprehension(lit(Value(1)), nullptr, nullptr, 0);
  EXPECT_EQ(error_code([&] { eval(on_int, ctx, row); }), QueryErrorCode::kType);
}

TEST(ListComprehension, RestoresAnOuterBindingOfTheSlot) {
  FakeContext ctx;
  Row row{Value("outer")};
  auto e = comprehension(lit(Value(List{1, 2})), nullptr, var("x", 0), 0);
  EXPECT_EQ(eval(e, ctx, row), Value(List{1, 2}));
  EXPECT_EQ(row[0], Value("outer"));
}

Value quantify(ast::Quantifier q, List items) {
  auto e = make(ExpressionKind::kQuantifier);
  e->quantifier = q;
  e->name = "x";
  e->slot = 0;
  // x > 1
  e->children =
      children(lit(Value(std::move(items))), bin(BinaryOp::kGt, var("x", 0), lit(Value(1))));
  return eval(e);
}

TEST(Quantifiers, ThreeValuedResults) {
  using Q = ast::Quantifier;
  EXPECT_EQ(quantify(Q::kAll, {2, 3}), kT);
  EXPECT_EQ(quantify(Q::kAll, {2, 1}), kF);
  EXPECT_EQ(quantify(Q::kAll, {2, Value()}), kN);
  EXPECT_EQ(quantify(Q::kAll, {1, Value()}), kF);
  EXPECT_EQ(quantify(Q::kAll, {}), kT);
  EXPECT_EQ(quantify(Q::kAny, {1, 2}), kT);
  EXPECT_EQ(quantify(Q::kAny, {1, 0}), kF);
  EXPECT_EQ(quantify(Q::kAny, {1, Value()}), kN);
  EXPECT_EQ(quantify(Q::kAny, {}), kF);
  EXPECT_EQ(quantify(Q::kNone, {0, 1}), kT);
  EXPECT_EQ(quantify(Q::kNone, {0, 2}), kF);
  EXPECT_EQ(quantify(Q::kNone, {0, Value()}), kN);
  EXPECT_EQ(quantify(Q::kSingle, {0, 2}), kT);
  EXPECT_EQ(quantify(Q::kSingle, {2, 3}), kF);
  EXPECT_EQ(quantify(Q::kSingle, {0, 1}), kF);
  EXPECT_EQ(quantify(Q::kSingle, {2, Value()}), kN);
  EXPECT_EQ(quantify(Q::kSingle, {2, 3, Value()}), kF);
}

TEST(Reduce, FoldsWithAnAccumulator) {
  auto e = make(ExpressionKind::kReduce);
  e->keys = {"acc"};
  e->name = "x";
  e->slot = 1;
  e->accumulator_slot = 0;
  e->children = children(lit(Value(0)), lit(Value(List{1, 2, 3, 4})),
                         bin(BinaryOp::kAdd, var("acc", 0), var("x", 1)));
  EXPECT_EQ(eval(e), Value(10));
  auto empty = make(ExpressionKind::kReduce);
  empty->keys = {"acc"};
  empty->slot = 1;
  empty->accumulator_slot = 0;
  empty->children = children(lit(Value("init")), lit(Value(List{})), var("x", 1));
  EXPECT_EQ(eval(empty), Value("init"));
}

ExpressionPtr case_of(ExpressionPtr subject, std::vector<std::pair<Value, Value>> arms,
                      ExpressionPtr otherwise) {
  auto e = make(ExpressionKind::kCase);
  e->children.push_back(std::move(subject));
  for (auto& [when, then] : arms) {
    e->children.push_back(lit(when));
    e->children.push_back(lit(then));
  }
  e->children.push_back(std::move(otherwise));
  return e;
}

TEST(Case, SimpleFormComparesWithEquality) {
  EXPECT_EQ(eval(case_of(lit(Value(2)), {{1, "one"}, {2.0, "two"}}, lit(Value("other")))),
            Value("two"));
  EXPECT_EQ(eval(case_of(lit(Value(3)), {{1, "one"}}, lit(Value("other")))), Value("other"));
  EXPECT_EQ(eval(case_of(lit(Value(3)), {{1, "one"}}, nullptr)), kN);
  EXPECT_EQ(eval(case_of(lit(kN), {{Value(), "null"}}, lit(Value("else")))), Value("else"));
}

TEST(Case, GenericFormTakesTheFirstTrueCondition) {
  EXPECT_EQ(eval(case_of(nullptr, {{false, 1}, {Value(), 2}, {true, 3}, {true, 4}}, nullptr)),
            Value(3));
  EXPECT_EQ(eval(case_of(nullptr, {{false, 1}}, lit(Value(9)))), Value(9));
}

TEST(MapProjection, PropertiesAllPropertiesLiteralsAndVariables) {
  FakeContext ctx;
  ctx.nodes[1] = {List{Value("Customer")}, Map{{"age", Value(36)}, {"name", Value("Ada")}}};
  Row row{Value(NodeRef{1}), Value(7)};
  auto e = make(ExpressionKind::kMapProjection);
  e->name = "n";
  e->slot = 0;
  e->projection_items.push_back({ast::MapProjectionItem::Kind::kProperty, "name", nullptr, -1});
  e->projection_items.push_back({ast::MapProjectionItem::Kind::kProperty, "city", nullptr, -1});
  e->projection_items.push_back(
      {ast::MapProjectionItem::Kind::kLiteralEntry, "total", lit(Value(3)), -1});
  e->projection_items.push_back({ast::MapProjectionItem::Kind::kVariable, "k", nullptr, 1});
  EXPECT_EQ(str(eval(e, ctx, row)), "{city: null, k: 7, name: 'Ada', total: 3}");
  auto all = make(ExpressionKind::kMapProjection);
  all->slot = 0;
  all->projection_items.push_back({ast::MapProjectionItem::Kind::kAllProperties, "", nullptr, -1});
  all->projection_items.push_back(
      {ast::MapProjectionItem::Kind::kLiteralEntry, "age", lit(Value(1)), -1});
  EXPECT_EQ(str(eval(all, ctx, row)), "{age: 1, name: 'Ada'}");
  row[0] = Value();
  EXPECT_EQ(eval(all, ctx, row), kN);
}

TEST(Patterns, AreEvaluatedByTheContext) {
  FakeContext ctx;
  ctx.pattern_result = Value(false);
  Row row;
  auto p = make(ExpressionKind::kPatternPredicate);
  EXPECT_EQ(eval(p, ctx, row), kF);
  auto ex = make(ExpressionKind::kExists);
  EXPECT_EQ(eval(ex, ctx, row), kF);
  auto exists_call = call("exists", children(make(ExpressionKind::kPatternPredicate)));
  EXPECT_EQ(eval(exists_call, ctx, row), kF);
  EXPECT_EQ(ctx.pattern_calls, 3);
}

TEST(FunctionCalls, ScalarsByNameAndAggregatesFromTheirSlot) {
  FakeContext ctx;
  Row row{Value(42)};
  EXPECT_EQ(eval(call("toUpper", children(lit(Value("ab")))), ctx, row), Value("AB"));
  EXPECT_EQ(eval(call("TOUPPER", children(lit(Value("ab")))), ctx, row), Value("AB"));
  auto agg = call("count", children(lit(Value(1))));
  agg->slot = 0;
  EXPECT_EQ(eval(agg, ctx, row), Value(42));
  auto unbound = call("sum", children(lit(Value(1))));
  EXPECT_EQ(error_code([&] { eval(unbound, ctx, row); }), QueryErrorCode::kSemantic);
  auto star = make(ExpressionKind::kCountStar);
  star->slot = 0;
  EXPECT_EQ(eval(star, ctx, row), Value(42));
  EXPECT_EQ(error_code([&] { eval(call("nope", {}), ctx, row); }), QueryErrorCode::kSemantic);
  EXPECT_EQ(error_code([&] { eval(call("toUpper", {}), ctx, row); }), QueryErrorCode::kSemantic);
}

TEST(IsTrue, OnlyBooleanTrue) {
  EXPECT_TRUE(is_true(Value(true)));
  EXPECT_FALSE(is_true(Value(false)));
  EXPECT_FALSE(is_true(Value()));
  EXPECT_FALSE(is_true(Value(1)));
}

}  // namespace
}  // namespace guanxi::query::testing
