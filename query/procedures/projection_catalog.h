// The named graph projections of one session: `CALL graph.project('g', {...})`
// builds a CSR snapshot once, and later `CALL algo.pagerank('g', {...})`
// calls reuse it until `graph.drop('g')` or the end of the session.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "algorithms/csr_graph.h"
#include "algorithms/projection.h"

namespace guanxi::query {

struct NamedProjection {
  std::string name;
  algorithms::ProjectionConfig config;
  std::shared_ptr<const algorithms::CsrGraph> graph;
  double project_seconds = 0;  // time taken to build it
};

// Not thread-safe: a session belongs to one thread.
class ProjectionCatalog {
 public:
  // Stores `projection` under its name; throws QueryError kInvalidArgument
  // when the name is taken.
  void add(NamedProjection projection);
  // nullptr when there is no projection of that name.
  const NamedProjection* find(const std::string& name) const;
  // Returns false when there was no projection of that name.
  bool drop(const std::string& name);
  // All projections, sorted by name.
  std::vector<const NamedProjection*> list() const;

 private:
  std::map<std::string, NamedProjection> projections_;
};

}  // namespace guanxi::query
