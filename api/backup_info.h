// A backup's header as the public API shows it (guanxi/backup.h).
#pragma once

#include "guanxi/backup.h"
#include "storage/backup.h"

namespace guanxi::api {

BackupInfo backup_info(const storage::BackupHeader& header);

// The storage layer's report of a backup just taken, as the public one.
BackupReport backup_report(const storage::BackupReport& report);

// The storage options of a backup, with `options.progress` forwarded.
storage::BackupOptions backup_options(const BackupOptions& options);

}  // namespace guanxi::api
