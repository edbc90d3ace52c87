// Schema statements built as ASTs by hand and run against storage.
#include "query/schema/schema_statement.h"

#include <gtest/gtest.h>

#include "query/query_error.h"
#include "tests/query/test_graph.h"

namespace guanxi::query {
namespace {

using ast::StatementKind;
using testing::add_node;

ast::Statement statement(StatementKind kind, std::string label = {}, std::string property = {},
                         std::string name = {}) {
  ast::Statement s;
  s.kind = kind;
  s.label = std::move(label);
  s.property = std::move(property);
  s.schema_name = std::move(name);
  s.pos = {1, 1};
  s.text = "SCHEMA STATEMENT";
  return s;
}

class SchemaStatementTest : public ::testing::Test {
 protected:
  SchemaResult run(const ast::Statement& s) {
    if (schema_statement_writes(s)) {
      return graph_->write([&](storage::WriteTransaction& txn) {
        return run_schema_statement(*graph_, txn, &txn, s);
      });
    }
    auto txn = graph_->read();
    return run_schema_statement(*graph_, txn, nullptr, s);
  }
  // Runs `s`, expecting a QueryError of `code` whose what() contains `text`.
  void expect_error(const ast::Statement& s, QueryErrorCode code, const std::string& text) {
    try {
      run(s);
      ADD_FAILURE() << "no error; expected one containing: " << text;
    } catch (const QueryError& e) {
      EXPECT_EQ(e.code(), code) << e.what();
      EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
      EXPECT_EQ(e.position().line, 1u);
      EXPECT_NE(std::string(e.what()).find("SCHEMA STATEMENT\n^"), std::string::npos) << e.what();
    }
  }
  std::vector<std::string> names(StatementKind show) {
    std::vector<std::string> out;
    for (const auto& row : run(statement(show)).rows) out.push_back(row[1].as_string());
    return out;
  }

