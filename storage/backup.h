// Hot backup: a consistent, compacted, compressed and checksummed copy of a
// database taken while writers go on (format: backup_format.h).
//
// The copy is LMDB's compacting copy (mdb_env_copyfd2 with MDB_CP_COMPACT),
// which walks one read snapshot and leaves out free pages; it streams through
// a pipe into zstd, block by block, into an AtomicOutputFile, so a failed or
// killed backup never leaves a file at the target path. The header's counts
// and transaction id come from the same snapshot as the copy: the backup
// holds the writer lock for the moment it takes to start both (writers wait
// for that moment only, milliseconds), and then checks in LMDB's reader
// table that the copy's snapshot is the one the header describes.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>

#include "storage/backup_format.h"
#include "storage/environment.h"

namespace guanxi::storage {

struct BackupProgress {
  std::uint64_t bytes_copied = 0;    // of the database copy, uncompressed
  std::uint64_t bytes_expected = 0;  // the database's pages in use at the start (an upper bound)
  std::uint64_t bytes_written = 0;   // of the backup file
};

struct BackupOptions {
  // zstd compression level, 1 (fast, the default) to 19.
  int compression_level = 1;
  // Uncompressed bytes per block (4 KiB .. 64 MiB): the unit a damaged
  // byte is reported in.
  std::uint32_t block_size = 1u << 20;
  // Replace an existing file at the target path (only once the new backup is
  // complete).
  bool overwrite = false;
  // Called after each block, on the calling thread.
  std::function<void(const BackupProgress&)> progress;
};

struct BackupReport {
  BackupHeader header;
  std::uint64_t blocks = 0;
  std::uint64_t database_bytes = 0;  // uncompressed: the size the restored data.mdb will have
  std::uint64_t file_bytes = 0;
  std::chrono::duration<double> elapsed{};
};

// Backs up the database of `env` into `file`. The environment may be
// read-only. Throws StorageError: kInvalidArgument (bad options, `file`
// exists and !overwrite), kIo (the file cannot be written: a full disk names
// the reason; the copy failed). A thread of this process that holds a write
// transaction must not call this (it would wait for itself); read
// transactions may stay open. While the copy runs, another thread of this
// process that needs to grow the map waits for it (up to a minute).
BackupReport backup_database(Environment& env, const std::filesystem::path& file,
                             const BackupOptions& options = {});

}  // namespace guanxi::storage
