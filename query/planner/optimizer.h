// Rewrite rules over a whole logical plan, run after planning:
//   - Limit over Sort (optionally with Skip between) becomes TopK, which keeps
//     only SKIP + LIMIT rows in memory;
//   - adjacent Filters merge into one.
// (Start-node choice, index seeks and predicate pushdown happen while MATCH
// patterns are planned: see pattern_planner.cc.)
#pragma once

#include "query/planner/logical_plan.h"

namespace guanxi::query {

// Rewrites `plan` in place.
void optimize(PlanPtr& plan);

}  // namespace guanxi::query
