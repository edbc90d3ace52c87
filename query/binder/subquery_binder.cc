// Subqueries: CALL { } as a clause, and EXISTS { } / COUNT { } written as
// whole queries inside expressions.
#include "query/binder/binder_impl.h"
#include "query/binder/expression_slots.h"

namespace guanxi::query {

void Binder::bind_subquery(ast::Clause& clause, BoundClause& bound) {
  ast::Query& subquery = *clause.subquery;
  if (clause.in_transactions) bind_batches(clause);
  const Scope outer = scope_;
  const auto outer_relationships = clause_relationships_;
  ++subquery_depth_;
  in_batched_subquery_ = in_batched_subquery_ || clause.in_transactions;
  for (std::size_t i = 0; i < subquery.parts.size(); ++i) {
    ast::SingleQuery& part = subquery.parts[i];
    // Only an importing WITH (the first clause) sees the outer variables;
    // the rest of the subquery sees what that WITH passes on.
    const bool imports =
        !part.clauses.empty() && part.clauses.front().kind == ast::ClauseKind::kWith;
    scope_ = imports ? outer : Scope();
    BoundSingleQuery bound_part = bind_single(part, false);
    if (i == 0) {
      bound.subquery_columns = bound_part.columns;
      bound.subquery_slots = bound_part.result_slots;
    } else if (bound_part.columns != bound.subquery_columns) {
      fail("All sub queries in an UNION must have the same return column names", part.pos);
    }
    bound.subquery_parts.push_back(std::move(bound_part));
  }
  --subquery_depth_;
  if (clause.in_transactions) in_batched_subquery_ = false;
  scope_ = outer;
  clause_relationships_ = outer_relationships;
  for (std::size_t i = 0; i < bound.subquery_columns.size(); ++i) {
    const std::string& name = bound.subquery_columns[i];
    if (scope_.find(name)) {
      fail("Variable `" + name +
               "` already declared in the outer scope: a CALL { } subquery may "
               "not return it again",
           clause.pos);
    }
    const int slot = bound.subquery_slots[i];
    const auto kind = static_cast<std::size_t>(slot) < result_.slot_kinds.size()
                          ? result_.slot_kinds[static_cast<std::size_t>(slot)]
                          : VariableKind::kAny;
    declare(name, {slot, kind});
  }
}

void Binder::bind_batches(ast::Clause& clause) {
  if (subquery_depth_ > 0 || statement_.query.parts.size() > 1) {
    fail(
        "CALL { } IN TRANSACTIONS must be a clause of the statement itself, not inside another "
        "subquery or a UNION",
        clause.pos);
  }
  result_.batched = true;
  if (!clause.batch_rows) return;
  bind_expression(clause.batch_rows.get(), AggregateRule::kForbidden);
  std::set<int> slots;
  collect_slots(clause.batch_rows.get(), result_, slots);
  if (!slots.empty()) {
    fail("The batch size of IN TRANSACTIONS must be a number or a parameter, not a variable",
         clause.batch_rows->pos);
  }
}

void Binder::bind_expression_subquery(ast::Expression& e) {
  ast::Query& subquery = *e.subquery;
  ++subquery_depth_;
  // Its clauses' expressions are statements' expressions of their own.
  const int outer_expression_depth = expression_depth_;
  expression_depth_ = 0;
  const Scope outer = scope_;
  const auto outer_relationships = clause_relationships_;
  const bool outer_writes = result_.writes;
  result_.writes = false;
  BoundSubqueryExpression bound;
  bound.outer_slots = outer.visible_slots();
  for (std::size_t i = 0; i < subquery.parts.size(); ++i) {
    ast::SingleQuery& part = subquery.parts[i];
    // Unlike CALL { }, every part sees the enclosing variables without an
    // importing WITH (as in Neo4j), until a WITH of its own replaces them.
    scope_ = outer;
    BoundSingleQuery bound_part = bind_single(part, false, true);
    if (i == 0) {
      bound.columns = bound_part.columns;
      bound.result_slots = bound_part.result_slots;
    } else if (bound_part.columns != bound.columns) {
      fail("All sub queries in an UNION must have the same return column names", part.pos);
    }
    bound.parts.push_back(std::move(bound_part));
  }
  --subquery_depth_;
  expression_depth_ = outer_expression_depth;
  if (result_.writes) {
    fail(std::string(e.kind == ast::ExpressionKind::kExists ? "An EXISTS" : "A COUNT") +
             " subquery cannot write: updating clauses and writing procedures are not allowed "
             "inside it",
         e.pos);
  }
  result_.writes = outer_writes;
  scope_ = outer;
  clause_relationships_ = outer_relationships;
  result_.subquery_expressions[&e] = std::move(bound);
}

}  // namespace guanxi::query
