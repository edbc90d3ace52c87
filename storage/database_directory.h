// A database directory as a whole: whether a process has it open,
// whether it holds a database and nothing else, and building a new one
// beside it that replaces it in one rename (restore, load, compact).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace guanxi::storage {

// Whether a process, this one included, has the LMDB environment in `dir`
// open: LMDB holds a POSIX lock on the first byte of lock.mdb while an
// environment is open, which /proc/locks lists. False when there is no lock
// file. Where /proc/locks cannot be read, an exclusive open-file-description
// lock is tried instead, whose closing releases this process's own LMDB
// locks on the file: only a process without the environment open may then
// ask.
bool database_in_use(const std::filesystem::path& dir);
// The same probe for any LMDB environment, by its lock file (`lock.mdb`, or
// `FILE-lock` beside a file opened with MDB_NOSUBDIR such as the key store).
bool lock_file_in_use(const std::filesystem::path& lock_file);

// Whether `dir` is a directory holding only an LMDB environment's files
// (data.mdb, lock.mdb), so that replacing it throws nothing else away.
bool holds_only_database_files(const std::filesystem::path& dir);

// Throws StorageError(kIo) when the file system that holds `target` has
// fewer than `bytes` free, naming the `operation` ("restore into") that needs
// them. Says nothing when the free room cannot be read: the write will.
void require_room(const std::filesystem::path& target, std::uint64_t bytes,
                  std::string_view operation);

// A hidden directory beside `target` (`.NAME.PURPOSE-PID-N`) in which a new
// database is built; removed by the destructor unless installed. Leftovers
// of killed processes (their PID no longer runs) are removed on creation.
class StagingDirectory {
 public:
  // Creates the directory (mode 0700), and the parent of `target` when
  // missing. Throws StorageError(kIo).
  StagingDirectory(std::filesystem::path target, std::string_view purpose);
  ~StagingDirectory();
  StagingDirectory(const StagingDirectory&) = delete;
  StagingDirectory& operator=(const StagingDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Moves the staged database to `target` in one rename. When `target`
  // exists (and `replace`), the two are exchanged atomically and the old
  // database is then removed; at no moment is `target` missing or half
  // written. Throws StorageError: kInvalidArgument when `target` exists and
  // !replace, kIo for a failed rename.
  void install(bool replace);

 private:
  std::filesystem::path target_;
  std::filesystem::path path_;
  bool installed_ = false;
};

}  // namespace guanxi::storage
