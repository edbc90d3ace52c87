// Restore: a database directory rebuilt from a backup file (backup.h).
//
// Every checksum of the file is checked before anything is written. The
// database is then written into a hidden directory beside the target, synced,
// opened to check that it is the database the header describes (its id and
// counts), and moved into place with one rename (an atomic exchange when
// replacing), so a failed or killed restore leaves the target exactly as it
// was.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "storage/backup_format.h"

namespace guanxi::storage {

struct RestoreProgress {
  std::string phase;  // "checking" (checksums), "writing" (decompressing into place)
  std::uint64_t done = 0;
  std::uint64_t total = 0;  // bytes of the backup file
};

struct RestoreOptions {
  // Replace a database that exists at the target. It must not be open in
  // any process, this one included (both are detected).
  bool overwrite = false;
  std::function<void(const RestoreProgress&)> progress;
};

struct RestoreReport {
  BackupHeader header;
  std::uint64_t database_bytes = 0;
  bool replaced = false;  // an existing database was replaced
  std::chrono::duration<double> elapsed{};
};

// Restores `file` into the database directory `dir`. Throws StorageError:
// kNotFound (no such file); kFormat (not a backup, or a backup of a newer
// database or backup format); kCorruption (a checksum does not hold, or the
// file is truncated: the message names the first damaged part); kInvalidArgument
// (`dir` exists and !overwrite, `dir` is not a database directory, or it
// is in use); kIo (no room, a write failed). In every case `dir` is as before.
RestoreReport restore_database(const std::filesystem::path& file, const std::filesystem::path& dir,
                               const RestoreOptions& options = {});

}  // namespace guanxi::storage
