// PlanningCatalog: what the planner may ask about the data to choose a plan
// (the executor answers it from a read transaction).
#pragma once

#include <cstdint>
#include <string>

namespace guanxi::query {

class PlanningCatalog {
 public:
  virtual ~PlanningCatalog() = default;
  // Whether an index on (label, property) exists.
  virtual bool has_index(const std::string& label, const std::string& property) = 0;
  // Whether that index is unique (a constraint).
  virtual bool has_unique_index(const std::string& label, const std::string& property) = 0;
  // Nodes carrying `label` (0 for a label never used).
  virtual std::uint64_t label_count(const std::string& label) = 0;
  virtual std::uint64_t node_count() = 0;
};

}  // namespace guanxi::query
