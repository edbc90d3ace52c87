// The planner: turns a bound query into a logical plan.
//
// Each clause extends the plan of the clauses before it. MATCH patterns are
// planned by the rule-based optimizer in pattern_planner.cc (start from the
// most selective node, push predicates down to the first operator that binds
// their variables, turn inline property maps into predicates or index
// seeks); the rewrites of optimizer.h then run over the whole tree.
#pragma once

#include <map>

#include "query/ast.h"
#include "query/binder/bound_query.h"
#include "query/planner/logical_plan.h"
#include "query/planner/planning_catalog.h"

namespace guanxi::query {

struct QueryPlan {
  PlanPtr root;
  // The sub-plan of each pattern predicate, EXISTS and pattern comprehension,
  // run per row over an Argument.
  std::map<const ast::Expression*, PlanPtr> pattern_plans;
};

// Plans `bound` (bound from `statement`). Reads index and label statistics
// through `catalog`. Throws QueryError for what only planning can see
// (e.g. shortestPath between unbound ends that cannot be planned).
QueryPlan plan_query(const BoundQuery& bound, const ast::Statement& statement,
                     PlanningCatalog& catalog);

}  // namespace guanxi::query
