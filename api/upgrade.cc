#include "api/backup_info.h"
#include "api/error_translation.h"
#include "api/existing_database.h"
#include "guanxi/backup.h"
#include "storage/format_upgrade.h"

namespace guanxi {

UpgradeReport upgrade(const std::string& path, const UpgradeOptions& options) {
  return api::translating_errors([&] {
    api::require_existing(path);
    storage::UpgradeOptions storage_options;
    storage_options.backup_file = options.backup_file;
    const storage::UpgradeReport report = storage::upgrade_database(path, storage_options);
    UpgradeReport out;
    out.from = report.from;
    out.to = report.to;
    out.steps = report.steps;
    if (!report.steps.empty()) {
      out.backup_file = report.backup_file.string();
      out.backup = api::backup_report(report.backup);
    }
    out.elapsed = report.elapsed;
    return out;
  });
}

}  // namespace guanxi
