// guanxi::PlanNode: one operator of a plan, as EXPLAIN and PROFILE show it.
//
// Plain data, so that the query layer describes its operators in the very
// struct the public API returns (Result::plan) instead of a copy of it.
// to_string() is defined by the API library (api/result.cc).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace guanxi {

// One operator of a plan (EXPLAIN) or of a profiled run (PROFILE, with rows
// and inclusive seconds); children in plan order.
struct PlanNode {
  std::string name;     // e.g. "NodeIndexSeek", "Expand(All)"
  std::string details;  // e.g. "c:Customer(id = $id)"
  std::int64_t rows = 0;
  double seconds = 0;  // inclusive of children
  std::vector<PlanNode> children;
  // The tree, one operator per line, children indented by two spaces; with
  // `profiled`, each line ends in "rows=R time=T ms".
  std::string to_string(bool profiled = false) const;
};

}  // namespace guanxi
