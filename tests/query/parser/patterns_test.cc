// Node and relationship patterns in MATCH, CREATE and MERGE.
#include <gtest/gtest.h>

#include "tests/query/parser/parser_test_support.h"

namespace guanxi::query::testing {
namespace {

const ast::PatternPart& first_part(const ast::Statement& s) { return clause(s).pattern.at(0); }

std::string pattern(std::string_view text) {
  ast::Statement s = parse("MATCH " + std::string(text) + " RETURN 1");
  std::string out;
  for (const ast::PatternPart& part : clause(s).pattern) {
    out += (out.empty() ? "" : ", ") + dump(part);
  }
  return out;
}

TEST(NodePatterns, VariableLabelsAndProperties) {
  EXPECT_EQ(pattern("()"), "()");
  EXPECT_EQ(pattern("(n)"), "(n)");
  EXPECT_EQ(pattern("(:Customer)"), "(:Customer)");
  EXPECT_EQ(pattern("(n:Customer:Vip)"), "(n:Customer:Vip)");
  EXPECT_EQ(pattern("(n {name: 'Ada', age: 36})"), "(n {name: 'Ada', age: 36})");
  EXPECT_EQ(pattern("(n:A $props)"), "(n:A $props)");
}

TEST(NodePatterns, KeywordAndQuotedLabels) {
  EXPECT_EQ(pattern("(n:Order:`Big Customer`)"), "(n:Order:Big Customer)");
  EXPECT_EQ(pattern("(`my node`)"), "(my node)");
}

TEST(RelationshipPatterns, Directions) {
  EXPECT_EQ(pattern("(a)-->(b)"), "(a)-->(b)");
  EXPECT_EQ(pattern("(a)<--(b)"), "(a)<--(b)");
  EXPECT_EQ(pattern("(a)--(b)"), "(a)--(b)");
  EXPECT_EQ(pattern("(a)<-->(b)"), "(a)--(b)");
  EXPECT_EQ(pattern("(a)-[r]->(b)"), "(a)-[r]->(b)");
  EXPECT_EQ(pattern("(a)<-[r]-(b)"), "(a)<-[r]-(b)");
  EXPECT_EQ(pattern("(a)-[r]-(b)"), "(a)-[r]-(b)");
  EXPECT_EQ(pattern("(a)-[]-(b)"), "(a)--(b)");
}

TEST(RelationshipPatterns, TypeAlternatives) {
  EXPECT_EQ(pattern("(a)-[:KNOWS]->(b)"), "(a)-[:KNOWS]->(b)");
  EXPECT_EQ(pattern("(a)-[r:KNOWS|FOLLOWS]->(b)"), "(a)-[r:KNOWS|FOLLOWS]->(b)");
  EXPECT_EQ(pattern("(a)-[:A|:B|C]-(b)"), "(a)-[:A|B|C]-(b)");
}

TEST(RelationshipPatterns, PropertiesAndParameters) {
  EXPECT_EQ(pattern("(a)-[:R {since: 2020}]->(b)"), "(a)-[:R {since: 2020}]->(b)");
  EXPECT_EQ(pattern("(a)-[r $p]->(b)"), "(a)-[r $p]->(b)");
}

TEST(RelationshipPatterns, VariableLengthForms) {
  ast::Statement s = parse("MATCH (a)-[*]->(b) RETURN b");
  const ast::RelPattern& any = first_part(s).rels[0];
  EXPECT_TRUE(any.variable_length);
  EXPECT_FALSE(any.min_hops.has_value());
  EXPECT_FALSE(any.max_hops.has_value());
  EXPECT_EQ(pattern("(a)-[*2]->(b)"), "(a)-[*2..2]->(b)");
  EXPECT_EQ(pattern("(a)-[*1..3]->(b)"), "(a)-[*1..3]->(b)");
  EXPECT_EQ(pattern("(a)-[*..3]->(b)"), "(a)-[*..3]->(b)");
  EXPECT_EQ(pattern("(a)-[*2..]->(b)"), "(a)-[*2..]->(b)");
  EXPECT_EQ(pattern("(a)-[r:KNOWS*1..2 {x: 1}]-(b)"), "(a)-[r:KNOWS*1..2 {x: 1}]-(b)");
  EXPECT_EQ(pattern("(a)-[* 0 .. 5]->(b)"), "(a)-[*0..5]->(b)");
}

TEST(RelationshipPatterns, FixedLengthHasNoHops) {
  ast::Statement s = parse("MATCH (a)-[:R]->(b) RETURN b");
  const ast::RelPattern& rel = first_part(s).rels[0];
  EXPECT_FALSE(rel.variable_length);
  EXPECT_FALSE(rel.min_hops.has_value());
}

TEST(RelationshipPatterns, AnInvertedRangeIsKeptAsWritten) {
  // It matches nothing (openCypher); the parser keeps it as written.
  ast::Statement s = parse("MATCH (a)-[*3..1]->(b) RETURN b");
  const ast::RelPattern& rel = first_part(s).rels[0];
  EXPECT_TRUE(rel.variable_length);
  EXPECT_EQ(rel.min_hops, 3);
  EXPECT_EQ(rel.max_hops, 1);
}

TEST(PatternParts, LongChains) {
  EXPECT_EQ(pattern("(a)-[:R]->(b)<-[:S]-(c)--(d)"), "(a)-[:R]->(b)<-[:S]-(c)--(d)");
  ast::Statement s = parse("MATCH (a)-->(b)-->(c) RETURN a");
  EXPECT_EQ(first_part(s).nodes.size(), 3u);
  EXPECT_EQ(first_part(s).rels.size(), 2u);
}

TEST(PatternParts, SeveralPartsAndNamedPaths) {
  EXPECT_EQ(pattern("p = (a)-->(b), (c)"), "p = (a)-->(b), (c)");
  ast::Statement s = parse("MATCH p = (a)-->(b) RETURN p");
  EXPECT_EQ(first_part(s).path_variable, "p");
  EXPECT_EQ(first_part(s).pos.column, 7u);
}

TEST(PatternParts, ShortestPaths) {
  EXPECT_EQ(pattern("p = shortestPath((a)-[:KNOWS*]-(b))"),
            "p = shortestPath((a)-[:KNOWS*..]-(b))");
  EXPECT_EQ(pattern("allShortestPaths((a)-[*..5]->(b))"), "allShortestPaths((a)-[*..5]->(b))");
  EXPECT_EQ(pattern("p = SHORTESTPATH((a)--(b))"), "p = shortestPath((a)--(b))");
}

TEST(PatternPositions, NodesAndRelationships) {
  ast::Statement s = parse("MATCH (a)-[r:R]->(b)\n  , (c) RETURN a");
  const ast::PatternPart& part = first_part(s);
  EXPECT_EQ(part.nodes[0].pos.column, 7u);
  EXPECT_EQ(part.rels[0].pos.column, 10u);
  EXPECT_EQ(part.nodes[1].pos.column, 18u);
  const ast::PatternPart& second = clause(s).pattern[1];
  EXPECT_EQ(second.pos.line, 2u);
  EXPECT_EQ(second.pos.column, 5u);
}

}  // namespace
}  // namespace guanxi::query::testing
