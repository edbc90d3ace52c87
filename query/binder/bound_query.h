// The binder's output: the slot of every variable and the facts about each
// clause that the planner needs, kept beside the AST (which the binder
// annotates in place: Expression::slot, Expression::function, SetItem::slot).
//
// Slots number the values of a Row. Every variable of a statement gets its
// own slot, including hidden ones (anonymous nodes and relationships,
// projected items, aggregates), so operators never have to move values
// around: a row is as wide as the statement's slot count.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "query/ast.h"

namespace guanxi::query {

struct ProcedureSignature;

enum class VariableKind : std::uint8_t {
  kAny,  // a value of a projection, UNWIND or YIELD
  kNode,
  kRelationship,
  kRelationshipList,  // the relationships of a variable-length pattern
  kPath,
  kScalar,  // projected from a non-null literal: never an entity, no properties
  kMap,     // projected from a map literal: never an entity
  kList,    // projected from a list literal: at most a list of relationships
};

// The slots of one comma-separated pattern part, parallel to its nodes and rels.
struct BoundPatternPart {
  const ast::PatternPart* part = nullptr;
  std::vector<int> node_slots;
  std::vector<int> rel_slots;  // kRelationshipList slots for variable-length rels
  int path_slot = -1;          // the named path, or -1
};

// WITH and RETURN.
struct BoundProjection {
  // Output columns in order: `RETURN *` variables first (sorted by name), then items.
  std::vector<std::string> columns;
  std::vector<int> column_slots;
  // Items that compute something (not the star pass-through), with the slot
  // each writes.
  std::vector<const ast::Expression*> item_expressions;
  std::vector<int> item_slots;
  std::vector<bool> item_has_aggregate;
  bool aggregating = false;
  // Every aggregate call in the items and ORDER BY, each with its own slot.
  std::vector<const ast::Expression*> aggregates;
  // The variables a `*` passes through, by slot.
  std::vector<int> star_slots;
};

struct BoundSingleQuery;

struct BoundClause {
  const ast::Clause* clause = nullptr;
  std::vector<BoundPatternPart> parts;            // MATCH, CREATE, MERGE
  BoundProjection projection;                     // WITH, RETURN
  int unwind_slot = -1;                           // UNWIND
  const ProcedureSignature* procedure = nullptr;  // CALL
  bool standalone_call = false;                   // CALL: the whole statement (VOID: no row at all)
  std::vector<int> yield_slots;            // CALL: slot per procedure output, -1 if not yielded
  std::vector<std::string> yield_columns;  // standalone CALL: result columns
  std::vector<int> yield_column_slots;
  // CALL { }: the bound parts of the subquery (several for a UNION), its
  // RETURN columns and their slots (those of the first part); no columns
  // for a subquery without RETURN, which runs for its writes alone.
  std::vector<BoundSingleQuery> subquery_parts;
  std::vector<std::string> subquery_columns;
  std::vector<int> subquery_slots;
};

struct BoundSingleQuery {
  std::vector<BoundClause> clauses;
  std::vector<std::string> columns;  // empty for a query without RETURN
  std::vector<int> result_slots;
};

// A pattern inside an expression. Its slots below `first_slot` belong to the
// enclosing query (bound when the expression runs); the others are its own.
struct BoundPatternExpression {
  std::vector<BoundPatternPart> parts;
  int first_slot = 0;
};

// EXISTS { } or COUNT { } written as a whole query. It sees the variables in
// scope where it is written (`outer_slots`, bound whenever it runs); its
// other slots are its own. `result_slots` are the first part's RETURN slots
// (none without RETURN), which a UNION's other parts fill too.
struct BoundSubqueryExpression {
  std::vector<BoundSingleQuery> parts;
  std::vector<int> outer_slots;
  std::vector<std::string> columns;
  std::vector<int> result_slots;
};

// A label, relationship type or property key the statement reads (matches,
// tests or looks up) without writing it anywhere: if the database has never
// had it, the statement reads nothing there, which is worth a warning.
struct NameReference {
  enum class Kind : std::uint8_t { kLabel, kRelationshipType, kPropertyKey };
  Kind kind = Kind::kLabel;
  std::string name;
  ast::Position pos;
};

struct BoundQuery {
  std::vector<BoundSingleQuery> parts;
  std::vector<std::string> columns;
  int slot_count = 0;
  // The variable name of each slot, for EXPLAIN; empty for hidden slots
  // (anonymous nodes and relationships, aggregates, internal names).
  std::vector<std::string> slot_names;
  // The kind of each declared slot (kAny for hidden ones).
  std::vector<VariableKind> slot_kinds;
  bool writes = false;           // any CREATE, MERGE, SET, REMOVE, DELETE or writing procedure
  bool batched = false;          // holds CALL { } IN TRANSACTIONS (commits while it runs)
  bool reads_audit_log = false;  // calls a procedure that reads the audit log
  // Patterns inside expressions (pattern predicates, EXISTS, comprehensions).
  std::map<const ast::Expression*, BoundPatternExpression> pattern_expressions;
  // EXISTS { } and COUNT { } written as queries.
  std::map<const ast::Expression*, BoundSubqueryExpression> subquery_expressions;
  // The names read and never written, each once (its first use), in the
  // order of the text.
  std::vector<NameReference> read_names;
};

}  // namespace guanxi::query
