#include "guanxi/import.h"

#include "api/api_state.h"
#include "api/error_translation.h"
#include "api/new_database.h"
#include "api/text_encoding_conversion.h"
#include "storage/bulk_import.h"

namespace guanxi {

namespace {

std::vector<storage::ImportGroup> groups_to_storage(const std::vector<ImportGroup>& groups) {
  std::vector<storage::ImportGroup> out;
  out.reserve(groups.size());
  for (const ImportGroup& group : groups) {
    storage::ImportGroup g{group.label_or_type, {}, group.header_file};
    g.files.assign(group.files.begin(), group.files.end());
    out.push_back(std::move(g));
  }
  return out;
}

storage::IdType id_type_to_storage(ImportIdType type) {
  switch (type) {
    case ImportIdType::kInteger: return storage::IdType::kInteger;
    case ImportIdType::kString: return storage::IdType::kString;
    case ImportIdType::kAuto: break;
  }
  return storage::IdType::kAuto;
}

}  // namespace

ImportSummary Database::import(const ImportOptions& options) {
  internal::ApiAccess::DatabaseImpl& db = internal::ApiAccess::live(*this);
  if (options.nodes.empty() && options.relationships.empty()) {
    throw Error(ErrorCode::kInvalidArgument, "nothing to import: no node or relationship files");
  }
  return api::translating_errors([&] {
    storage::ImportOptions storage_options;
    storage_options.delimiter = options.delimiter;
    storage_options.array_delimiter = options.array_delimiter;
    storage_options.quote = options.quote;
    storage_options.id_type = id_type_to_storage(options.id_type);
    storage_options.encoding = api::encoding_to_storage(options.encoding);
    storage_options.allow_nodes_without_id = options.allow_nodes_without_id;
    storage_options.skip_duplicate_nodes = options.skip_duplicate_nodes;
    storage_options.skip_duplicate_relationships = options.skip_duplicate_relationships;
    if (options.progress) {
      storage_options.progress = [&options](const storage::ImportProgress& p) {
        options.progress(ImportProgress{p.phase, p.rows, p.bytes_done, p.bytes_total});
      };
    }
    storage::ImportReport report =
        storage::bulk_import(*db.graph, groups_to_storage(options.nodes),
                             groups_to_storage(options.relationships), storage_options);
    ImportSummary summary;
    summary.nodes = report.nodes;
    summary.relationships = report.relationships;
    summary.nodes_by_label = std::move(report.nodes_by_label);
    summary.relationships_by_type = std::move(report.relationships_by_type);
    summary.skipped_nodes = report.skipped_nodes;
    summary.duplicate_relationships = report.duplicate_relationships;
    summary.skipped_relationships = report.skipped_relationships;
    summary.created_indexes = std::move(report.created_indexes);
    summary.warnings = std::move(report.warnings);
    summary.elapsed = report.elapsed;
    return summary;
  });
}

ImportSummary import(const std::string& path, const ImportOptions& options) {
  if (options.nodes.empty() && options.relationships.empty()) {
    throw Error(ErrorCode::kInvalidArgument, "nothing to import: no node or relationship files");
  }
  return api::fill_database(path, [&](Database& db) { return db.import(options); });
}

}  // namespace guanxi
