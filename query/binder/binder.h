// The binder: checks that a parsed query means something and annotates it.
//
// It resolves every variable to a row slot (Expression::slot and the slots
// in BoundQuery), every function name to its definition (with arity checks),
// enforces the aggregation rules (aggregates only in WITH / RETURN items and
// ORDER BY of an aggregating projection, never nested), the WITH / RETURN
// scoping rules and UNION column agreement. Labels, relationship types and
// property keys stay names here: operators resolve them against the
// dictionary of the transaction they run in, so a cached plan stays valid
// when new names appear.
#pragma once

#include "query/ast.h"
#include "query/binder/bound_query.h"

namespace guanxi::query {

class ProcedureRegistry;

// Binds a kQuery statement in place. Throws QueryError kSemantic (with the
// position of the offending token and the statement text) for unknown or
// redeclared variables, unknown functions, wrong argument counts, misplaced
// or nested aggregates, and mismatched UNION columns; kNotFound for an
// unknown procedure.
BoundQuery bind_query(ast::Statement& statement, const ProcedureRegistry& procedures);

}  // namespace guanxi::query
