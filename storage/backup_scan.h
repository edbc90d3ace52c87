// Reading a backup file (backup_format.h) front to back and checking every
// part: the base of `guanxi verify FILE`, `guanxi restore` and
// `guanxi backup --info`.
//
// Every checksum is checked; a damaged part is reported by what it is and
// where (the header, block 17 at bytes 1,234-5,678, the trailer), and the
// scan goes on past it: after a damaged block header it looks for the next
// intact one. A file that ends before its trailer is reported as truncated.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/backup_format.h"

namespace guanxi::storage {

struct BackupProblem {
  std::string where;    // "header", "block 17 (bytes 1,024-2,047)", "trailer", "end of file"
  std::string message;  // "payload checksum mismatch"
};

struct BackupScanReport {
  std::optional<BackupHeader> header;  // when the header is intact
  std::optional<BackupTrailer> trailer;
  std::uint64_t blocks = 0;          // intact blocks read
  std::uint64_t database_bytes = 0;  // their uncompressed bytes
  std::uint64_t file_bytes = 0;
  std::vector<BackupProblem> problems;  // at most max_problems kept
  std::uint64_t problem_count = 0;
  bool ok() const { return problem_count == 0; }
};

struct BackupScanOptions {
  // Decompress each block and check its size and zstd content checksum too
  // (verify and restore); without it only the XXH3 checksums are checked.
  bool decompress = true;
  std::size_t max_problems = 100;
  // Called with each intact block's uncompressed bytes, in order (restore
  // writes them out). Needs `decompress`. An exception from it ends the scan.
  std::function<void(std::string_view bytes)> on_block;
  // Called after each block with the bytes of the file read so far.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

// Scans `file`. Throws StorageError: kNotFound (no such file), kIo (cannot
// read it), kFormat (it does not start with the backup marker: not a Guanxi
// backup at all). Damage inside a backup is reported, not thrown.
BackupScanReport scan_backup(const std::filesystem::path& file,
                             const BackupScanOptions& options = {});

// The same check of a backup held in memory; `name` names it in the error
// for bytes that are not a backup at all.
BackupScanReport scan_backup_bytes(std::string_view bytes, const std::string& name,
                                   const BackupScanOptions& options = {});

// The header and, when the file ends in an intact one, the trailer, without
// reading the blocks (`guanxi backup --info`). Throws as scan_backup does,
// and StorageError(kCorruption) when the header is damaged.
struct BackupSummary {
  BackupHeader header;
  std::optional<BackupTrailer> trailer;
  std::uint64_t file_bytes = 0;
};
BackupSummary read_backup_summary(const std::filesystem::path& file);

}  // namespace guanxi::storage
