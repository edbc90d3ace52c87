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
#include "query/session_types.h"
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
  std::vector<Notification> notifications;
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
//
// Codes: already exists -> kInvalidArgument; no such index or constraint ->
// kNotFound; data violating a new constraint -> kConstraint; DROP INDEX of a
// constraint's index -> kInvalidArgument. IF NOT EXISTS makes CREATE a no-op
// when the name is taken or an equivalent rule (any index, for CREATE INDEX;
// a unique constraint, for CREATE CONSTRAINT) exists on (label, property);
// a plain index standing where a constraint is asked for is still an error.
// Label and property names are interned only when something is created.
SchemaResult run_schema_statement(storage::Graph& graph, const storage::Transaction& txn,
                                  storage::WriteTransaction* write_txn,
                                  const ast::Statement& statement);

// What SHOW INDEXES returns (db.indexes() too), one row per index or unique
// constraint's index, sorted by name. Columns, after Neo4j 5: id, name,
// state ('ONLINE'), populationPercent (100.0), type ('RANGE'), entityType
// ('NODE'), labelsOrTypes (['Label']), properties (['prop']),
// owningConstraint (the constraint's name, or null).
SchemaResult show_indexes(storage::Graph& graph, const storage::Transaction& txn);
// What SHOW CONSTRAINTS returns (db.constraints() too), sorted by name:
// id, name, type ('UNIQUENESS'), entityType ('NODE'), labelsOrTypes,
// properties, ownedIndex (the backing index: a constraint and its index
// share the name).
SchemaResult show_constraints(storage::Graph& graph, const storage::Transaction& txn);

// The columns of SHOW INDEXES and SHOW CONSTRAINTS as (name, openCypher type)
// pairs, for procedures that return the same rows.
struct SchemaColumn {
  std::string name;
  std::string type;
};
const std::vector<SchemaColumn>& show_indexes_columns();
const std::vector<SchemaColumn>& show_constraints_columns();

}  // namespace guanxi::query
