#include "storage/statistics.h"

#include "api/api_state.h"
#include "api/error_translation.h"
#include "guanxi/maintenance.h"

namespace guanxi {

namespace {

DegreeDistribution degrees_to_public(const storage::DegreeDistribution& d) {
  return DegreeDistribution{d.min, d.max, d.mean, d.median, d.p90, d.p99, d.histogram};
}

}  // namespace

Statistics Database::statistics() {
  internal::ApiAccess::DatabaseImpl& db = internal::ApiAccess::live(*this);
  return api::translating_errors([&] {
    const storage::GraphStatistics s = storage::compute_statistics(*db.graph);
    Statistics out;
    out.nodes = s.nodes;
    out.relationships = s.relationships;
    out.labels = s.labels;
    out.types = s.types;
    out.indexes = s.indexes;
    out.out_degree = degrees_to_public(s.out_degree);
    out.in_degree = degrees_to_public(s.in_degree);
    out.bytes_on_disk = s.bytes_on_disk;
    for (const storage::TableStatistics& t : s.tables) {
      out.tables.push_back(
          {t.name, t.entries, t.branch_pages, t.leaf_pages, t.overflow_pages, t.bytes, t.fill});
    }
    return out;
  });
}

}  // namespace guanxi
