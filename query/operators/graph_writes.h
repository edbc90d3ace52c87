// The writes of the writing operators (CREATE, MERGE, SET): turning values
// into stored properties, creating the nodes and relationships of a
// pattern, and applying SET items.
// Every change is counted in the run's ChangeSummary.
#pragma once

#include <vector>

#include "query/ast.h"
#include "query/binder/bound_query.h"
#include "query/value.h"
#include "storage/value.h"

namespace guanxi::query {

class ExecutionContext;

// The properties of `map` (a map value, or null for none) as stored
// properties; null entries are dropped. Throws kType for a non-map, or for a
// value that cannot be a property (maps, nodes, relationships, paths).
storage::PropertyList to_property_list(ExecutionContext& ctx, const Value& map,
                                       const ast::Expression* at);

// Checks that `value` may be stored as a property and converts it.
storage::Value to_property_value(ExecutionContext& ctx, const Value& value,
                                 const ast::Expression* at);

// Creates the parts of a CREATE or MERGE pattern for `row`: nodes in
// `new_slots` are created (a node repeated in the pattern once), other node
// slots must already hold nodes; every relationship is created. Fills the
// slots of what it creates, and path variables.
void create_pattern(ExecutionContext& ctx, const std::vector<BoundPatternPart>& parts,
                    const std::vector<int>& new_slots, Row& row);

// Applies SET items (also ON CREATE / ON MATCH) to `row`'s entities; a null
// entity is skipped.
void apply_set_items(ExecutionContext& ctx, const std::vector<ast::SetItem>& items, Row& row);

}  // namespace guanxi::query
