// The db.* and dbms.* procedures over a small graph built through storage.
#include <gtest/gtest.h>

#include "query/procedures/procedure_registry.h"
#include "query/property_reader.h"
#include "query/query_error.h"
#include "tests/query/test_graph.h"

namespace guanxi::query {
namespace {

using Rows = std::vector<std::vector<Value>>;
using testing::add_node;
using testing::add_relationship;

Value s(const char* text) { return Value(text); }

class DbProceduresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    register_db_procedures(registry_);
    graph_->write([&](storage::WriteTransaction& txn) {
      const auto ada =
          add_node(*graph_, txn, {"Customer", "Vip"}, {{"name", storage::Value("Ada")}});
      const auto bo = add_node(*graph_, txn, {"Customer"}, {{"name", storage::Value("Bo")}});
      const auto acme = add_node(*graph_, txn, {"Company"}, {{"title", storage::Value("Acme")}});
      const auto loose = add_node(*graph_, txn, {}, {{"note", storage::Value("no label")}});
      add_relationship(*graph_, txn, ada, bo, "KNOWS",
                       {{"since", storage::Value(std::int64_t{2020})}});
      add_relationship(*graph_, txn, bo, acme, "WORKS_AT");
      add_relationship(*graph_, txn, loose, ada, "KNOWS");  // unlabelled start: not in db.schema
      // Names that exist in the dictionary but are used by nothing.
      const auto ghost = add_node(*graph_, txn, {"Ghost"}, {});
      const auto relationship = add_relationship(*graph_, txn, ghost, ghost, "HAUNTS");
      graph_->delete_relationship(
          txn, {relationship, ghost, ghost, testing::type_id(*graph_, txn, "HAUNTS")});
      graph_->delete_node(txn, ghost);
    });
  }

  Rows call(const std::string& name, std::vector<Value> args = {}) {
    const ProcedureSignature* sig = registry_.find(name);
    if (!sig) throw std::runtime_error("no procedure " + name);
    auto txn = graph_->read();
    return call_in(txn, *sig, std::move(args));
  }
  Rows call_in(const storage::Transaction& txn, const ProcedureSignature& sig,
               std::vector<Value> args) {
    PropertyReader reader(*graph_, session_);
    ChangeSummary changes;
    ProcedureContext ctx{*graph_, txn, nullptr, reader, session_, changes, [] {}};
    return registry_.call(sig, ctx, std::move(args));
  }

  test_support::TempGraph graph_;
  SessionOptions session_;
  ProcedureRegistry registry_;
};

TEST_F(DbProceduresTest, LabelsInUseSortedByName) {
  EXPECT_EQ(call("db.labels"), (Rows{{s("Company")}, {s("Customer")}, {s("Vip")}}));
  EXPECT_EQ(registry_.find("db.labels")->outputs.at(0).name, "label");
}

TEST_F(DbProceduresTest, RelationshipTypesInUse) {
  EXPECT_EQ(call("db.relationshipTypes"), (Rows{{s("KNOWS")}, {s("WORKS_AT")}}));
  EXPECT_EQ(registry_.find("db.relationshipTypes")->outputs.at(0).name, "relationshipType");
}

TEST_F(DbProceduresTest, PropertyKeysFromTheDictionary) {
  EXPECT_EQ(call("db.propertyKeys"), (Rows{{s("name")}, {s("note")}, {s("since")}, {s("title")}}));
  EXPECT_EQ(registry_.find("db.propertyKeys")->outputs.at(0).name, "propertyKey");
}

TEST_F(DbProceduresTest, SchemaListsLabelsAndTriples) {
  const Rows rows = call("db.schema");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], (Value(List{s("Company"), s("Customer"), s("Vip")})));
  auto triple = [](const char* a, const char* t, const char* b) {
    return Value::map({{"startLabel", Value(a)}, {"type", Value(t)}, {"endLabel", Value(b)}});
  };
  // Ada is both Customer and Vip: her KNOWS relationship shows under both start labels.
  EXPECT_EQ(rows[0][1], (Value(List{triple("Customer", "KNOWS", "Customer"),
                                    triple("Customer", "WORKS_AT", "Company"),
                                    triple("Vip", "KNOWS", "Customer")})));
}

