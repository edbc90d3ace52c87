#include "api/backup_info.h"

namespace guanxi::api {

BackupInfo backup_info(const storage::BackupHeader& header) {
  BackupInfo info;
  info.database_id = header.database_id.is_zero() ? "" : header.database_id.to_string();
  info.database_format = header.database_format;
  info.backup_format = header.backup_format;
  info.created_micros = header.created_micros;
  info.transaction_id = header.transaction_id;
  info.nodes = header.nodes;
  info.relationships = header.relationships;
  info.block_size = header.block_size;
  return info;
}

BackupReport backup_report(const storage::BackupReport& report) {
  BackupReport out;
  out.info = backup_info(report.header);
  out.blocks = report.blocks;
  out.database_bytes = report.database_bytes;
  out.file_bytes = report.file_bytes;
  out.elapsed = report.elapsed;
  return out;
}

storage::BackupOptions backup_options(const BackupOptions& options) {
  storage::BackupOptions out;
  out.compression_level = options.compression_level;
  out.overwrite = options.overwrite;
  if (options.progress) {
    out.progress = [progress = options.progress](const storage::BackupProgress& p) {
      progress(BackupProgress{p.bytes_copied, p.bytes_expected, p.bytes_written});
    };
  }
  return out;
}

}  // namespace guanxi::api
