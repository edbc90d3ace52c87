// Semantic errors found by the binder: code, message and position.
#include "tests/query/engine_fixture.h"

namespace guanxi::query::testing {
namespace {

class BinderTest : public EngineTest {
 protected:
  // Expects kSemantic with `message` in what() at `column` of line 1.
  void expect_semantic(const std::string& text, const std::string& message, std::uint32_t column) {
    QueryError e = error(text);
    EXPECT_EQ(e.code(), QueryErrorCode::kSemantic) << text << ": " << e.what();
    EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
    EXPECT_EQ(e.position().line, 1u) << text;
    EXPECT_EQ(e.position().column, column) << text << ": " << e.what();
  }
};

TEST_F(BinderTest, UndefinedVariable) {
  expect_semantic("RETURN x", "Variable `x` not defined", 8);
  expect_semantic("MATCH (n) RETURN m.name", "Variable `m` not defined", 18);
  expect_semantic("MATCH (n) WITH n.name AS name RETURN n", "Variable `n` not defined", 38);
}

TEST_F(BinderTest, AlreadyDeclared) {
  expect_semantic("MATCH (n) UNWIND [1] AS n RETURN n", "Variable `n` already declared", 11);
  expect_semantic("MATCH (n) CREATE (n:Foo) RETURN n", "already declared", 18);
  expect_semantic("MATCH (a)-[r]->(b) MATCH (c)-[r]->(d)-[r]->(e) RETURN a",
                  "same relationship variable", 38);
}

TEST_F(BinderTest, Functions) {
  expect_semantic("RETURN foo(1)", "Unknown function 'foo'", 8);
  expect_semantic("RETURN toUpper('a', 'b')", "expects 1 argument, got 2", 8);
  expect_semantic("RETURN substring('abc')", "Function 'substring' expects", 8);
}

TEST_F(BinderTest, AggregationMisuse) {
  expect_semantic("MATCH (n) WHERE count(n) > 1 RETURN n", "Invalid use of aggregating function",
                  17);
  expect_semantic("RETURN count(count(*))", "inside of aggregate functions", 14);
  expect_semantic("UNWIND [1] AS x RETURN x ORDER BY sum(x)", "Invalid use of aggregating", 35);
}

TEST_F(BinderTest, ProjectionRules) {
  expect_semantic("MATCH (n) WITH n.name RETURN 1", "must be aliased", 16);
  expect_semantic("RETURN 1 AS a, 2 AS a", "Multiple result columns with the same name", 16);
  expect_semantic("MATCH (n) RETURN count(*) AS c ORDER BY n.name", "Variable `n` not defined", 41);
  expect_semantic("RETURN 1 AS a UNION RETURN 2 AS b", "same return column names", 21);
}

TEST_F(BinderTest, WellFormedQueriesBind) {
  EXPECT_EQ(value("UNWIND [3, 1, 2] AS x WITH x ORDER BY x RETURN collect(x)"), "[1, 2, 3]");
  EXPECT_EQ(value("UNWIND [1, 2, 3] AS x RETURN sum(x) * 2"), "12");
  EXPECT_EQ(rows("UNWIND [1, 1, 2] AS x RETURN x, count(*) AS c ORDER BY x").size(), 2u);
  // ORDER BY may use the variables before a non-aggregating RETURN.
  EXPECT_EQ(rows("UNWIND [2, 1] AS x RETURN x * 10 AS y ORDER BY x"),
            (std::vector<std::string>{"10", "20"}));
  // ... and a projected expression of an aggregating one.
  EXPECT_EQ(rows("UNWIND [1, 2, 2] AS x RETURN x % 2, count(*) ORDER BY x % 2"),
            (std::vector<std::string>{"0 | 2", "1 | 1"}));
}

}  // namespace
}  // namespace guanxi::query::testing
