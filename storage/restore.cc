#include "storage/restore.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "storage/atomic_output_file.h"
#include "storage/backup_scan.h"
#include "storage/counters.h"
#include "storage/database_directory.h"
#include "storage/environment.h"

namespace guanxi::storage {

namespace fs = std::filesystem;

namespace {

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// Refuses a target that must not be touched; returns whether a database is
// there to be replaced.
bool check_target(const fs::path& dir, bool overwrite) {
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(dir, ec);
  if (!fs::exists(status)) return false;
  if (!fs::is_directory(status)) {
    throw StorageError(
        ErrorCode::kInvalidArgument,
        quoted(dir) + " exists and is not a database directory; nothing was restored");
  }
  if (fs::is_empty(dir, ec)) return false;
  if (!overwrite) {
    throw StorageError(
        ErrorCode::kInvalidArgument,
        "database " + quoted(dir) + " already exists; restore with --force to replace it");
  }
  if (!holds_only_database_files(dir)) {
    throw StorageError(ErrorCode::kInvalidArgument,
                       quoted(dir) +
                           " is not a Guanxi database directory (it holds other files); refusing "
                           "to replace it");
  }
  if (database_in_use(dir)) {
    throw StorageError(
        ErrorCode::kInvalidArgument,
        "database " + quoted(dir) +
            " is open in another process or in this one; close it before replacing it");
  }
  return true;
}

void check_header(const fs::path& file, const BackupHeader& header) {
  if (header.backup_format > kBackupFormatVersion) {
    throw StorageError(
        ErrorCode::kFormat,
        fmt::format("backup {} has backup format {}, written by a newer Guanxi; this "
                    "build reads backup format {}",
                    quoted(file), header.backup_format, kBackupFormatVersion));
  }
  if (header.database_format > kFormatVersion) {
    throw StorageError(ErrorCode::kFormat,
                       fmt::format("backup {} holds a database of format version {}, written by a "
                                   "newer Guanxi; this build reads format {}: restore it with a "
                                   "newer Guanxi",
                                   quoted(file), header.database_format, kFormatVersion));
  }
}

std::string damage_summary(const fs::path& file, const BackupScanReport& scan) {
  std::string message = "backup " + quoted(file) + " is damaged, nothing was restored: ";
  if (scan.problems.empty()) return message + "unknown damage";
  message += scan.problems.front().where + ": " + scan.problems.front().message;
  if (scan.problem_count > 1) {
    message += fmt::format(" (and {} more; 'guanxi verify {}' lists them)", scan.problem_count - 1,
                           file.string());
  }
  return message;
}

// Opens the restored database and checks that it is the one the header names.
void check_restored(const fs::path& staged, const fs::path& file, const BackupHeader& header) {
  EnvironmentOptions options;
  options.create_if_missing = false;
  options.allow_older_format = true;
  std::unique_ptr<Environment> env = Environment::open(staged, options);
  ReadTransaction txn = env->read();
  Counters counters(*env);
  const std::uint64_t nodes = counters.node_count(txn);
  const std::uint64_t relationships = counters.relationship_count(txn);
  if (env->identity().id != header.database_id ||
      env->identity().format != header.database_format || nodes != header.nodes ||
      relationships != header.relationships) {
    throw StorageError(
        ErrorCode::kCorruption,
        fmt::format("backup {} does not restore to the database its header describes (database "
                    "{} format {} with {} nodes and {} relationships, expected {} format {} with "
                    "{} and {}); nothing was restored",
                    quoted(file), env->identity().id.to_string(), env->identity().format, nodes,
                    relationships, header.database_id.to_string(), header.database_format,
                    header.nodes, header.relationships));
  }
}

}  // namespace

RestoreReport restore_database(const fs::path& file, const fs::path& dir,
                               const RestoreOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  auto progress = [&](const char* phase, std::uint64_t done, std::uint64_t total) {
    if (options.progress) options.progress({phase, done, total});
  };

  // Every checksum first: a damaged backup writes nothing.
  BackupScanOptions check;
  check.decompress = false;
  check.progress = [&](std::uint64_t done, std::uint64_t total) {
    progress("checking", done, total);
  };
  const BackupScanReport scan = scan_backup(file, check);
  if (scan.header) check_header(file, *scan.header);
  if (!scan.ok()) throw StorageError(ErrorCode::kCorruption, damage_summary(file, scan));
  const BackupHeader& header = *scan.header;
  const bool replacing = check_target(dir, options.overwrite);
  require_room(dir, scan.database_bytes, "restore into");

  StagingDirectory staging(dir, "restore");
  const fs::path data = staging.path() / "data.mdb";
  const int fd = ::open(data.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw StorageError(ErrorCode::kIo,
                       "cannot create " + quoted(data) + ": " + std::strerror(errno));
  }
  struct CloseFile {
    int fd;
    ~CloseFile() { ::close(fd); }
  } close_file{fd};
  BackupScanOptions write;
  write.on_block = [&](std::string_view bytes) {
    if (const int error = write_fully(fd, bytes.data(), bytes.size())) {
      throw StorageError(ErrorCode::kIo, "writing the restored database beside " + quoted(dir) +
                                             ": " + std::strerror(error) +
                                             "; nothing was restored");
    }
  };
  write.progress = [&](std::uint64_t done, std::uint64_t total) {
    progress("writing", done, total);
  };
  const BackupScanReport written = scan_backup(file, write);
  if (!written.ok()) {
    throw StorageError(ErrorCode::kCorruption,
                       damage_summary(file, written) + " (the file changed while it was restored)");
  }
  if (::fsync(fd) != 0) {
    throw StorageError(ErrorCode::kIo,
                       "syncing the restored database: " + std::string(std::strerror(errno)));
  }
  sync_directory(staging.path());
  check_restored(staging.path(), file, header);
  staging.install(options.overwrite);

  RestoreReport report;
  report.header = header;
  report.database_bytes = written.database_bytes;
  report.replaced = replacing;
  report.elapsed = std::chrono::steady_clock::now() - start;
  return report;
}

}  // namespace guanxi::storage
