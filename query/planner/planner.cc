#include "query/planner/planner.h"

#include "query/planner/optimizer.h"
#include "query/planner/planner_impl.h"

namespace guanxi::query {

namespace {

bool is_write(const ast::Clause& clause) {
  switch (clause.kind) {
    case ast::ClauseKind::kCreate:
    case ast::ClauseKind::kMerge:
    case ast::ClauseKind::kSet:
    case ast::ClauseKind::kRemove:
    case ast::ClauseKind::kDelete: return true;
    case ast::ClauseKind::kSubquery:
      for (const auto& part : clause.subquery->parts) {
        for (const auto& inner : part.clauses) {
          if (is_write(inner)) return true;
        }
      }
      return false;
    default: return false;
  }
}

bool is_read(const ast::Clause& clause) {
  return clause.kind == ast::ClauseKind::kMatch || clause.kind == ast::ClauseKind::kMerge ||
         clause.kind == ast::ClauseKind::kCall || clause.kind == ast::ClauseKind::kSubquery;
}

void insert_slots(const BoundClause& clause, std::set<int>& bound) {
  for (const auto& part : clause.parts) {
    bound.insert(part.node_slots.begin(), part.node_slots.end());
    bound.insert(part.rel_slots.begin(), part.rel_slots.end());
    if (part.path_slot >= 0) bound.insert(part.path_slot);
  }
}

// The node and relationship slots of a CREATE / MERGE that it binds itself.
std::vector<int> new_slots(const BoundClause& clause, const std::set<int>& bound) {
  std::set<int> fresh;
  for (const auto& part : clause.parts) {
    for (int s : part.node_slots) {
      if (!bound.count(s)) fresh.insert(s);
    }
    for (int s : part.rel_slots) {
      if (!bound.count(s)) fresh.insert(s);
    }
  }
  return {fresh.begin(), fresh.end()};
}

// `plan` followed by a Filter on `condition` (a WHERE).
PlanPtr add_filter(PlanPtr plan, const ast::Expression* condition) {
  auto filter = make_operator(PlanOp::kFilter, std::move(plan));
  Predicate p;
  p.expression = condition;
  filter->predicates.push_back(std::move(p));
  return filter;
}

PlanPtr add_eager(PlanPtr plan) {
  if (plan->op == PlanOp::kEager || plan->op == PlanOp::kEmptyRow) return plan;
  return make_operator(PlanOp::kEager, std::move(plan));
}

}  // namespace

// Reads after writes must see them, and writes must not feed the reads that
// drive them: an Eager between them materializes the rows first.
struct Planner::EagerBoundary {
  bool pending_read = false;  // a clause since the last Eager read the graph
  bool wrote = false;         // a clause since the last Eager wrote it

