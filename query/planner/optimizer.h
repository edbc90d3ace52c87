// Rewrite rules over a whole logical plan, run after planning:
//   - Limit over Sort (optionally with Skip between) becomes TopK, which keeps
//     only SKIP + LIMIT rows in memory;
//   - adjacent Filters merge into one;
//   - two Expands under a DISTINCT consumer that never reads the middle node
//     or the relationships become one PruningExpand.
// (Start-node choice, index seeks and predicate pushdown happen while MATCH
// patterns are planned: see pattern_planner.cc.)
#pragma once

#include "query/planner/logical_plan.h"

namespace guanxi::query {

// Rewrites `plan`, planned from `bound`, in place.
void optimize(PlanPtr& plan, const BoundQuery& bound);

}  // namespace guanxi::query
