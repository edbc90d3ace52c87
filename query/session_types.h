// The plain types a statement shares with everything that runs a part of
// it: who is asking (SessionOptions), its parameters, what it changed
// (ChangeSummary), its warnings (Notification) and the description of its
// plan for EXPLAIN and PROFILE (PlanNode).
//
// Operators, the executor, procedures, the property reader and schema
// statements include this header, never query/engine.h, so that the engine
// stays at the top of the query layer. SessionOptions, ChangeSummary and
// PlanNode are the public API's own structs (include/guanxi/): plain data
// without dependencies, defined once for both layers, so the API hands them
// through unconverted.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "guanxi/change_summary.h"
#include "guanxi/notification.h"
#include "guanxi/plan_node.h"
#include "guanxi/session_options.h"
#include "query/value.h"

namespace guanxi::query {

// A statement's $parameters by name, without the '$'.
using Parameters = std::map<std::string, Value, std::less<>>;

}  // namespace guanxi::query
