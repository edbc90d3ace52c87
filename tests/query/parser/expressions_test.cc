// Expressions: precedence, associativity, postfix lookups, the parser-side
// rewrites (chained comparisons, label checks, literal folding).
#include <gtest/gtest.h>

#include "tests/query/parser/parser_test_support.h"

namespace guanxi::query::testing {
namespace {

TEST(Names, LettersOfAnyScriptAndNumbersAfterTheFirst) {
  const ast::Statement statement =
      parse("RETURN 1 AS 客户1, 2 AS é_x2, 3 AS ÆØ, 4 AS x\u0661, 5 AS _ǅ, 6 AS 名ⅫⅠ");
  const auto& items = clause(statement).projection.items;
  ASSERT_EQ(items.size(), 6u);
  EXPECT_EQ(items[0].alias, "客户1");
  EXPECT_EQ(items[1].alias, "é_x2");
  EXPECT_EQ(items[2].alias, "ÆØ");
  EXPECT_EQ(items[3].alias, "x\u0661");
  EXPECT_EQ(items[4].alias, "_ǅ");
  EXPECT_EQ(items[5].alias, "名ⅫⅠ");
  EXPECT_EQ(expr("$名字"), "$名字");
  EXPECT_EQ(expr("$0"), "$0");
}

TEST(ExpressionPrecedence, MultiplicationBindsTighterThanAddition) {
  EXPECT_EQ(expr("1 + 2 * 3"), "(+ 1 (* 2 3))");
  EXPECT_EQ(expr("1 * 2 + 3"), "(+ (* 1 2) 3)");
}

TEST(ExpressionPrecedence, AdditiveOperatorsAreLeftAssociative) {
  EXPECT_EQ(expr("1 - 2 - 3"), "(- (- 1 2) 3)");
  EXPECT_EQ(expr("8 / 4 % 3 * 2"), "(* (% (/ 8 4) 3) 2)");
}

TEST(ExpressionPrecedence, PowerBindsTighterThanMultiplicationAndIsLeftAssociative) {
  EXPECT_EQ(expr("2 * 3 ^ 2"), "(* 2 (^ 3 2))");
  EXPECT_EQ(expr("2 ^ 3 ^ 2"), "(^ (^ 2 3) 2)");
}

TEST(ExpressionPrecedence, UnaryMinusBindsTighterThanPower) {
  EXPECT_EQ(expr("-x ^ 2"), "(^ (neg x) 2)");
  EXPECT_EQ(expr("-2 ^ 2"), "(^ -2 2)");
}

TEST(ExpressionPrecedence, BooleanOperatorsOrLooserThanXorLooserThanAnd) {
  EXPECT_EQ(expr("a OR b XOR c AND d"), "(or a (xor b (and c d)))");
  EXPECT_EQ(expr("a AND b OR c"), "(or (and a b) c)");
}

TEST(ExpressionPrecedence, NotIsLooserThanComparison) {
  EXPECT_EQ(expr("NOT a = b"), "(not (= a b))");
  EXPECT_EQ(expr("NOT NOT a"), "(not (not a))");
  EXPECT_EQ(expr("NOT a AND b"), "(and (not a) b)");
}

TEST(ExpressionPrecedence, StringPredicatesBindTighterThanComparison) {
  EXPECT_EQ(expr("a STARTS WITH 'x' = true"), "(= (starts a 'x') true)");
  EXPECT_EQ(expr("a + 'b' ENDS WITH 'c'"), "(ends (+ a 'b') 'c')");
  EXPECT_EQ(expr("a CONTAINS b"), "(contains a b)");
  EXPECT_EQ(expr("a =~ 'x.*'"), "(=~ a 'x.*')");
}

TEST(ExpressionPrecedence, InAndIsNullBindTighterThanComparisonAndLooserThanAddition) {
  EXPECT_EQ(expr("x + 1 IN [2, 3]"), "(in (+ x 1) [2 3])");
  EXPECT_EQ(expr("x IS NULL = false"), "(= (isnull x) false)");
  EXPECT_EQ(expr("x.y IS NOT NULL"), "(notnull (. x y))");
  EXPECT_EQ(expr("a IN b IN c"), "(in (in a b) c)");
}

TEST(ExpressionPrecedence, ParenthesesOverridePrecedence) {
  EXPECT_EQ(expr("(1 + 2) * 3"), "(* (+ 1 2) 3)");
  EXPECT_EQ(expr("NOT (a OR b)"), "(not (or a b))");
}

TEST(Comparison, AllOperators) {
  EXPECT_EQ(expr("a = b"), "(= a b)");
  EXPECT_EQ(expr("a <> b"), "(<> a b)");
  EXPECT_EQ(expr("a != b"), "(<> a b)");
  EXPECT_EQ(expr("a < b"), "(< a b)");
  EXPECT_EQ(expr("a <= b"), "(<= a b)");
  EXPECT_EQ(expr("a > b"), "(> a b)");
  EXPECT_EQ(expr("a >= b"), "(>= a b)");
}

TEST(Comparison, ChainedComparisonsExpandToConjunctions) {
  EXPECT_EQ(expr("a < b < c"), "(and (< a b) (< b c))");
  EXPECT_EQ(expr("1 <= x.v < 10 = y"), "(and (and (<= 1 (. x v)) (< (. x v) 10)) (= 10 y))");
}

TEST(Comparison, ChainedComparisonKeepsTextOfEachPart) {
  ast::Statement s = parse("RETURN a < b + 1 <= c");
  const ast::Expression& conjunction = *clause(s).projection.items[0].expression;
  EXPECT_EQ(conjunction.text, "a < b + 1 <= c");
  EXPECT_EQ(conjunction.children[0]->text, "a < b + 1");
  EXPECT_EQ(conjunction.children[1]->text, "b + 1 <= c");
  EXPECT_EQ(conjunction.children[1]->pos.column, 12u);
}

TEST(UnaryMinus, FoldsIntoIntegerAndFloatLiterals) {
  ast::Statement s = parse("RETURN -42, -1.5, - 7, --3");
  const auto& items = clause(s).projection.items;
  EXPECT_EQ(items[0].expression->kind, ast::ExpressionKind::kLiteral);
  EXPECT_EQ(items[0].expression->literal, Value(std::int64_t{-42}));
  EXPECT_EQ(items[0].expression->text, "-42");
  EXPECT_EQ(items[1].expression->literal, Value(-1.5));
  EXPECT_EQ(dump(items[2].expression), "-7");
  EXPECT_EQ(dump(items[3].expression), "(neg -3)");
}

TEST(UnaryMinus, AppliesToNonLiteralsAndPropertyLookups) {
  EXPECT_EQ(expr("-x"), "(neg x)");
  EXPECT_EQ(expr("-n.age"), "(neg (. n age))");
  EXPECT_EQ(expr("+5"), "(pos 5)");
  EXPECT_EQ(expr("1 - -2"), "(- 1 -2)");
}

TEST(Postfix, PropertyLookupsChain) { EXPECT_EQ(expr("a.b.c"), "(. (. a b) c)"); }

TEST(Postfix, KeywordsAreAllowedAsPropertyKeys) {
  EXPECT_EQ(expr("n.count"), "(. n count)");
  EXPECT_EQ(expr("n.end + n.limit"), "(+ (. n end) (. n limit))");
  EXPECT_EQ(expr("n.`first name`"), "(. n first name)");
}

TEST(Postfix, IndexingAndSlicing) {
  EXPECT_EQ(expr("list[0]"), "([] list 0)");
  EXPECT_EQ(expr("m['key']"), "([] m 'key')");
  EXPECT_EQ(expr("list[1..3]"), "([..] list 1 3)");
  EXPECT_EQ(expr("list[..2]"), "([..] list _ 2)");
  EXPECT_EQ(expr("list[-2..]"), "([..] list -2 _)");
  EXPECT_EQ(expr("list[0][1].x"), "(. ([] ([] list 0) 1) x)");
  EXPECT_EQ(expr("[1, 2, 3][i + 1]"), "([] [1 2 3] (+ i 1))");
}

// The lowering calls a function no query can name ("label check": labels of
// a node, the type of a relationship).
TEST(Postfix, LabelCheckBecomesMembership) {
  EXPECT_EQ(where("n:Customer"), "(in 'Customer' (call label check n))");
  EXPECT_EQ(where("n:A:B"), "(and (in 'A' (call label check n)) (in 'B' (call label check n)))");
  EXPECT_EQ(where("NOT n:A OR m:`B c`"),
            "(or (not (in 'A' (call label check n))) (in 'B c' (call label check m)))");
}

TEST(Functions, CallsWithArgumentsAndDistinct) {
  EXPECT_EQ(expr("count(n)"), "(call count n)");
  EXPECT_EQ(expr("count(DISTINCT n.x)"), "(call count distinct (. n x))");
  EXPECT_EQ(expr("coalesce(a, b, 1)"), "(call coalesce a b 1)");
  EXPECT_EQ(expr("rand()"), "(call rand)");
  EXPECT_EQ(expr("toUpper(n.name)"), "(call toUpper (. n name))");
}

TEST(Functions, DottedNames) {
  EXPECT_EQ(expr("date.truncate('month', d)"), "(call date.truncate 'month' d)");
  EXPECT_EQ(expr("a.b.c(1)"), "(call a.b.c 1)");
}

TEST(Functions, CountStar) {
  ast::Statement s = parse("RETURN count(*), COUNT( * )");
  const auto& items = clause(s).projection.items;
  EXPECT_EQ(items[0].expression->kind, ast::ExpressionKind::kCountStar);
  EXPECT_EQ(items[0].expression->text, "count(*)");
  EXPECT_EQ(items[1].expression->kind, ast::ExpressionKind::kCountStar);
  EXPECT_EQ(items[1].expression->text, "COUNT( * )");
}

TEST(Functions, CountIsAlsoAVariableName) { EXPECT_EQ(expr("count + 1"), "(+ count 1)"); }

TEST(Case, GenericForm) {
  EXPECT_EQ(expr("CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END"), "(case _ a 1 b 2 3)");
  EXPECT_EQ(expr("CASE WHEN a > 1 THEN 'x' END"), "(case _ (> a 1) 'x' _)");
}

TEST(Case, SimpleForm) {
  EXPECT_EQ(expr("CASE n.kind WHEN 'a' THEN 1 ELSE 0 END"), "(case (. n kind) 'a' 1 0)");
}

TEST(Case, Nested) {
  EXPECT_EQ(expr("CASE WHEN CASE x WHEN 1 THEN true END THEN 1 END"),
            "(case _ (case x 1 true _) 1 _)");
}

TEST(Comprehensions, ListComprehensionForms) {
  EXPECT_EQ(expr("[x IN list WHERE x > 1 | x * 2]"), "(listcomp x list (> x 1) (* x 2))");
  EXPECT_EQ(expr("[x IN list WHERE x > 1]"), "(listcomp x list (> x 1) _)");
  EXPECT_EQ(expr("[x IN range(1, 3) | x]"), "(listcomp x (call range 1 3) _ x)");
  EXPECT_EQ(expr("[x IN [1, 2]]"), "(listcomp x [1 2] _ _)");
}

TEST(Comprehensions, PatternComprehension) {
  EXPECT_EQ(expr("[(a)-[:KNOWS]->(b) WHERE b.age > 30 | b.name]"),
            "(patcomp (a)-[:KNOWS]->(b) (> (. b age) 30) (. b name))");
  EXPECT_EQ(expr("[p = (a)-->() | length(p)]"), "(patcomp p = (a)-->() _ (call length p))");
}

// shortestPath(...) as an expression: the first path of a comprehension over
// the shortest pattern, projecting a path variable no query can spell.
TEST(Comprehensions, ShortestPathExpressions) {
  EXPECT_EQ(expr("shortestPath((a)-[*]->(b))"),
            "(call head (patcomp  path@1:8 = shortestPath((a)-[*..]->(b)) _  path@1:8))");
  EXPECT_EQ(expr("allShortestPaths((a)-[:R*..3]-(b))"),
            "(patcomp  path@1:8 = allShortestPaths((a)-[:R*..3]-(b)) _  path@1:8)");
}

TEST(Keywords, EndNamesAVariableOutsideCase) {
  EXPECT_EQ(expr("CASE end WHEN 1 THEN end ELSE 0 END"), "(case end 1 end 0)");
}

TEST(Comprehensions, ListLiteralHoldingAPatternPredicateStaysAList) {
  EXPECT_EQ(expr("[(a)-->(b)]"), "[(pattern (a)-->(b))]");
}

TEST(Quantifiers, AllFour) {
  EXPECT_EQ(expr("all(x IN l WHERE x > 0)"), "(all x l (> x 0))");
  EXPECT_EQ(expr("any(x IN l WHERE x = 1)"), "(any x l (= x 1))");
  EXPECT_EQ(expr("none(x IN l WHERE x IS NULL)"), "(none x l (isnull x))");
  EXPECT_EQ(expr("single(x IN l WHERE x)"), "(single x l x)");
  EXPECT_EQ(expr("ANY(x IN l)"), "(any x l _)");
}

TEST(Reduce, AccumulatorInitListAndStep) {
  EXPECT_EQ(expr("reduce(total = 0, x IN [1, 2] | total + x)"),
            "(reduce total 0 x [1 2] (+ total x))");
}

TEST(MapProjection, AllItemKinds) {
  EXPECT_EQ(expr("n{.name, .*, age: n.age + 1, other}"),
            "n{.name, .*, age: (+ (. n age) 1), other}");
  EXPECT_EQ(expr("n{}"), "n{}");
  EXPECT_EQ(expr("n {.count, limit: 1}"), "n{.count, limit: 1}");
}

TEST(PatternPredicates, InWhere) {
  EXPECT_EQ(where("(n)-[:KNOWS]->(:Customer)"), "(pattern (n)-[:KNOWS]->(:Customer))");
  EXPECT_EQ(where("NOT (n)--()"), "(not (pattern (n)--()))");
  EXPECT_EQ(where("(n)<-[:R]-(m) AND m.x = 1"), "(and (pattern (n)<-[:R]-(m)) (= (. m x) 1))");
}

TEST(PatternPredicates, ParenthesizedVariableStaysAnExpression) {
  EXPECT_EQ(where("(n) IS NOT NULL"), "(notnull n)");
  EXPECT_EQ(where("(n.x) > 1"), "(> (. n x) 1)");
}

TEST(Exists, SubqueryWithAndWithoutWhere) {
  EXPECT_EQ(where("EXISTS { (n)-[:KNOWS]->(m) WHERE m.age > 3 }"),
            "(exists (n)-[:KNOWS]->(m) (> (. m age) 3))");
  EXPECT_EQ(where("exists { MATCH (n)-->(), (n)--(x) }"), "(exists (n)-->() (n)--(x) _)");
}

TEST(Exists, FunctionFormOnPatternAndOnProperty) {
  // exists(pattern) is EXISTS { pattern }.
  EXPECT_EQ(where("exists((n)-[:R]->())"), "(exists (n)-[:R]->() _)");
  EXPECT_EQ(where("exists(n.email)"), "(notnull (. n email))");
}

TEST(Parameters, NamedNumberedAndQuoted) {
  EXPECT_EQ(expr("$name"), "$name");
  EXPECT_EQ(expr("$0"), "$0");
  EXPECT_EQ(expr("$`odd name`"), "$odd name");
  EXPECT_EQ(expr("$limit + 1"), "(+ $limit 1)");
}

TEST(Collections, ListAndMapLiterals) {
  EXPECT_EQ(expr("[]"), "[]");
  EXPECT_EQ(expr("[1, 'a', [true, null]]"), "[1 'a' [true null]]");
  EXPECT_EQ(expr("{}"), "{}");
  EXPECT_EQ(expr("{a: 1, `b c`: [2], limit: 3, Match: 4}"), "{a: 1, b c: [2], limit: 3, Match: 4}");
}

TEST(Variables, BacktickedNamesAndSoftKeywords) {
  EXPECT_EQ(expr("`weird ``name`"), "weird `name");
  EXPECT_EQ(expr("`MATCH`"), "MATCH");
  EXPECT_EQ(expr("begin + commit"), "(+ begin commit)");
  EXPECT_EQ(expr("_x1 + ünïcödé"), "(+ _x1 ünïcödé)");
}

TEST(Text, EveryExpressionKeepsItsSourceText) {
  ast::Statement s = parse("RETURN n.name, count( * ), (1 + 2), toUpper( n.x ) AS up");
  const auto& items = clause(s).projection.items;
  EXPECT_EQ(items[0].expression->text, "n.name");
  EXPECT_EQ(items[1].expression->text, "count( * )");
  EXPECT_EQ(items[2].expression->text, "(1 + 2)");
  EXPECT_EQ(items[3].expression->text, "toUpper( n.x )");
  EXPECT_EQ(items[3].alias, "up");
  EXPECT_EQ(items[3].expression->children[0]->text, "n.x");
}

TEST(Text, KeepsCommentsAndLineBreaksInside) {
  ast::Statement s = parse("RETURN 1 +\n  /* two */ 2");
  EXPECT_EQ(clause(s).projection.items[0].expression->text, "1 +\n  /* two */ 2");
}

}  // namespace
}  // namespace guanxi::query::testing
