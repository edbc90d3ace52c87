// Executes the schema statements: CREATE / DROP INDEX, CREATE / DROP
// CONSTRAINT ... IS UNIQUE, SHOW INDEXES, SHOW CONSTRAINTS.
//
// Indexes and unique constraints are the storage engine's property indexes
// on (label, property). Names follow Neo4j: a given name, or a generated one
// ("index_Customer_id", "constraint_Customer_id").
#pragma once

#include <string>
#include <vector>

#include "query/ast.h"
#include "query/engine.h"
#include "query/value.h"

namespace guanxi::storage {
class Graph;
class Transaction;
class WriteTransaction;
}  // namespace guanxi::storage

namespace guanxi::query {

struct SchemaResult {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  ChangeSummary changes;
};

// True for the statement kinds handled here.
bool is_schema_statement(const ast::Statement& statement);
// True when the statement changes the schema (needs a write transaction).
bool schema_statement_writes(const ast::Statement& statement);

// Runs a schema statement. `write_txn` must be set for statements that
// write; `txn` is the transaction to read in (the write one when set).
// Errors: an index or constraint that already exists (unless IF NOT EXISTS),
// one that does not (unless IF EXISTS), existing data that violates a new
// unique constraint (the message names label, property and value), all as
// QueryError with the statement's position.
SchemaResult run_schema_statement(storage::Graph& graph, const storage::Transaction& txn,
                                  storage::WriteTransaction* write_txn,
                                  const ast::Statement& statement);

}  // namespace guanxi::query
