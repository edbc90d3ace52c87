#include "storage/write_failure.h"

#include <sys/resource.h>
#include <sys/statvfs.h>

#include <cerrno>
#include <system_error>

#include "storage/error.h"

namespace guanxi::storage {

namespace {

// A write that stopped part way leaves at most this much free: the rest of
// the file system's last block.
constexpr unsigned long long kNearlyFull = 64ULL << 10;

std::string megabytes(unsigned long long bytes) { return std::to_string(bytes >> 20) + " MiB"; }

// Why the database in `directory` cannot grow, or empty when it can.
std::string lack_of_space(int rc, const std::filesystem::path& directory) {
  struct rlimit limit {};
  if (getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(directory / "data.mdb", ec);
    if (rc == EFBIG || (!ec && size + kNearlyFull >= limit.rlim_cur)) {
      return "the process's file size limit (ulimit -f) of " +
             std::to_string(static_cast<unsigned long long>(limit.rlim_cur)) + " bytes is reached";
    }
  }
  struct statvfs fs {};
  if (statvfs(directory.c_str(), &fs) == 0) {
    const unsigned long long free_bytes =
        static_cast<unsigned long long>(fs.f_bavail) * static_cast<unsigned long long>(fs.f_frsize);
    if (rc == ENOSPC || rc == EDQUOT || free_bytes < kNearlyFull) {
      return free_bytes < (1ULL << 20) ? "its file system is full"
                                       : "its file system has " + megabytes(free_bytes) + " free";
    }
  } else if (rc == ENOSPC || rc == EDQUOT) {
    return "its file system is full";
  }
  return {};
}

}  // namespace

void throw_write_error(int rc, const std::filesystem::path& directory, const std::string& what) {
  if (rc == ENOSPC || rc == EDQUOT || rc == EFBIG || rc == EIO) {
    const std::string reason = lack_of_space(rc, directory);
    if (!reason.empty()) {
      throw StorageError(ErrorCode::kIo, "no space left on device for database '" +
                                             directory.string() + "' while " + what + " (" +
                                             reason + ")");
    }
  }
  throw_lmdb_error(rc, what);
}

}  // namespace guanxi::storage
