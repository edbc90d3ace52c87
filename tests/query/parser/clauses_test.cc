// Clauses: reading, projecting, writing, procedure calls, UNION, and the
// order in which clauses may follow each other.
#include <gtest/gtest.h>

#include "tests/query/parser/parser_test_support.h"

namespace guanxi::query::testing {
namespace {

using ast::ClauseKind;

TEST(Match, PatternAndWhere) {
  ast::Statement s = parse("MATCH (c:Customer)-[:KNOWS]->(f) WHERE f.age > 30 RETURN f");
  ASSERT_EQ(s.kind, ast::StatementKind::kQuery);
  const ast::Clause& match = clause(s);
  EXPECT_EQ(match.kind, ClauseKind::kMatch);
  EXPECT_FALSE(match.optional);
  ASSERT_EQ(match.pattern.size(), 1u);
  EXPECT_EQ(dump(match.pattern[0]), "(c:Customer)-[:KNOWS]->(f)");
  EXPECT_EQ(dump(match.where), "(> (. f age) 30)");
  EXPECT_EQ(clause(s, 1).kind, ClauseKind::kReturn);
}

TEST(Match, OptionalMatchAndSeveralParts) {
  ast::Statement s = parse("MATCH (a), (b) OPTIONAL MATCH (a)-[r]-(b) RETURN a, b, r");
  EXPECT_EQ(clause(s, 0).pattern.size(), 2u);
  EXPECT_TRUE(clause(s, 1).optional);
  EXPECT_EQ(clause(s, 1).kind, ClauseKind::kMatch);
  EXPECT_EQ(dump(clause(s, 1).pattern[0]), "(a)-[r]-(b)");
}

TEST(Match, KeywordsAreCaseInsensitive) {
  ast::Statement s = parse("match (n) wHeRe n.x = 1 ReTuRn DISTINCT n order by n.x desc Limit 3");
  EXPECT_EQ(clause(s, 1).kind, ClauseKind::kReturn);
  EXPECT_TRUE(clause(s, 1).projection.distinct);
  EXPECT_TRUE(clause(s, 1).projection.order_by[0].descending);
}

TEST(Return, AliasesStarAndDistinct) {
  ast::Statement s = parse("MATCH (n) RETURN DISTINCT *, n.name AS name, n.age");
  const ast::Projection& p = clause(s, 1).projection;
  EXPECT_TRUE(p.distinct);
  EXPECT_TRUE(p.star);
  ASSERT_EQ(p.items.size(), 2u);
  EXPECT_EQ(p.items[0].alias, "name");
  EXPECT_EQ(p.items[1].alias, "");
  EXPECT_EQ(p.items[1].expression->text, "n.age");
}

TEST(Return, StarAlone) {
  ast::Statement s = parse("MATCH (n) RETURN *");
  EXPECT_TRUE(clause(s, 1).projection.star);
  EXPECT_TRUE(clause(s, 1).projection.items.empty());
}

TEST(Return, OrderBySkipLimit) {
  ast::Statement s = parse(
      "MATCH (n) RETURN n ORDER BY n.a, n.b ASC, n.c ASCENDING, n.d DESC, n.e DESCENDING "
      "SKIP 5 LIMIT $k");
  const ast::Projection& p = clause(s, 1).projection;
  ASSERT_EQ(p.order_by.size(), 5u);
  EXPECT_FALSE(p.order_by[0].descending);
  EXPECT_FALSE(p.order_by[1].descending);
  EXPECT_FALSE(p.order_by[2].descending);
  EXPECT_TRUE(p.order_by[3].descending);
  EXPECT_TRUE(p.order_by[4].descending);
  EXPECT_EQ(dump(p.order_by[4].expression), "(. n e)");
  EXPECT_EQ(dump(p.skip), "5");
  EXPECT_EQ(dump(p.limit), "$k");
}

TEST(With, ProjectionWithWhereAndPaging) {
  ast::Statement s = parse(
      "MATCH (n) WITH DISTINCT n.city AS city, count(*) AS c ORDER BY c DESC SKIP 1 LIMIT 10 "
      "WHERE c > 2 RETURN city");
  const ast::Clause& with = clause(s, 1);
  EXPECT_EQ(with.kind, ClauseKind::kWith);
  EXPECT_TRUE(with.projection.distinct);
  EXPECT_EQ(with.projection.items.size(), 2u);
  EXPECT_EQ(with.projection.items[1].expression->kind, ast::ExpressionKind::kCountStar);
  EXPECT_EQ(dump(with.projection.skip), "1");
  EXPECT_EQ(dump(with.projection.limit), "10");
  EXPECT_EQ(dump(with.projection.where), "(> c 2)");
}

TEST(With, StarWithExtraItems) {
  ast::Statement s = parse("MATCH (n) WITH *, 1 AS one RETURN one");
  EXPECT_TRUE(clause(s, 1).projection.star);
  EXPECT_EQ(clause(s, 1).projection.items[0].alias, "one");
}

TEST(Unwind, ExpressionAndVariable) {
  ast::Statement s = parse("UNWIND [1, 2, 3] AS x RETURN x");
  EXPECT_EQ(clause(s).kind, ClauseKind::kUnwind);
  EXPECT_EQ(dump(clause(s).expression), "[1 2 3]");
  EXPECT_EQ(clause(s).variable, "x");
}

TEST(Union, DistinctAndAll) {
  ast::Statement s = parse("RETURN 1 AS x UNION RETURN 2 AS x");
  ASSERT_EQ(s.query.parts.size(), 2u);
  ASSERT_EQ(s.query.union_all.size(), 1u);
  EXPECT_FALSE(s.query.union_all[0]);
  ast::Statement all = parse("RETURN 1 AS x UNION ALL RETURN 2 AS x UNION ALL RETURN 3 AS x");
  ASSERT_EQ(all.query.parts.size(), 3u);
  EXPECT_EQ(all.query.union_all, (std::vector<bool>{true, true}));
  EXPECT_EQ(all.query.parts[2].pos.column, 49u);
}

TEST(Union, MixingUnionAndUnionAllIsAnError) {
  // It parses; openCypher classes it as a semantic error.
  Failure f = failure("RETURN 1 AS x UNION RETURN 2 AS x UNION ALL RETURN 3 AS x");
  EXPECT_EQ(f.code, QueryErrorCode::kSemantic);
  EXPECT_EQ(f.message, "Invalid combination of UNION and UNION ALL");
}

TEST(Create, PatternsWithProperties) {
  ast::Statement s =
      parse("CREATE (a:Customer {name: 'Ada', age: 36})-[:KNOWS {since: 2020}]->(b:Customer), (c)");
  const ast::Clause& create = clause(s);
  EXPECT_EQ(create.kind, ClauseKind::kCreate);
  ASSERT_EQ(create.pattern.size(), 2u);
  EXPECT_EQ(dump(create.pattern[0]),
            "(a:Customer {name: 'Ada', age: 36})-[:KNOWS {since: 2020}]->(b:Customer)");
  EXPECT_EQ(s.query.parts[0].clauses.size(), 1u);  // CREATE may end a query
}

TEST(Merge, OnCreateAndOnMatch) {
  ast::Statement s = parse(
      "MERGE (c:Customer {id: $id}) ON CREATE SET c.created = 1, c.n = 0 "
      "ON MATCH SET c.n = c.n + 1 ON CREATE SET c:New RETURN c");
  const ast::Clause& merge = clause(s);
  EXPECT_EQ(merge.kind, ClauseKind::kMerge);
  ASSERT_EQ(merge.pattern.size(), 1u);
  EXPECT_EQ(dump(merge.pattern[0]), "(c:Customer {id: $id})");
  ASSERT_EQ(merge.on_create.size(), 3u);
  EXPECT_EQ(merge.on_create[2].kind, ast::SetItem::Kind::kLabels);
  ASSERT_EQ(merge.on_match.size(), 1u);
  EXPECT_EQ(dump(merge.on_match[0].target), "(. c n)");
  EXPECT_EQ(dump(merge.on_match[0].value), "(+ (. c n) 1)");
}

TEST(Set, AllItemKinds) {
  ast::Statement s = parse("MATCH (n) SET n.a = 1, n = {b: 2}, n += $props, n:A:B, n.c.d = 3");
  const auto& items = clause(s, 1).set_items;
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(items[0].kind, ast::SetItem::Kind::kProperty);
  EXPECT_EQ(dump(items[0].target), "(. n a)");
  EXPECT_EQ(dump(items[0].value), "1");
  EXPECT_EQ(items[1].kind, ast::SetItem::Kind::kReplaceProperties);
  EXPECT_EQ(items[1].variable, "n");
  EXPECT_EQ(dump(items[1].value), "{b: 2}");
  EXPECT_EQ(items[2].kind, ast::SetItem::Kind::kMergeProperties);
  EXPECT_EQ(dump(items[2].value), "$props");
  EXPECT_EQ(items[3].kind, ast::SetItem::Kind::kLabels);
  EXPECT_EQ(items[3].labels, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(dump(items[4].target), "(. (. n c) d)");
  EXPECT_EQ(items[2].pos.column, 36u);
}

TEST(Remove, PropertiesAndLabels) {
  ast::Statement s = parse("MATCH (n) REMOVE n.a, n:A:B");
  const auto& items = clause(s, 1).remove_items;
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].kind, ast::RemoveItem::Kind::kProperty);
  EXPECT_EQ(dump(items[0].target), "(. n a)");
  EXPECT_EQ(items[1].kind, ast::RemoveItem::Kind::kLabels);
  EXPECT_EQ(items[1].variable, "n");
  EXPECT_EQ(items[1].labels, (std::vector<std::string>{"A", "B"}));
}

TEST(Delete, PlainAndDetach) {
  ast::Statement s = parse("MATCH (n)-[r]-() DELETE r, n");
  EXPECT_FALSE(clause(s, 1).detach);
  ASSERT_EQ(clause(s, 1).delete_expressions.size(), 2u);
  EXPECT_EQ(dump(clause(s, 1).delete_expressions[1]), "n");
  ast::Statement d = parse("MATCH (n) DETACH DELETE n");
  EXPECT_EQ(clause(d, 1).kind, ClauseKind::kDelete);
  EXPECT_TRUE(clause(d, 1).detach);
}

TEST(Call, ArgumentsYieldAliasesAndWhere) {
  ast::Statement s = parse(
      "CALL algo.pagerank({labels: ['Customer']}, 20) YIELD node, score AS s WHERE s > 0.5 "
      "RETURN node.name, s");
  const ast::Clause& call = clause(s);
  EXPECT_EQ(call.kind, ClauseKind::kCall);
  EXPECT_EQ(call.procedure, "algo.pagerank");
  EXPECT_TRUE(call.arguments_given);
  ASSERT_EQ(call.arguments.size(), 2u);
  EXPECT_EQ(dump(call.arguments[0]), "{labels: ['Customer']}");
  EXPECT_FALSE(call.yield_star);
  ASSERT_EQ(call.yield_items.size(), 2u);
  EXPECT_EQ(call.yield_items[0].name, "node");
  EXPECT_EQ(call.yield_items[1].name, "score");
  EXPECT_EQ(call.yield_items[1].alias, "s");
  EXPECT_EQ(dump(call.where), "(> s 0.5f)");
}

TEST(Call, StandaloneWithoutParenthesesOrYield) {
  ast::Statement s = parse("CALL db.labels");
  const ast::Clause& call = clause(s);
  EXPECT_EQ(call.procedure, "db.labels");
  EXPECT_FALSE(call.arguments_given);
  EXPECT_TRUE(call.yield_star);
  ast::Statement empty = parse("CALL db.labels()");
  EXPECT_TRUE(clause(empty).arguments_given);
  EXPECT_TRUE(clause(empty).arguments.empty());
}

TEST(Call, YieldStarAndKeywordNamedParts) {
  ast::Statement s = parse("CALL db.index.list() YIELD * RETURN *");
  EXPECT_EQ(clause(s).procedure, "db.index.list");
  EXPECT_TRUE(clause(s).yield_star);
  ast::Statement t = parse("CALL db.relationshipTypes() YIELD relationshipType AS type");
  EXPECT_EQ(clause(t).yield_items[0].alias, "type");
}

TEST(ClauseOrder, ReturnMustBeLast) {
  Failure f = failure("MATCH (n) RETURN n MATCH (m) RETURN m");
  EXPECT_EQ(f.code, QueryErrorCode::kSyntax);
  EXPECT_EQ(f.message, "RETURN can only be used at the end of the query");
  EXPECT_EQ(f.pos.column, 11u);
}

TEST(ClauseOrder, QueryCannotEndWithAReadingClause) {
  Failure match = failure("MATCH (n)");
  EXPECT_EQ(match.code, QueryErrorCode::kSyntax);
  EXPECT_NE(match.message.find("cannot conclude with MATCH"), std::string::npos);
  EXPECT_NE(failure("MATCH (n) WITH n").message.find("WITH"), std::string::npos);
  EXPECT_NE(failure("UNWIND [1] AS x").message.find("UNWIND"), std::string::npos);
}

TEST(ClauseOrder, EveryUnionPartEndsWithReturn) {
  Failure f = failure("RETURN 1 AS x UNION CREATE (n)");
  EXPECT_EQ(f.message, "Each part of a UNION must end with RETURN");
}

TEST(ClauseOrder, UpdatesMayEndAQuery) {
  EXPECT_NO_THROW(parse("MATCH (n) SET n.x = 1"));
  EXPECT_NO_THROW(parse("MATCH (n) REMOVE n:A"));
  EXPECT_NO_THROW(parse("MERGE (n:A {id: 1})"));
  EXPECT_NO_THROW(parse("MATCH (n) CALL db.labels() YIELD label"));
}

}  // namespace
}  // namespace guanxi::query::testing
