#include "storage/database_directory.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "storage/atomic_output_file.h"
#include "storage/error.h"

namespace guanxi::storage {

namespace fs = std::filesystem;

namespace {

fs::path parent_of(const fs::path& path) {
  const fs::path parent = path.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

// Removes `.NAME.PURPOSE-PID-N` directories beside `target` whose PID is gone.
void remove_stale_staging(const fs::path& target, std::string_view purpose) {
  const std::string prefix = "." + target.filename().string() + "." + std::string(purpose) + "-";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parent_of(target), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    if (pid <= 0 || (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH)) {
      fs::remove_all(entry.path(), ec);
    }
  }
}

}  // namespace

bool database_in_use(const fs::path& dir) { return lock_file_in_use(dir / "lock.mdb"); }

namespace {

// Whether /proc/locks lists a lock on the file with `st`'s device and inode;
// nullopt when /proc/locks cannot be read. Its lines read
// "1: POSIX  ADVISORY  READ 13994 fe:00:10977403 0 0" (device in hex).
std::optional<bool> listed_in_proc_locks(const struct stat& st) {
  std::ifstream locks("/proc/locks");
  if (!locks) return std::nullopt;
  std::string line;
  while (std::getline(locks, line)) {
    std::istringstream fields(line);
    std::string field;
    while (fields >> field) {
      unsigned device_major = 0, device_minor = 0;
      unsigned long long inode = 0;
      if (std::count(field.begin(), field.end(), ':') == 2 &&
          std::sscanf(field.c_str(), "%x:%x:%llu", &device_major, &device_minor, &inode) == 3) {
        if (inode == st.st_ino && device_major == major(st.st_dev) &&
            device_minor == minor(st.st_dev)) {
          return true;
        }
        break;
      }
    }
  }
  return false;
}

}  // namespace

bool lock_file_in_use(const fs::path& lock_file) {
  struct stat st {};
  if (::stat(lock_file.c_str(), &st) != 0) return false;
  // Reading the kernel's list opens nothing: closing any descriptor of the
  // lock file would release every POSIX lock this process holds on it,
  // LMDB's own among them, and an environment of this process would then
  // hold no lock (measured: a second probe saw it free).
  if (const std::optional<bool> listed = listed_in_proc_locks(st)) return *listed;
  const int fd = ::open(lock_file.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return false;
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = 0;
  lock.l_len = 1;
  const bool in_use = ::fcntl(fd, F_OFD_SETLK, &lock) != 0;
  ::close(fd);  // releases the probe's lock, if it got it
  return in_use;
}

bool holds_only_database_files(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return false;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name != "data.mdb" && name != "lock.mdb") return false;
  }
  return !ec;
}

void require_room(const fs::path& target, std::uint64_t bytes, std::string_view operation) {
  struct statvfs vfs;
  if (::statvfs(parent_of(target).c_str(), &vfs) != 0) return;
  const std::uint64_t available = static_cast<std::uint64_t>(vfs.f_bavail) * vfs.f_frsize;
  if (available < bytes) {
    throw StorageError(ErrorCode::kIo,
                       fmt::format("not enough room to {} '{}': the database needs {} bytes, the "
                                   "file system has {} free; nothing was changed",
                                   operation, target.string(), bytes, available));
  }
}

StagingDirectory::StagingDirectory(fs::path target, std::string_view purpose)
    : target_(std::move(target)) {
  std::error_code ec;
  const fs::path parent = parent_of(target_);
  if (!fs::exists(parent, ec) && !fs::create_directories(parent, ec) && ec) {
    throw StorageError(ErrorCode::kIo,
                       "cannot create directory '" + parent.string() + "': " + ec.message());
  }
  remove_stale_staging(target_, purpose);
  static std::atomic<unsigned> counter{0};
  path_ = parent / ("." + target_.filename().string() + "." + std::string(purpose) + "-" +
                    std::to_string(::getpid()) + "-" + std::to_string(counter++));
  if (::mkdir(path_.c_str(), 0700) != 0) {
    const int error = errno;
    throw StorageError(ErrorCode::kIo, "cannot create a directory beside '" + target_.string() +
                                           "': " + std::strerror(error));
  }
}

StagingDirectory::~StagingDirectory() {
  if (installed_) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void StagingDirectory::install(bool replace) {
  std::error_code ec;
  // An empty directory at the target counts as no database.
  if (fs::is_directory(target_, ec) && fs::is_empty(target_, ec)) fs::remove(target_, ec);
  const bool exists = fs::exists(fs::symlink_status(target_, ec));
  if (exists && !replace) {
    throw StorageError(ErrorCode::kInvalidArgument,
                       "'" + target_.string() + "' already exists (use --force to replace it)");
  }
  const unsigned flags = exists ? RENAME_EXCHANGE : RENAME_NOREPLACE;
  if (::renameat2(AT_FDCWD, path_.c_str(), AT_FDCWD, target_.c_str(), flags) != 0) {
    const int error = errno;
    throw StorageError(ErrorCode::kIo, "cannot move the new database into place at '" +
                                           target_.string() + "': " + std::strerror(error));
  }
  installed_ = true;
  sync_directory(parent_of(target_));
  // After an exchange the staging name holds the old database.
  if (exists) fs::remove_all(path_, ec);
}

}  // namespace guanxi::storage