  bool needed_before(const ast::Clause& clause) const {
    return (is_write(clause) && pending_read) || (is_read(clause) && wrote);
  }
  void passed() { pending_read = wrote = false; }
  void record(const ast::Clause& clause) {
    if (is_write(clause)) wrote = true;
    if (is_read(clause)) pending_read = true;
  }
};

QueryPlan plan_query(const BoundQuery& bound, const ast::Statement& statement,
                     PlanningCatalog& catalog) {
  return Planner(bound, statement, catalog).plan();
}

QueryPlan Planner::plan() {
  QueryPlan result;
  result.root = bound_.parts.size() == 1 ? plan_single(bound_.parts.front()) : plan_union();
  for (const auto& [expression, pattern] : bound_.pattern_expressions) {
    result.pattern_plans[expression] = plan_pattern_expression(*expression, pattern);
  }
  for (const auto& [expression, subquery] : bound_.subquery_expressions) {
    const std::set<int> outer(subquery.outer_slots.begin(), subquery.outer_slots.end());
    result.pattern_plans[expression] =
        plan_subquery_parts(subquery.parts, expression->subquery->union_all, subquery.result_slots,
                            subquery.columns, outer);
  }
  optimize(result.root, bound_);
  for (auto& [expression, plan] : result.pattern_plans) optimize(plan, bound_);
  return result;
}

PlanPtr Planner::plan_union() {
  const std::vector<int>& result_slots = bound_.parts.front().result_slots;
  auto unite = make_operator(PlanOp::kUnion);
  for (const auto& part : bound_.parts) unite->branches.push_back(plan_single(part));
  unite->slots = result_slots;
  unite->columns = bound_.columns;
  PlanPtr plan = std::move(unite);
  bool distinct = false;
  for (bool all : statement_.query.union_all) distinct = distinct || !all;
  if (distinct) {
    auto d = make_operator(PlanOp::kDistinct, std::move(plan));
    d->slots = result_slots;
    plan = std::move(d);
  }
  auto produce = make_operator(PlanOp::kProduceResults, std::move(plan));
  produce->columns = bound_.columns;
  produce->slots = result_slots;
  return produce;
}

PlanPtr Planner::plan_pattern_expression(const ast::Expression& expression,
                                         const BoundPatternExpression& pattern) {
  std::set<int> outer;
  for (int s = 0; s < pattern.first_slot; ++s) outer.insert(s);
  // A pattern comprehension's first child is its WHERE; a pattern predicate
  // has none.
  const ast::Expression* where =
      expression.kind == ast::ExpressionKind::kPatternPredicate || expression.children.empty()
          ? nullptr
          : expression.children[0].get();
  return plan_pattern(make_operator(PlanOp::kArgument), pattern.parts, where, outer);
}

PlanPtr Planner::plan_single(const BoundSingleQuery& query, PlanOp start, std::set<int> outer) {
  PlanPtr plan = make_operator(start);
  std::set<int> bound = std::move(outer);
  EagerBoundary eager;
  for (const auto& bc : query.clauses) {
    const ast::Clause& clause = *bc.clause;
    // A batched Apply reads its whole input before it writes.
    if (bound_.writes && eager.needed_before(clause) && !clause.in_transactions) {
      plan = add_eager(std::move(plan));
      eager.passed();
    }
    plan = plan_clause(std::move(plan), bc, bound, eager);
    eager.record(clause);
  }
  // A writing query without RETURN still runs every row through its writes.
  auto produce = make_operator(PlanOp::kProduceResults, std::move(plan));
  produce->columns = query.columns;
  produce->slots = query.result_slots;
  return produce;
}

PlanPtr Planner::plan_clause(PlanPtr plan, const BoundClause& bc, std::set<int>& bound,
                             const EagerBoundary& eager) {
  const ast::Clause& clause = *bc.clause;
  switch (clause.kind) {
    case ast::ClauseKind::kMatch:
      if (clause.optional) return plan_optional_match(std::move(plan), bc, bound);
      return plan_pattern(std::move(plan), bc.parts, clause.where.get(), bound);
    case ast::ClauseKind::kUnwind: {
      auto unwind = make_operator(PlanOp::kUnwind, std::move(plan));
      unwind->items.push_back({bc.unwind_slot, clause.expression.get()});
      bound.insert(bc.unwind_slot);
      return unwind;
    }
    case ast::ClauseKind::kWith:
    case ast::ClauseKind::kReturn: {
      // Writes apply to every row even when the projection limits them,
      // LIMIT 0 included.
      const bool drain = eager.wrote && clause.projection.limit;
      if (drain && plan->op != PlanOp::kEager) {
        plan = make_operator(PlanOp::kEager, std::move(plan));
      }
      PlanPtr projected = plan_projection(std::move(plan), bc, bound);
      LogicalOperator* top = projected.get();
      while (top && top->op == PlanOp::kFilter) top = top->input.get();
      if (drain && top && top->op == PlanOp::kLimit) top->drain_input = true;
      return projected;
    }
    case ast::ClauseKind::kCreate:
    case ast::ClauseKind::kMerge: return plan_create_or_merge(std::move(plan), bc, bound);
    case ast::ClauseKind::kSet:
    case ast::ClauseKind::kRemove:
    case ast::ClauseKind::kDelete: {
      const PlanOp op = clause.kind == ast::ClauseKind::kSet      ? PlanOp::kSetProperties
                        : clause.kind == ast::ClauseKind::kRemove ? PlanOp::kRemove
                                                                  : PlanOp::kDelete;
      auto write = make_operator(op, std::move(plan));
      write->clause = &clause;
      return write;
    }
    case ast::ClauseKind::kCall: return plan_call(std::move(plan), bc, bound);
    case ast::ClauseKind::kSubquery: return plan_subquery(std::move(plan), bc, bound);
  }
  return plan;
}

PlanPtr Planner::plan_optional_match(PlanPtr plan, const BoundClause& bc, std::set<int>& bound) {
  std::set<int> inner_bound = bound;
  auto optional = make_operator(PlanOp::kOptional, std::move(plan));
  optional->inner =
      plan_pattern(make_operator(PlanOp::kArgument), bc.parts, bc.clause->where.get(), inner_bound);
  for (int s : inner_bound) {
    if (!bound.count(s)) optional->null_slots.push_back(s);
  }
  bound = std::move(inner_bound);
  return optional;
}

PlanPtr Planner::plan_create_or_merge(PlanPtr plan, const BoundClause& bc, std::set<int>& bound) {
  const bool merge = bc.clause->kind == ast::ClauseKind::kMerge;
  auto write = make_operator(merge ? PlanOp::kMerge : PlanOp::kCreate, std::move(plan));
  if (merge) {
    // The match half of MERGE, run per row; the create half is the operator's.
    std::set<int> inner_bound = bound;
    write->inner = plan_pattern(make_operator(PlanOp::kArgument), bc.parts, nullptr, inner_bound);
  }
  write->clause = bc.clause;
  write->bound_clause = &bc;
  write->slots = new_slots(bc, bound);
  insert_slots(bc, bound);
  return write;
}

PlanPtr Planner::plan_call(PlanPtr plan, const BoundClause& bc, std::set<int>& bound) {
  auto call = make_operator(PlanOp::kProcedureCall, std::move(plan));
  call->clause = bc.clause;
  call->bound_clause = &bc;
  call->procedure = bc.procedure;
  for (int s : bc.yield_slots) {
    if (s >= 0) bound.insert(s);
  }
  plan = std::move(call);
  if (bc.clause->where) plan = add_filter(std::move(plan), bc.clause->where.get());
  return plan;
}

PlanPtr Planner::plan_subquery(PlanPtr plan, const BoundClause& bc, std::set<int>& bound) {
  auto apply = make_operator(PlanOp::kApply, std::move(plan));
  // The parts start afresh (an importing WITH reads the Argument's slots).
  apply->inner = plan_subquery_parts(bc.subquery_parts, bc.clause->subquery->union_all,
                                     bc.subquery_slots, bc.subquery_columns, {});
  apply->slots = bc.subquery_slots;
  apply->columns = bc.subquery_columns;
  apply->clause = bc.clause;
  apply->outer_slots.assign(bound.begin(), bound.end());
  bound.insert(bc.subquery_slots.begin(), bc.subquery_slots.end());
  return apply;
}

PlanPtr Planner::plan_subquery_parts(const std::vector<BoundSingleQuery>& parts,
                                     const std::vector<bool>& union_all,
                                     const std::vector<int>& slots,
                                     const std::vector<std::string>& columns,
                                     const std::set<int>& outer) {
  if (parts.size() == 1) return plan_single(parts.front(), PlanOp::kArgument, outer);
  // Each branch starts from the outer row; a UNION without ALL is distinct
  // per outer row.
  auto unite = make_operator(PlanOp::kUnion);
  for (const auto& part : parts) {
    unite->branches.push_back(plan_single(part, PlanOp::kArgument, outer));
  }
  unite->slots = slots;
  unite->columns = columns;
  PlanPtr plan = std::move(unite);
  bool distinct = false;
  for (bool all : union_all) distinct = distinct || !all;
  if (distinct) {
    auto d = make_operator(PlanOp::kDistinct, std::move(plan));
    d->slots = slots;
    plan = std::move(d);
  }
  return plan;
}

PlanPtr Planner::plan_projection(PlanPtr plan, const BoundClause& bc, std::set<int>& bound) {
  const ast::Projection& projection = bc.clause->projection;
  const BoundProjection& bp = bc.projection;
  plan = plan_projection_items(std::move(plan), bp);
  if (projection.distinct) {
    auto distinct = make_operator(PlanOp::kDistinct, std::move(plan));
    distinct->slots = bp.column_slots;
    plan = std::move(distinct);
  }
  if (!projection.order_by.empty()) {
    auto sort = make_operator(PlanOp::kSort, std::move(plan));
    for (const auto& item : projection.order_by) {
      sort->sort_keys.push_back({item.expression.get(), item.descending});
    }
    plan = std::move(sort);
  }
  if (projection.skip) {
    auto skip = make_operator(PlanOp::kSkip, std::move(plan));
    skip->count = projection.skip.get();
    plan = std::move(skip);
  }
  if (projection.limit) {
    auto limit = make_operator(PlanOp::kLimit, std::move(plan));
    limit->count = projection.limit.get();
    plan = std::move(limit);
  }
  bound.clear();
  bound.insert(bp.column_slots.begin(), bp.column_slots.end());
  if (projection.where) plan = add_filter(std::move(plan), projection.where.get());
  return plan;
}

PlanPtr Planner::plan_projection_items(PlanPtr plan, const BoundProjection& bp) {
  if (bp.aggregating) {
    auto aggregate = make_operator(PlanOp::kAggregate, std::move(plan));
    for (int s : bp.star_slots) aggregate->items.push_back({s, nullptr});
    for (size_t i = 0; i < bp.item_slots.size(); ++i) {
      SlotExpression item{bp.item_slots[i], bp.item_expressions[i]};
      if (bp.item_has_aggregate[i]) {
        aggregate->post_items.push_back(item);
      } else {
        aggregate->items.push_back(item);
      }
    }
    aggregate->aggregates = bp.aggregates;
    return aggregate;
  }
  if (bp.item_slots.empty()) return plan;
  auto project = make_operator(PlanOp::kProjection, std::move(plan));
  for (size_t i = 0; i < bp.item_slots.size(); ++i) {
    project->items.push_back({bp.item_slots[i], bp.item_expressions[i]});
  }
  return project;
}

}  // namespace guanxi::query
