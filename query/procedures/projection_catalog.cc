#include "query/procedures/projection_catalog.h"

#include "query/query_error.h"

namespace guanxi::query {

void ProjectionCatalog::add(NamedProjection projection) {
  if (projections_.count(projection.name) != 0) {
    throw QueryError(QueryErrorCode::kInvalidArgument,
                     "graph.project: a graph named '" + projection.name +
                         "' already exists in this session; drop it first with graph.drop");
  }
  std::string name = projection.name;
  projections_.emplace(std::move(name), std::move(projection));
}

const NamedProjection* ProjectionCatalog::find(const std::string& name) const {
  auto it = projections_.find(name);
  return it == projections_.end() ? nullptr : &it->second;
}

bool ProjectionCatalog::drop(const std::string& name) { return projections_.erase(name) != 0; }

std::vector<const NamedProjection*> ProjectionCatalog::list() const {
  std::vector<const NamedProjection*> out;
  out.reserve(projections_.size());
  for (const auto& [name, projection] : projections_) out.push_back(&projection);
  return out;
}

}  // namespace guanxi::query
