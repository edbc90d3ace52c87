// Schema statements from their text, through the parser: the AST the parser
// makes is what run_schema_statement expects, and errors point at the statement.
#include <gtest/gtest.h>

#include "query/parser/parser.h"
#include "query/query_error.h"
#include "query/schema/schema_statement.h"
#include "tests/query/test_graph.h"

namespace guanxi::query {
namespace {

class ParsedSchemaStatementTest : public ::testing::Test {
 protected:
  SchemaResult run(std::string_view text) {
    const ast::Statement s = parser::parse_statement(text);
    EXPECT_TRUE(is_schema_statement(s)) << text;
    if (schema_statement_writes(s)) {
      return graph_->write([&](storage::WriteTransaction& txn) {
        return run_schema_statement(*graph_, txn, &txn, s);
      });
    }
    auto txn = graph_->read();
    return run_schema_statement(*graph_, txn, nullptr, s);
  }
  std::vector<std::string> names(std::string_view show) {
    std::vector<std::string> out;
    for (const auto& row : run(show).rows) out.push_back(row[1].as_string());
    return out;
  }

  test_support::TempGraph graph_;
};

TEST_F(ParsedSchemaStatementTest, EverySyntaxForm) {
  run("CREATE INDEX FOR (c:Customer) ON (c.email)");
  run("CREATE INDEX by_city IF NOT EXISTS FOR (c:Customer) ON (c.city)");
  run("CREATE INDEX ON :Company(title)");
  run("CREATE CONSTRAINT unique_id FOR (c:Customer) REQUIRE c.id IS UNIQUE");
  run("CREATE CONSTRAINT ON (p:Product) ASSERT p.sku IS UNIQUE;");
  EXPECT_EQ(names("SHOW INDEXES"),
            (std::vector<std::string>{"by_city", "constraint_Product_sku", "index_Company_title",
                                      "index_Customer_email", "unique_id"}));
  EXPECT_EQ(names("show constraints"),
            (std::vector<std::string>{"constraint_Product_sku", "unique_id"}));
  run("DROP INDEX by_city");
  run("DROP INDEX ON :Company(title)");
  run("DROP INDEX missing IF EXISTS");
  run("DROP CONSTRAINT unique_id");
  run("DROP CONSTRAINT ON (p:Product) ASSERT p.sku IS UNIQUE");
  run("DROP CONSTRAINT missing IF EXISTS");
  EXPECT_EQ(names("SHOW INDEXES"), (std::vector<std::string>{"index_Customer_email"}));
  EXPECT_TRUE(names("SHOW CONSTRAINTS").empty());
}

TEST_F(ParsedSchemaStatementTest, IfNotExistsWithoutName) {
  EXPECT_EQ(run("CREATE INDEX IF NOT EXISTS FOR (c:Customer) ON (c.email)").changes.indexes_added,
            1);
  EXPECT_EQ(run("CREATE INDEX IF NOT EXISTS FOR (c:Customer) ON (c.email)").changes.indexes_added,
            0);
  EXPECT_EQ(run("CREATE CONSTRAINT IF NOT EXISTS FOR (c:Customer) REQUIRE c.id IS UNIQUE")
                .changes.constraints_added,
            1);
  EXPECT_EQ(run("CREATE CONSTRAINT IF NOT EXISTS FOR (c:Customer) REQUIRE c.id IS UNIQUE")
                .changes.constraints_added,
            0);
}

TEST_F(ParsedSchemaStatementTest, ErrorsPointAtTheStatement) {
  run("CREATE INDEX FOR (c:Customer) ON (c.email)");
  try {
    run("\n  CREATE INDEX FOR (c:Customer) ON (c.email)");
    FAIL() << "a duplicate index was accepted";
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), QueryErrorCode::kInvalidArgument);
    EXPECT_EQ(e.position().line, 2u);
    EXPECT_EQ(e.position().column, 3u);
    EXPECT_NE(std::string(e.what()).find("\n  CREATE INDEX FOR (c:Customer) ON (c.email)\n  ^"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace guanxi::query
