// Backups: taking one (hot), reading a backup's header, checking a backup.
#include "guanxi/backup.h"

#include "api/api_state.h"
#include "api/backup_info.h"
#include "api/error_translation.h"
#include "api/existing_database.h"
#include "storage/backup.h"
#include "storage/backup_scan.h"
#include "storage/error.h"
#include "storage/format_version.h"

namespace guanxi {

std::uint32_t database_format_version() { return storage::kFormatVersion; }

BackupReport Database::backup(const std::string& file, const BackupOptions& options) {
  internal::ApiAccess::DatabaseImpl& db = internal::ApiAccess::live(*this);
  return api::translating_errors([&] {
    return api::backup_report(
        storage::backup_database(db.graph->env(), file, api::backup_options(options)));
  });
}

BackupReport backup(const std::string& path, const std::string& file,
                    const BackupOptions& options) {
  return api::translating_errors([&] {
    // Writing access holds writers back for the instant the snapshot starts;
    // on read-only media the backup goes ahead through a read-only open.
    std::unique_ptr<storage::Graph> graph;
    try {
      graph = api::open_existing_graph(path, /*read_only=*/false);
    } catch (const storage::StorageError& e) {
      if (e.code() != storage::ErrorCode::kIo && e.code() != storage::ErrorCode::kReadOnly) throw;
      graph = api::open_existing_graph(path, /*read_only=*/true);
    }
    return api::backup_report(
        storage::backup_database(graph->env(), file, api::backup_options(options)));
  });
}

BackupFileInfo read_backup_info(const std::string& file) {
  return api::translating_errors([&] {
    const storage::BackupSummary summary = storage::read_backup_summary(file);
    BackupFileInfo out;
    out.info = api::backup_info(summary.header);
    out.complete = summary.trailer.has_value();
    if (summary.trailer) {
      out.database_bytes = summary.trailer->raw_bytes;
      out.blocks = summary.trailer->blocks;
    }
    out.file_bytes = summary.file_bytes;
    return out;
  });
}

BackupVerifyReport verify_backup(const std::string& file, const BackupVerifyOptions& options) {
  return api::translating_errors([&] {
    storage::BackupScanOptions scan;
    scan.max_problems = options.max_problems;
    scan.progress = options.progress;
    storage::BackupScanReport report;
    try {
      report = storage::scan_backup(file, scan);
    } catch (const storage::StorageError& e) {
      // Not a backup at all: the caller's argument is wrong, not the file damaged.
      if (e.code() != storage::ErrorCode::kFormat) throw;
      throw Error(ErrorCode::kInvalidArgument, e.what());
    }
    BackupVerifyReport out;
    if (report.header) out.info = api::backup_info(*report.header);
    out.blocks = report.blocks;
    out.database_bytes = report.database_bytes;
    out.file_bytes = report.file_bytes;
    out.problems.reserve(report.problems.size());
    for (const storage::BackupProblem& p : report.problems) {
      out.problems.push_back({p.where, p.message});
    }
    out.problem_count = report.problem_count;
    return out;
  });
}

}  // namespace guanxi
