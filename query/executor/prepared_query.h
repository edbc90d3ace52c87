// PreparedQuery: a statement parsed, bound and planned, immutable once
// built and shared by every run of the same text (through the plan cache)
// and by prepared statements, across sessions and threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "query/ast.h"
#include "query/binder/bound_query.h"
#include "query/planner/planner.h"

namespace guanxi::storage {
class Graph;
class Transaction;
}  // namespace guanxi::storage

namespace guanxi::query {

class ProcedureRegistry;

struct PreparedQuery {
  std::string text;
  ast::Statement statement;
  BoundQuery bound;  // kQuery statements only
  QueryPlan plan;    // kQuery statements only
  // The schema (indexes) the plan was made for; a different one replans.
  std::uint64_t schema_version = 0;
  bool is_query() const { return statement.kind == ast::StatementKind::kQuery; }
  bool writes() const { return is_query() && bound.writes; }
};

// Parses, binds and plans `text`, reading statistics in `txn`. Throws
// QueryError (kSyntax, kSemantic, kNotFound, kLimit).
std::shared_ptr<const PreparedQuery> prepare_query(std::string_view text, storage::Graph& graph,
                                                   const storage::Transaction& txn,
                                                   const ProcedureRegistry& procedures);

// The schema version `txn` sees.
std::uint64_t schema_version(storage::Graph& graph, const storage::Transaction& txn);

}  // namespace guanxi::query
