// Statement kinds: queries with EXPLAIN / PROFILE, schema statements,
// transaction control; the statement's own text and position.
#include <gtest/gtest.h>

#include "tests/query/parser/parser_test_support.h"

namespace guanxi::query::testing {
namespace {

using ast::StatementKind;

TEST(Statements, TextAndPosition) {
  ast::Statement s = parse("  \n  RETURN 1;");
  EXPECT_EQ(s.kind, StatementKind::kQuery);
  EXPECT_EQ(s.text, "  \n  RETURN 1;");
  EXPECT_EQ(s.pos.line, 2u);
  EXPECT_EQ(s.pos.column, 3u);
}

TEST(Statements, OptionalTrailingSemicolon) {
  EXPECT_NO_THROW(parse("RETURN 1;"));
  EXPECT_NO_THROW(parse("RETURN 1 ;  // done"));
  Failure f = failure("RETURN 1;;");
  EXPECT_EQ(f.code, QueryErrorCode::kSyntax);
}

TEST(Statements, ExactlyOneStatement) {
  Failure f = failure("RETURN 1; RETURN 2");
  EXPECT_EQ(f.code, QueryErrorCode::kSyntax);
  EXPECT_EQ(f.pos.column, 11u);
  EXPECT_NE(f.message.find("end of input"), std::string::npos);
}

TEST(Statements, ExplainAndProfile) {
  ast::Statement e = parse("EXPLAIN MATCH (n) RETURN n");
  EXPECT_EQ(e.mode, ast::ExplainMode::kExplain);
  EXPECT_EQ(e.kind, StatementKind::kQuery);
  EXPECT_EQ(e.pos.column, 9u);
  ast::Statement p = parse("profile MATCH (n) RETURN n");
  EXPECT_EQ(p.mode, ast::ExplainMode::kProfile);
  EXPECT_EQ(parse("RETURN 1").mode, ast::ExplainMode::kNone);
}

TEST(Statements, TransactionControl) {
  EXPECT_EQ(parse("BEGIN").kind, StatementKind::kBegin);
  EXPECT_EQ(parse("commit;").kind, StatementKind::kCommit);
  EXPECT_EQ(parse("Rollback").kind, StatementKind::kRollback);
}

TEST(Schema, CreateIndexForOn) {
  ast::Statement s =
      parse("CREATE INDEX customer_email IF NOT EXISTS FOR (c:Customer) ON (c.email)");
  EXPECT_EQ(s.kind, StatementKind::kCreateIndex);
  EXPECT_EQ(s.schema_name, "customer_email");
  EXPECT_TRUE(s.if_not_exists);
  EXPECT_EQ(s.label, "Customer");
  EXPECT_EQ(s.property, "email");
  ast::Statement unnamed = parse("CREATE INDEX FOR (n:`Big Label`) ON (n.`odd key`)");
  EXPECT_EQ(unnamed.schema_name, "");
  EXPECT_FALSE(unnamed.if_not_exists);
  EXPECT_EQ(unnamed.label, "Big Label");
  EXPECT_EQ(unnamed.property, "odd key");
}

TEST(Schema, CreateIndexOldForm) {
  ast::Statement s = parse("CREATE INDEX ON :Customer(name)");
  EXPECT_EQ(s.kind, StatementKind::kCreateIndex);
  EXPECT_EQ(s.label, "Customer");
  EXPECT_EQ(s.property, "name");
}

TEST(Schema, IndexVariableMustMatch) {
  Failure f = failure("CREATE INDEX FOR (n:Customer) ON (m.email)");
  EXPECT_EQ(f.code, QueryErrorCode::kSemantic);
  EXPECT_EQ(f.message, "Variable `m` not defined");
  EXPECT_EQ(f.pos.column, 35u);
}

TEST(Schema, DropIndex) {
  ast::Statement s = parse("DROP INDEX customer_email IF EXISTS");
  EXPECT_EQ(s.kind, StatementKind::kDropIndex);
  EXPECT_EQ(s.schema_name, "customer_email");
  EXPECT_TRUE(s.if_exists);
  ast::Statement old = parse("DROP INDEX ON :Customer(email)");
  EXPECT_EQ(old.kind, StatementKind::kDropIndex);
  EXPECT_EQ(old.label, "Customer");
  EXPECT_EQ(old.property, "email");
  EXPECT_FALSE(old.if_exists);
}

TEST(Schema, CreateConstraintBothForms) {
  ast::Statement s =
      parse("CREATE CONSTRAINT unique_id IF NOT EXISTS FOR (c:Customer) REQUIRE c.id IS UNIQUE");
  EXPECT_EQ(s.kind, StatementKind::kCreateConstraint);
  EXPECT_EQ(s.schema_name, "unique_id");
  EXPECT_TRUE(s.if_not_exists);
  EXPECT_EQ(s.label, "Customer");
  EXPECT_EQ(s.property, "id");
  ast::Statement old = parse("CREATE CONSTRAINT ON (c:Customer) ASSERT c.id IS UNIQUE");
  EXPECT_EQ(old.kind, StatementKind::kCreateConstraint);
  EXPECT_EQ(old.schema_name, "");
  EXPECT_EQ(old.label, "Customer");
  EXPECT_EQ(old.property, "id");
}

TEST(Schema, DropConstraintBothForms) {
  ast::Statement s = parse("DROP CONSTRAINT unique_id IF EXISTS");
  EXPECT_EQ(s.kind, StatementKind::kDropConstraint);
  EXPECT_EQ(s.schema_name, "unique_id");
  EXPECT_TRUE(s.if_exists);
  ast::Statement old = parse("DROP CONSTRAINT ON (c:Customer) ASSERT c.id IS UNIQUE");
  EXPECT_EQ(old.kind, StatementKind::kDropConstraint);
  EXPECT_EQ(old.label, "Customer");
  EXPECT_EQ(old.property, "id");
}

TEST(Schema, ConstraintMustBeUnique) {
  Failure f = failure("CREATE CONSTRAINT FOR (c:Customer) REQUIRE c.id IS NOT NULL");
  EXPECT_EQ(f.code, QueryErrorCode::kSyntax);
  EXPECT_EQ(f.message, "Invalid input 'NOT': expected UNIQUE");
}

TEST(Schema, ShowIndexesAndConstraints) {
  EXPECT_EQ(parse("SHOW INDEXES").kind, StatementKind::kShowIndexes);
  EXPECT_EQ(parse("show index;").kind, StatementKind::kShowIndexes);
  EXPECT_EQ(parse("SHOW CONSTRAINTS").kind, StatementKind::kShowConstraints);
  EXPECT_EQ(parse("EXPLAIN SHOW CONSTRAINT").mode, ast::ExplainMode::kExplain);
}

TEST(Comments, LineAndBlockCommentsAnywhere) {
  ast::Statement s = parse(
      "// leading comment\n"
      "MATCH (n) /* inline */ WHERE n.x = 1 // trailing\n"
      "/* multi\n line */ RETURN n /* end */");
  EXPECT_EQ(clause(s).pos.line, 2u);
  EXPECT_EQ(dump(clause(s).where), "(= (. n x) 1)");
  EXPECT_EQ(clause(s, 1).pos.line, 4u);
  EXPECT_EQ(clause(s, 1).pos.column, 10u);
}

TEST(Comments, CommentMarkersInsideStringsAreText) {
  ast::Statement s = parse("RETURN '// not a comment', \"/* nor this */\"");
  EXPECT_EQ(dump(clause(s).projection.items[0].expression), "'// not a comment'");
  EXPECT_EQ(dump(clause(s).projection.items[1].expression), "'/* nor this */'");
}

TEST(Comments, UnterminatedBlockComment) {
  Failure f = failure("RETURN 1 /* never closed");
  EXPECT_EQ(f.code, QueryErrorCode::kSyntax);
  EXPECT_EQ(f.message, "Unterminated comment: no closing */");
  EXPECT_EQ(f.pos.column, 10u);
}

TEST(Comments, DivisionIsNotAComment) { EXPECT_EQ(expr("a / b * c"), "(* (/ a b) c)"); }

}  // namespace
}  // namespace guanxi::query::testing