  test_support::TempGraph graph_;
};

TEST_F(SchemaStatementTest, Classification) {
  EXPECT_TRUE(is_schema_statement(statement(StatementKind::kCreateIndex)));
  EXPECT_TRUE(is_schema_statement(statement(StatementKind::kShowConstraints)));
  EXPECT_FALSE(is_schema_statement(statement(StatementKind::kQuery)));
  EXPECT_FALSE(is_schema_statement(statement(StatementKind::kBegin)));
  EXPECT_TRUE(schema_statement_writes(statement(StatementKind::kDropConstraint)));
  EXPECT_FALSE(schema_statement_writes(statement(StatementKind::kShowIndexes)));
  EXPECT_FALSE(schema_statement_writes(statement(StatementKind::kQuery)));
}

TEST_F(SchemaStatementTest, IndexLifecycleWithGeneratedName) {
  const SchemaResult created = run(statement(StatementKind::kCreateIndex, "Customer", "email"));
  EXPECT_EQ(created.changes.indexes_added, 1);
  EXPECT_TRUE(created.rows.empty());
  const SchemaResult shown = run(statement(StatementKind::kShowIndexes));
  EXPECT_EQ(shown.columns, (std::vector<std::string>{"id", "name", "state", "populationPercent",
                                                     "type", "entityType", "labelsOrTypes",
                                                     "properties", "owningConstraint"}));
  ASSERT_EQ(shown.rows.size(), 1u);
  EXPECT_EQ(shown.rows[0], (std::vector<Value>{Value(0), Value("index_Customer_email"),
                                               Value("ONLINE"), Value(100.0), Value("RANGE"),
                                               Value("NODE"), Value(List{Value("Customer")}),
                                               Value(List{Value("email")}), Value()}));
  // The names were interned for it.
  auto txn = graph_->read();
  EXPECT_TRUE(graph_->dictionary().find(txn, storage::NameKind::kLabel, "Customer"));
  EXPECT_TRUE(graph_->dictionary().find(txn, storage::NameKind::kPropertyKey, "email"));
  EXPECT_TRUE(run(statement(StatementKind::kShowConstraints)).rows.empty());

  const SchemaResult dropped =
      run(statement(StatementKind::kDropIndex, {}, {}, "index_Customer_email"));
  EXPECT_EQ(dropped.changes.indexes_removed, 1);
  EXPECT_TRUE(run(statement(StatementKind::kShowIndexes)).rows.empty());
}

TEST_F(SchemaStatementTest, NamedIndexDroppedBySchema) {
  run(statement(StatementKind::kCreateIndex, "Customer", "city", "by_city"));
  EXPECT_EQ(names(StatementKind::kShowIndexes), (std::vector<std::string>{"by_city"}));
  EXPECT_EQ(run(statement(StatementKind::kDropIndex, "Customer", "city")).changes.indexes_removed,
            1);
  EXPECT_TRUE(names(StatementKind::kShowIndexes).empty());
}

TEST_F(SchemaStatementTest, DuplicateIndexErrorsUnlessIfNotExists) {
  run(statement(StatementKind::kCreateIndex, "Customer", "email"));
  expect_error(statement(StatementKind::kCreateIndex, "Customer", "email", "other"),
               QueryErrorCode::kInvalidArgument,
               "An equivalent index already exists: 'index_Customer_email'");
  auto again = statement(StatementKind::kCreateIndex, "Customer", "email");
  again.if_not_exists = true;
  EXPECT_EQ(run(again).changes.indexes_added, 0);
  // A name taken by an index on other keys.
  expect_error(statement(StatementKind::kCreateIndex, "Customer", "phone", "index_Customer_email"),
               QueryErrorCode::kInvalidArgument,
               "There already exists an index called 'index_Customer_email'");
  auto named = statement(StatementKind::kCreateIndex, "Customer", "phone", "index_Customer_email");
  named.if_not_exists = true;
  EXPECT_EQ(run(named).changes.indexes_added, 0);
  EXPECT_EQ(names(StatementKind::kShowIndexes), (std::vector<std::string>{"index_Customer_email"}));
}

TEST_F(SchemaStatementTest, DropMissingErrorsUnlessIfExists) {
  expect_error(statement(StatementKind::kDropIndex, {}, {}, "nope"), QueryErrorCode::kNotFound,
               "Unable to drop index called 'nope'");
  expect_error(statement(StatementKind::kDropIndex, "Nobody", "nothing"), QueryErrorCode::kNotFound,
               "Unable to drop index on :Nobody(nothing)");
  expect_error(statement(StatementKind::kDropConstraint, {}, {}, "nope"), QueryErrorCode::kNotFound,
               "Unable to drop constraint called 'nope'");
  auto quiet = statement(StatementKind::kDropIndex, {}, {}, "nope");
  quiet.if_exists = true;
  EXPECT_FALSE(run(quiet).changes.any());
  auto quiet_constraint = statement(StatementKind::kDropConstraint, "Nobody", "nothing");
  quiet_constraint.if_exists = true;
  EXPECT_FALSE(run(quiet_constraint).changes.any());
  // Dropping names interns nothing.
  auto txn = graph_->read();
  EXPECT_FALSE(graph_->dictionary().find(txn, storage::NameKind::kLabel, "Nobody"));
}

TEST_F(SchemaStatementTest, ConstraintLifecycle) {
  const SchemaResult created = run(statement(StatementKind::kCreateConstraint, "Customer", "id"));
  EXPECT_EQ(created.changes.constraints_added, 1);
  const SchemaResult shown = run(statement(StatementKind::kShowConstraints));
  EXPECT_EQ(shown.columns, (std::vector<std::string>{"id", "name", "type", "entityType",
                                                     "labelsOrTypes", "properties", "ownedIndex"}));
  ASSERT_EQ(shown.rows.size(), 1u);
  EXPECT_EQ(shown.rows[0],
            (std::vector<Value>{Value(0), Value("constraint_Customer_id"), Value("UNIQUENESS"),
                                Value("NODE"), Value(List{Value("Customer")}),
                                Value(List{Value("id")}), Value("constraint_Customer_id")}));
  // Its index shows in SHOW INDEXES, owned by it, and cannot be dropped alone.
  const SchemaResult indexes = run(statement(StatementKind::kShowIndexes));
  ASSERT_EQ(indexes.rows.size(), 1u);
  EXPECT_EQ(indexes.rows[0][8], Value("constraint_Customer_id"));
  expect_error(statement(StatementKind::kDropIndex, {}, {}, "constraint_Customer_id"),
               QueryErrorCode::kInvalidArgument,
               "belongs to the unique constraint 'constraint_Customer_id'");
  // CREATE INDEX on the same schema: covered by the constraint.
  expect_error(statement(StatementKind::kCreateIndex, "Customer", "id"),
               QueryErrorCode::kInvalidArgument,
               "There is a unique constraint 'constraint_Customer_id' on :Customer(id)");
  auto covered = statement(StatementKind::kCreateIndex, "Customer", "id");
  covered.if_not_exists = true;
  EXPECT_FALSE(run(covered).changes.any());
  expect_error(statement(StatementKind::kCreateConstraint, "Customer", "id"),
               QueryErrorCode::kInvalidArgument,
               "An equivalent constraint already exists: 'constraint_Customer_id'");
  const SchemaResult dropped = run(statement(StatementKind::kDropConstraint, "Customer", "id"));
  EXPECT_EQ(dropped.changes.constraints_removed, 1);
  EXPECT_TRUE(run(statement(StatementKind::kShowConstraints)).rows.empty());
  EXPECT_TRUE(run(statement(StatementKind::kShowIndexes)).rows.empty());
}

TEST_F(SchemaStatementTest, ConstraintOverAnIndexIsRefused) {
  run(statement(StatementKind::kCreateIndex, "Customer", "id"));
  auto s = statement(StatementKind::kCreateConstraint, "Customer", "id");
  s.if_not_exists = true;  // a plain index is not an equivalent constraint
  expect_error(s, QueryErrorCode::kInvalidArgument,
               "There already exists an index 'index_Customer_id'");
  expect_error(statement(StatementKind::kDropConstraint, {}, {}, "index_Customer_id"),
               QueryErrorCode::kNotFound, "Unable to drop constraint called 'index_Customer_id'");
}

TEST_F(SchemaStatementTest, ConstraintOverViolatingDataNamesTheValue) {
  graph_->write([&](storage::WriteTransaction& txn) {
    add_node(*graph_, txn, {"Customer"}, {{"email", storage::Value("a@x.org")}});
    add_node(*graph_, txn, {"Customer"}, {{"email", storage::Value("a@x.org")}});
  });
  expect_error(statement(StatementKind::kCreateConstraint, "Customer", "email", "unique_email"),
               QueryErrorCode::kConstraint, "a@x.org");
  EXPECT_TRUE(names(StatementKind::kShowConstraints).empty());
}

TEST_F(SchemaStatementTest, ConstraintEnforcedOnLaterWrites) {
  run(statement(StatementKind::kCreateConstraint, "Customer", "email", "unique_email"));
  graph_->write([&](storage::WriteTransaction& txn) {
    add_node(*graph_, txn, {"Customer"}, {{"email", storage::Value("b@x.org")}});
  });
  try {
    graph_->write([&](storage::WriteTransaction& txn) {
      add_node(*graph_, txn, {"Customer"}, {{"email", storage::Value("b@x.org")}});
    });
    FAIL() << "duplicate accepted";
  } catch (const storage::StorageError& e) {
    EXPECT_EQ(e.code(), storage::ErrorCode::kConstraint);
  }
}

TEST_F(SchemaStatementTest, ShowListsSortedByName) {
  run(statement(StatementKind::kCreateIndex, "B", "x", "zebra"));
  run(statement(StatementKind::kCreateConstraint, "A", "x", "alpha"));
  run(statement(StatementKind::kCreateIndex, "C", "y"));
  EXPECT_EQ(names(StatementKind::kShowIndexes),
            (std::vector<std::string>{"alpha", "index_C_y", "zebra"}));
  EXPECT_EQ(names(StatementKind::kShowConstraints), (std::vector<std::string>{"alpha"}));
}

TEST_F(SchemaStatementTest, WriteWithoutWriteTransactionIsRefused) {
  auto txn = graph_->read();
  EXPECT_THROW(
      run_schema_statement(*graph_, txn, nullptr, statement(StatementKind::kCreateIndex, "A", "b")),
      QueryError);
}

TEST_F(SchemaStatementTest, ErrorWithoutPositionHasNoCaret) {
  run(statement(StatementKind::kCreateIndex, "A", "b"));
  auto s = statement(StatementKind::kCreateIndex, "A", "b");
  s.pos = {};
  try {
    run(s);
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(std::string(e.what()), e.message());
  }
}

}  // namespace
}  // namespace guanxi::query
