// Subqueries: CALL { } as a clause, and EXISTS { } / COUNT { } written as
// whole queries inside expressions.
#include "query/binder/binder_impl.h"
#include "query/binder/expression_slots.h"

namespace guanxi::query {

void Binder::bind_subquery(ast::Clause& clause, BoundClause& bound) {
  ast::Query& subquery = *clause.subquery;
  if (clause.in_transactions) bind_batches(clause);
  in_batched_subquery_ = in_batched_subquery_ || clause.in_transactions;
  bound.subquery_parts = bind_subquery_parts(subquery, false);
  if (clause.in_transactions) in_batched_subquery_ = false;
  bound.subquery_columns = bound.subquery_parts.front().columns;
  bound.subquery_slots = bound.subquery_parts.front().result_slots;
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

std::vector<BoundSingleQuery> Binder::bind_subquery_parts(ast::Query& subquery,
                                                          bool in_expression) {
  const Scope outer = scope_;
  const auto outer_relationships = clause_relationships_;
  // Its clauses' expressions are expressions of their own, checked alone.
  const int outer_expression_depth = expression_depth_;
  expression_depth_ = 0;
  ++subquery_depth_;
  std::vector<BoundSingleQuery> parts;
  for (ast::SingleQuery& part : subquery.parts) {
    // CALL { }: only an importing WITH (the first clause) sees the outer
    // variables. EXISTS { } and COUNT { }: every part sees them (as in
    // Neo4j), until a WITH of its own replaces them.
    const bool imports =
        !part.clauses.empty() && part.clauses.front().kind == ast::ClauseKind::kWith;
    scope_ = in_expression || imports ? outer : Scope();
    parts.push_back(bind_single(part, false, in_expression));
    if (parts.back().columns != parts.front().columns) {
      fail("All sub queries in an UNION must have the same return column names", part.pos);
    }
  }
  --subquery_depth_;
  expression_depth_ = outer_expression_depth;
  scope_ = outer;
  clause_relationships_ = outer_relationships;
  return parts;
}

void Binder::bind_expression_subquery(ast::Expression& e) {
  const bool outer_writes = result_.writes;
  result_.writes = false;
  BoundSubqueryExpression bound;
  bound.outer_slots = scope_.visible_slots();
  bound.parts = bind_subquery_parts(*e.subquery, true);
  bound.columns = bound.parts.front().columns;
  bound.result_slots = bound.parts.front().result_slots;
  if (result_.writes) {
    fail(std::string(e.kind == ast::ExpressionKind::kExists ? "An EXISTS" : "A COUNT") +
             " subquery cannot write: updating clauses and writing procedures are not allowed "
             "inside it",
         e.pos);
  }
  result_.writes = outer_writes;
  result_.subquery_expressions[&e] = std::move(bound);
}

}  // namespace guanxi::query
