// The slots an expression reads from its row: what must be bound before it
// can be evaluated (the planner pushes filters down with it).
#pragma once

#include <set>

#include "query/ast.h"
#include "query/binder/bound_query.h"

namespace guanxi::query {

// Adds to `slots` every slot `expression` reads that it does not bind itself
// (iteration variables of comprehensions and the own variables of pattern
// expressions are left out). A null expression reads nothing.
void collect_slots(const ast::Expression* expression, const BoundQuery& query,
                   std::set<int>& slots);

}  // namespace guanxi::query
