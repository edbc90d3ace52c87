// Backups and format upgrades: what `guanxi backup`, `guanxi restore`,
// `guanxi verify FILE` and `guanxi upgrade` run.
//
//   db.backup("customers.gxbackup");                      // hot: writers go on
//   guanxi::restore("customers.gxbackup", "restored.gx");  // every checksum checked first
//
// A backup is a compacted, zstd-compressed and checksummed copy of one
// consistent snapshot, taken while the database is in use; it is written to
// a temporary file that becomes the target only when complete.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace guanxi {

// The on-disk format of the databases this library writes. Older ones are
// opened only by upgrade().
std::uint32_t database_format_version();

// What a backup holds, from its header.
struct BackupInfo {
  std::string database_id;  // "5f3a9c2e-1b7d-4e0a-9c44-0d2b7a61e8f3"; empty before format 3
  std::uint32_t database_format = 0;
  std::uint32_t backup_format = 0;
  std::uint64_t created_micros = 0;  // when it was taken, microseconds since the Unix epoch
  std::uint64_t transaction_id = 0;  // the last transaction in it
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
  std::uint32_t block_size = 0;  // uncompressed bytes per block
};

struct BackupProgress {
  std::uint64_t bytes_copied = 0;    // of the database, uncompressed
  std::uint64_t bytes_expected = 0;  // the database's pages in use at the start (an upper bound)
  std::uint64_t bytes_written = 0;   // of the backup file
};

struct BackupOptions {
  // zstd level, 1 (fast) to 19.
  int compression_level = 1;
  // Replace an existing file (only once the new backup is complete).
  bool overwrite = false;
  // Called after each block, on the calling thread.
  std::function<void(const BackupProgress&)> progress;
};

struct BackupReport {
  BackupInfo info;
  std::uint64_t blocks = 0;
  std::uint64_t database_bytes = 0;  // uncompressed: the restored database's size
  std::uint64_t file_bytes = 0;
  std::chrono::duration<double> elapsed{};
};

// Backs up the database in directory `path` into `file` without a Database
// handle: it is opened for writing (to hold writers back for the instant the
// snapshot starts) or, on read-only media, for reading. Database::backup does
// the same through an open handle. Throws Error: kNotFound (no database
// there), kInvalidArgument (bad options; `file` exists and !overwrite),
// kStorage (the file cannot be written; not a Guanxi database).
BackupReport backup(const std::string& path, const std::string& file,
                    const BackupOptions& options = {});

// The header of a backup and, when the file ends in an intact trailer, its
// totals, without reading the blocks.
struct BackupFileInfo {
  BackupInfo info;
  bool complete = false;             // the trailer is there
  std::uint64_t database_bytes = 0;  // from the trailer
  std::uint64_t blocks = 0;          // from the trailer
  std::uint64_t file_bytes = 0;
};

// Throws Error: kNotFound (no such file), kStorage (not a backup, a damaged header).
BackupFileInfo read_backup_info(const std::string& file);

// A damaged part of a backup: where ("header", "block 17 (bytes 1,024-2,047)",
// "trailer", "end of file") and what ("payload checksum mismatch").
struct BackupProblem {
  std::string where;
  std::string message;
};

struct BackupVerifyOptions {
  std::size_t max_problems = 100;  // kept; all are counted
  // Called after each block with the bytes of the file read so far.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

struct BackupVerifyReport {
  std::optional<BackupInfo> info;  // when the header is intact
  std::uint64_t blocks = 0;        // intact blocks read
  std::uint64_t database_bytes = 0;
  std::uint64_t file_bytes = 0;
  std::vector<BackupProblem> problems;
  std::uint64_t problem_count = 0;
  bool ok() const { return problem_count == 0; }
};

// Reads every block of backup `file` and checks every checksum, decompressing
// each block. Damage is reported, not thrown. Throws Error: kNotFound (no
// such file), kInvalidArgument (the file is not a Guanxi backup at all: it
// does not start with GXBACKUP), kStorage (it cannot be read).
BackupVerifyReport verify_backup(const std::string& file, const BackupVerifyOptions& options = {});

struct RestoreProgress {
  std::string phase;  // "checking" (checksums), "writing"
  std::uint64_t done = 0;
  std::uint64_t total = 0;  // bytes of the backup file
};

struct RestoreOptions {
  // Replace a database that exists at the target; it must not be open, in
  // this process or another.
  bool overwrite = false;
  std::function<void(const RestoreProgress&)> progress;
};

struct RestoreReport {
  BackupInfo info;
  std::uint64_t database_bytes = 0;
  bool replaced = false;  // an existing database was replaced
  std::chrono::duration<double> elapsed{};
};

// Restores backup `file` into the database directory `path`. Every checksum
// is checked before anything is written, and the database moves into place
// in one step, so on any failure `path` is as before. Throws Error:
// kNotFound (no such file), kInvalidArgument (`path` exists and !overwrite,
// or is in use, or is not a database), kStorage (not a backup, a newer format,
// damage naming the first damaged part, no room).
RestoreReport restore(const std::string& file, const std::string& path,
                      const RestoreOptions& options = {});

struct UpgradeOptions {
  // Where the backup taken first goes; empty: beside the database, as
  // `DB-format<N>-<YYYYmmdd-HHMMSS>.gxbackup`.
  std::string backup_file;
};

struct UpgradeReport {
  std::uint32_t from = 0;
  std::uint32_t to = 0;
  // What each step changed; empty when the database already had this
  // library's format (then nothing was done and no backup taken).
  std::vector<std::string> steps;
  std::string backup_file;
  BackupReport backup;
  std::chrono::duration<double> elapsed{};
};

// Upgrades the database in `path`, which no one may have open, from an older
// format to database_format_version(): a backup first, then every step in
// one write transaction, so it completes or the database stays as it was.
// Throws Error: kNotFound (no database there), kInvalidArgument (the backup
// file exists), kStorage (a newer format, too old to upgrade, not a Guanxi
// database, I/O).
UpgradeReport upgrade(const std::string& path, const UpgradeOptions& options = {});

}  // namespace guanxi
