#include "query/planner/planner.h"

#include "query/planner/optimizer.h"
#include "query/planner/planner_impl.h"

namespace guanxi::query {

namespace {

bool is_write(ast::ClauseKind kind) {
  return kind == ast::ClauseKind::kCreate || kind == ast::ClauseKind::kMerge ||
         kind == ast::ClauseKind::kSet || kind == ast::ClauseKind::kRemove ||
         kind == ast::ClauseKind::kDelete;
}

bool is_read(const ast::Clause& clause) {
  return clause.kind == ast::ClauseKind::kMatch || clause.kind == ast::ClauseKind::kMerge ||
         clause.kind == ast::ClauseKind::kCall;
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

}  // namespace

QueryPlan plan_query(const BoundQuery& bound, const ast::Statement& statement,
                     PlanningCatalog& catalog) {
  return Planner(bound, statement, catalog).plan();
}

QueryPlan Planner::plan() {
  QueryPlan result;
  if (bound_.parts.size() == 1) {
    result.root = plan_single(bound_.parts.front());
  } else {
    auto unite = make_node(PlanOp::kUnion);
    bool distinct = false;
    for (bool all : statement_.query.union_all) distinct = distinct || !all;
    for (const auto& part : bound_.parts) unite->branches.push_back(plan_single(part));
    unite->slots = bound_.parts.front().result_slots;
    unite->columns = bound_.columns;
    PlanPtr plan = std::move(unite);
    if (distinct) {
      auto d = make_node(PlanOp::kDistinct, std::move(plan));
      d->slots = bound_.parts.front().result_slots;
      plan = std::move(d);
    }
    auto produce = make_node(PlanOp::kProduceResults, std::move(plan));
    produce->columns = bound_.columns;
    produce->slots = bound_.parts.front().result_slots;
    result.root = std::move(produce);
  }
  for (const auto& [expression, pattern] : bound_.pattern_expressions) {
    std::set<int> outer;
    for (int s = 0; s < pattern.first_slot; ++s) outer.insert(s);
    const ast::Expression* where = expression->kind == ast::ExpressionKind::kPatternPredicate
                                       ? nullptr
                                   : expression->children.empty() ? nullptr
                                                                  : expression->children[0].get();
    result.pattern_plans[expression] =
        plan_pattern(make_node(PlanOp::kArgument), pattern.parts, where, outer);
  }
  optimize(result.root, bound_);
  for (auto& [expression, plan] : result.pattern_plans) optimize(plan, bound_);
  return result;
}

PlanPtr Planner::plan_single(const BoundSingleQuery& query) {
  PlanPtr plan = make_node(PlanOp::kOnce);
  std::set<int> bound;
  // Reads after writes must see them, and writes must not feed the reads
  // that drive them: an Eager materializes the rows in between.
  bool pending_read = false;
  bool wrote = false;
  for (const auto& bc : query.clauses) {
    const ast::Clause& clause = *bc.clause;
    if (bound_.writes) {
      if ((is_write(clause.kind) && pending_read) || (is_read(clause) && wrote)) {
        if (plan->op != PlanOp::kEager && plan->op != PlanOp::kOnce) {
          plan = make_node(PlanOp::kEager, std::move(plan));
        }
        pending_read = false;
        wrote = false;
      }
    }
    switch (clause.kind) {
      case ast::ClauseKind::kMatch:
        if (clause.optional) {
          std::set<int> inner_bound = bound;
          auto optional = make_node(PlanOp::kOptional, std::move(plan));
          optional->inner =
              plan_pattern(make_node(PlanOp::kArgument), bc.parts, clause.where.get(), inner_bound);
          for (int s : inner_bound) {
            if (!bound.count(s)) optional->null_slots.push_back(s);
          }
          bound = std::move(inner_bound);
          plan = std::move(optional);
        } else {
          plan = plan_pattern(std::move(plan), bc.parts, clause.where.get(), bound);
        }
        break;
      case ast::ClauseKind::kUnwind: {
        auto unwind = make_node(PlanOp::kUnwind, std::move(plan));
        unwind->items.push_back({bc.unwind_slot, clause.expression.get()});
        bound.insert(bc.unwind_slot);
        plan = std::move(unwind);
        break;
      }
      case ast::ClauseKind::kWith:
      case ast::ClauseKind::kReturn:
        // Writes apply to every row even when the projection limits them.
        if (wrote && clause.projection.limit && plan->op != PlanOp::kEager) {
          plan = make_node(PlanOp::kEager, std::move(plan));
        }
        plan = plan_projection(std::move(plan), bc, bound);
        break;
      case ast::ClauseKind::kCreate: {
        auto create = make_node(PlanOp::kCreate, std::move(plan));
        create->clause = &clause;
        create->bound_clause = &bc;
        create->slots = new_slots(bc, bound);
        insert_slots(bc, bound);
        plan = std::move(create);
        break;
      }
      case ast::ClauseKind::kMerge: {
        std::set<int> inner_bound = bound;
        auto merge = make_node(PlanOp::kMerge, std::move(plan));
        merge->inner = plan_pattern(make_node(PlanOp::kArgument), bc.parts, nullptr, inner_bound);
        merge->clause = &clause;
        merge->bound_clause = &bc;
        merge->slots = new_slots(bc, bound);
        insert_slots(bc, bound);
        plan = std::move(merge);
        break;
      }
      case ast::ClauseKind::kSet: {
        auto set = make_node(PlanOp::kSetProperties, std::move(plan));
        set->clause = &clause;
        plan = std::move(set);
        break;
      }
      case ast::ClauseKind::kRemove: {
        auto remove = make_node(PlanOp::kRemove, std::move(plan));
        remove->clause = &clause;
        plan = std::move(remove);
        break;
      }
      case ast::ClauseKind::kDelete: {
        auto del = make_node(PlanOp::kDelete, std::move(plan));
        del->clause = &clause;
        plan = std::move(del);
        break;
      }
      case ast::ClauseKind::kCall: {
        auto call = make_node(PlanOp::kProcedureCall, std::move(plan));
        call->clause = &clause;
        call->bound_clause = &bc;
        call->procedure = bc.procedure;
        for (int s : bc.yield_slots) {
          if (s >= 0) bound.insert(s);
        }
        plan = std::move(call);
        if (clause.where) {
          auto filter = make_node(PlanOp::kFilter, std::move(plan));
          Predicate p;
          p.expression = clause.where.get();
          filter->predicates.push_back(std::move(p));
          plan = std::move(filter);
        }
        break;
      }
    }
    if (is_write(clause.kind)) wrote = true;
    if (is_read(clause)) pending_read = true;
  }
  // A writing query without RETURN still runs every row through its writes.
  auto produce = make_node(PlanOp::kProduceResults, std::move(plan));
  produce->columns = query.columns;
  produce->slots = query.result_slots;
  return produce;
}

PlanPtr Planner::plan_projection(PlanPtr plan, const BoundClause& bc, std::set<int>& bound) {
  const ast::Projection& projection = bc.clause->projection;
  const BoundProjection& bp = bc.projection;
  if (bp.aggregating) {
    auto aggregate = make_node(PlanOp::kAggregate, std::move(plan));
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
    plan = std::move(aggregate);
  } else if (!bp.item_slots.empty()) {
    auto project = make_node(PlanOp::kProjection, std::move(plan));
    for (size_t i = 0; i < bp.item_slots.size(); ++i) {
      project->items.push_back({bp.item_slots[i], bp.item_expressions[i]});
    }
    plan = std::move(project);
  }
  if (projection.distinct) {
    auto distinct = make_node(PlanOp::kDistinct, std::move(plan));
    distinct->slots = bp.column_slots;
    plan = std::move(distinct);
  }
  if (!projection.order_by.empty()) {
    auto sort = make_node(PlanOp::kSort, std::move(plan));
    for (const auto& item : projection.order_by) {
      sort->sort_keys.push_back({item.expression.get(), item.descending});
    }
    plan = std::move(sort);
  }
  if (projection.skip) {
    auto skip = make_node(PlanOp::kSkip, std::move(plan));
    skip->count = projection.skip.get();
    plan = std::move(skip);
  }
  if (projection.limit) {
    auto limit = make_node(PlanOp::kLimit, std::move(plan));
    limit->count = projection.limit.get();
    plan = std::move(limit);
  }
  bound.clear();
  bound.insert(bp.column_slots.begin(), bp.column_slots.end());
  if (projection.where) {
    auto filter = make_node(PlanOp::kFilter, std::move(plan));
    Predicate p;
    p.expression = projection.where.get();
    filter->predicates.push_back(std::move(p));
    plan = std::move(filter);
  }
  return plan;
}

}  // namespace guanxi::query
