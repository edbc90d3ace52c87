#include "guanxi/import.h"

#include "api/api_state.h"
#include "api/error_translation.h"
#include "api/new_database.h"
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
    if (options.progress) {
      storage_options.progress = [&options](const storage::ImportProgress& p) {
        options.progress(ImportProgress{p.phase, p.rows, p.bytes_done, p.bytes_total});
      };
    }
    const storage::ImportReport report =
        storage::bulk_import(*db.graph, groups_to_storage(options.nodes),
                             groups_to_storage(options.relationships), storage_options);
    return ImportSummary{report.nodes, report.relationships, report.nodes_by_label,
                         report.relationships_by_type, report.elapsed};
  });
}

ImportSummary import(const std::string& path, const ImportOptions& options) {
  if (options.nodes.empty() && options.relationships.empty()) {
    throw Error(ErrorCode::kInvalidArgument, "nothing to import: no node or relationship files");
  }
  return api::fill_database(path, [&](Database& db) { return db.import(options); });
}

}  // namespace guanxi
