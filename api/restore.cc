#include "storage/restore.h"

#include "api/backup_info.h"
#include "api/error_translation.h"
#include "guanxi/backup.h"

namespace guanxi {

RestoreReport restore(const std::string& file, const std::string& path,
                      const RestoreOptions& options) {
  return api::translating_errors([&] {
    storage::RestoreOptions storage_options;
    storage_options.overwrite = options.overwrite;
    if (options.progress) {
      storage_options.progress = [&options](const storage::RestoreProgress& p) {
        options.progress(RestoreProgress{p.phase, p.done, p.total});
      };
    }
    const storage::RestoreReport report = storage::restore_database(file, path, storage_options);
    RestoreReport out;
    out.info = api::backup_info(report.header);
    out.database_bytes = report.database_bytes;
    out.replaced = report.replaced;
    out.elapsed = report.elapsed;
    return out;
  });
}

}  // namespace guanxi