TEST_F(DbProceduresTest, IndexesAndConstraints) {
  graph_->write([&](storage::WriteTransaction& txn) {
    const auto customer = testing::label_id(*graph_, txn, "Customer");
    graph_->create_index(txn, customer, testing::key_id(*graph_, txn, "name"), /*unique=*/true);
    graph_->create_index(txn, testing::label_id(*graph_, txn, "Company"),
                         testing::key_id(*graph_, txn, "title"),
                         /*unique=*/false, "by_title");
  });
  const Rows indexes = call("db.indexes");
  ASSERT_EQ(indexes.size(), 2u);
  const auto& cols = registry_.find("db.indexes")->outputs;
  ASSERT_EQ(cols.size(), indexes[0].size());
  EXPECT_EQ(cols[1].name, "name");
  EXPECT_EQ(indexes[0][1], s("by_title"));
  EXPECT_EQ(indexes[0][6], Value(List{s("Company")}));
  EXPECT_EQ(indexes[0][7], Value(List{s("title")}));
  EXPECT_TRUE(indexes[0][8].is_null());
  EXPECT_EQ(indexes[1][1], s("constraint_Customer_name"));
  EXPECT_EQ(indexes[1][8], s("constraint_Customer_name"));

  const Rows constraints = call("db.constraints");
  ASSERT_EQ(constraints.size(), 1u);
  EXPECT_EQ(constraints[0][1], s("constraint_Customer_name"));
  EXPECT_EQ(constraints[0][2], s("UNIQUENESS"));
  EXPECT_EQ(constraints[0][4], Value(List{s("Customer")}));
  EXPECT_EQ(constraints[0][5], Value(List{s("name")}));
}

TEST_F(DbProceduresTest, SeesItsOwnWriteTransaction) {
  graph_->write([&](storage::WriteTransaction& txn) {
    add_node(*graph_, txn, {"Fresh"}, {{"fresh_key", storage::Value(1)}});
    EXPECT_EQ(call_in(txn, *registry_.find("db.labels"), {}),
              (Rows{{s("Company")}, {s("Customer")}, {s("Fresh")}, {s("Vip")}}));
    const Rows keys = call_in(txn, *registry_.find("db.propertyKeys"), {});
    EXPECT_NE(std::find(keys.begin(), keys.end(), std::vector<Value>{s("fresh_key")}), keys.end());
  });
}

TEST_F(DbProceduresTest, EmptyDatabase) {
  test_support::TempGraph empty;
  auto txn = empty->read();
  PropertyReader reader(*empty, session_);
  ChangeSummary changes;
  ProcedureContext ctx{*empty, txn, nullptr, reader, session_, changes, [] {}};
  for (const char* name :
       {"db.labels", "db.relationshipTypes", "db.propertyKeys", "db.indexes", "db.constraints"}) {
    EXPECT_TRUE(registry_.call(*registry_.find(name), ctx, {}).empty()) << name;
  }
  EXPECT_EQ(registry_.call(*registry_.find("db.schema"), ctx, {}),
            (Rows{{Value(List{}), Value(List{})}}));
}

TEST_F(DbProceduresTest, ArgumentsAreRefused) {
  try {
    call("db.labels", {Value(1)});
    FAIL();
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), QueryErrorCode::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find("db.labels() :: (label :: STRING)"), std::string::npos)
        << e.what();
  }
}

TEST_F(DbProceduresTest, DbmsProceduresListsEveryProcedure) {
  registry_.add(
      {"algo.test", {{"config", "MAP", Value::map({})}}, {{"score", "FLOAT"}}, true, "A test."},
      [](ProcedureContext&, const std::vector<Value>&) { return Rows{}; });
  const Rows rows = call("dbms.procedures");
  std::vector<std::string> names;
  for (const auto& r : rows) names.push_back(r[0].as_string());
  EXPECT_EQ(names, (std::vector<std::string>{"algo.test", "db.constraints", "db.indexes",
                                             "db.labels", "db.propertyKeys", "db.relationshipTypes",
                                             "db.schema", "dbms.functions", "dbms.procedures"}));
  EXPECT_EQ(rows[0], (std::vector<Value>{s("algo.test"),
                                         s("algo.test(config = {} :: MAP) :: (score :: FLOAT)"),
                                         s("A test."), s("WRITE")}));
  EXPECT_EQ(rows[3][1], s("db.labels() :: (label :: STRING)"));
  EXPECT_EQ(rows[3][3], s("READ"));
}

}  // namespace
}  // namespace guanxi::query
