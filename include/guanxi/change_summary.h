// guanxi::ChangeSummary: what a statement changed.
//
// Plain data, so that the query layer counts into the very struct the public
// API returns (Result::summary, Session::execute) instead of a copy of it.
// to_string() is defined by the API library (api/result.cc).
#pragma once

#include <cstdint>
#include <string>

namespace guanxi {

// What a statement changed.
struct ChangeSummary {
  std::int64_t nodes_created = 0;
  std::int64_t nodes_deleted = 0;
  std::int64_t relationships_created = 0;
  std::int64_t relationships_deleted = 0;
  std::int64_t properties_set = 0;
  std::int64_t labels_added = 0;
  std::int64_t labels_removed = 0;
  std::int64_t indexes_added = 0;
  std::int64_t indexes_removed = 0;
  std::int64_t constraints_added = 0;
  std::int64_t constraints_removed = 0;
  // Tags, purposes and policies created, dropped, allowed or disallowed.
  std::int64_t privacy_rules_changed = 0;
  // True when any count is nonzero.
  bool any() const {
    return nodes_created || nodes_deleted || relationships_created || relationships_deleted ||
           properties_set || labels_added || labels_removed || indexes_added || indexes_removed ||
           constraints_added || constraints_removed || privacy_rules_changed;
  }
  // "Created 2 nodes, 1 relationship; set 3 properties" (only nonzero
  // counts); empty when nothing changed.
  std::string to_string() const;
};

}  // namespace guanxi
