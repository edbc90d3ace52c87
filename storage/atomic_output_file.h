// AtomicOutputFile: a file that appears at its path whole or not at all.
//
// Bytes go to a hidden temporary file beside the target (same directory, so
// the same file system); commit() syncs it, renames it into place and syncs
// the directory. A failure (a full disk, a killed process) before commit()
// leaves the target as it was: absent, or the old file when replacing. The
// destructor removes an uncommitted temporary; after kill -9 a hidden
// `.NAME.tmp-PID-N` file may remain, never a half-written NAME.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace guanxi::storage {

class AtomicOutputFile {
 public:
  // Creates the temporary file beside `path` (mode 0600: backups and dumps
  // hold customer data). Throws StorageError: kInvalidArgument when `path`
  // exists and !`overwrite`, or is a directory; kIo when the directory is
  // missing or not writable. `what` names the file in messages ("backup").
  AtomicOutputFile(std::filesystem::path path, bool overwrite, std::string what = "file");
  ~AtomicOutputFile();
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

  // Appends `bytes` (buffered). Throws StorageError(kIo) naming the file and
  // the system's reason ("No space left on device").
  void write(std::string_view bytes);
  // Bytes written so far.
  std::uint64_t size() const { return written_ + buffer_.size(); }

  // Flushes, syncs, renames into place and syncs the directory. Throws
  // StorageError(kIo), or kInvalidArgument when the target appeared meanwhile
  // and !overwrite; the temporary is then removed.
  void commit();

  const std::filesystem::path& path() const { return path_; }

 private:
  void flush();
  [[noreturn]] void fail(const std::string& doing, int error);

  std::filesystem::path path_;
  std::filesystem::path temp_;
  bool overwrite_;
  std::string what_;
  int fd_ = -1;
  std::string buffer_;
  std::uint64_t written_ = 0;
  bool committed_ = false;
};

// Writes all of [data, data + size) to `fd`, retrying short writes and EINTR.
// Returns 0, or the errno of the failure.
int write_fully(int fd, const char* data, std::size_t size);

// Syncs the directory `dir`, so that a rename or a new entry in it survives a
// crash. Returns 0 or an errno.
int sync_directory(const std::filesystem::path& dir);

}  // namespace guanxi::storage
