#include "api/error_translation.h"
#include "api/existing_database.h"
#include "guanxi/maintenance.h"
#include "storage/compaction.h"

namespace guanxi {

CompactReport compact(const std::string& path) {
  return api::translating_errors([&] {
    api::require_existing(path);
    const storage::CompactionReport report = storage::compact_database(path);
    CompactReport out;
    out.bytes_before = report.bytes_before;
    out.bytes_after = report.bytes_after;
    out.key_store_bytes_before = report.key_store_bytes_before;
    out.key_store_bytes_after = report.key_store_bytes_after;
    out.nodes = report.nodes;
    out.relationships = report.relationships;
    out.elapsed = report.elapsed;
    return out;
  });
}

}  // namespace guanxi
