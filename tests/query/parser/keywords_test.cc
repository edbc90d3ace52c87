// Keywords: the lexer reads them as names and the parser's keyword types are
// given to the names spelled like one (query/parser/parser.cc).
#include <gtest/gtest.h>

#include <string>

#include "tests/query/parser/parser_test_support.h"

namespace guanxi::query::testing {
namespace {

TEST(Keywords, AnyCaseIsTheKeyword) {
  const std::string upper = dump(clause(parse("MATCH (n) WHERE n.a IS NOT NULL RETURN n")).where);
  for (const char* text : {"match (n) where n.a is not null return n order by n.a desc limit 1",
                           "mAtCh (n) WhErE n.a Is NoT nUlL rEtUrN n OrDeR bY n.a DeSc LiMiT 1"}) {
    const ast::Statement s = parse(text);
    EXPECT_EQ(clause(s).kind, ast::ClauseKind::kMatch) << text;
    EXPECT_EQ(dump(clause(s).where), upper) << text;
    EXPECT_TRUE(clause(s, 1).projection.order_by.size() == 1) << text;
  }
  EXPECT_EQ(expr("TrUe"), "true");
  EXPECT_EQ(expr("null"), "null");
  EXPECT_EQ(expr("CASE WHEN false THEN 1 ELSE 2 eNd"), expr("case when FALSE then 1 else 2 END"));
  EXPECT_EQ(where("n.name STARTS WITH 'a'"), where("n.name starts with 'a'"));
  EXPECT_EQ(dump(clause(parse("MATCH p = allShortestPaths((a)-[*]->(b)) RETURN p")).pattern[0]),
            dump(clause(parse("MATCH p = ALLSHORTESTPATHS((a)-[*]->(b)) RETURN p")).pattern[0]));
}

TEST(Keywords, LongerNamesAndOtherLettersAreNames) {
  // A keyword inside a longer name, or with digits, '_' or letters outside
  // ASCII, is a plain name.
  for (const char* name : {"matches", "MATCH2", "match_", "_match", "returns", "nulls", "ends_with",
                           "ｍａｔｃｈ", "mätch", "匹配"}) {
    const std::string text = std::string("WITH 1 AS ") + name + " RETURN " + name;
    const ast::Statement s = parse(text);
    EXPECT_EQ(clause(s, 0).projection.items.at(0).alias, name) << text;
  }
  // A keyword where a name must be is still refused.
  EXPECT_EQ(failure("WITH 1 AS match RETURN 1").code, QueryErrorCode::kSyntax);
}

TEST(Keywords, KeywordsStayNamesWhereTheGrammarAllowsThem) {
  EXPECT_EQ(expr("n.match"), "(. n match)");
  EXPECT_EQ(expr("n.END"), "(. n END)");
  EXPECT_EQ(expr("{limit: 1, Return: 2}"), "{limit: 1, Return: 2}");
  const ast::Statement s = parse("MATCH (o:Order)-[:MATCH]->(x) RETURN count(*) AS count");
  EXPECT_EQ(dump(clause(s).pattern[0]), "(o:Order)-[:MATCH]->(x)");
}

}  // namespace
}  // namespace guanxi::query::testing
