#include "storage/atomic_output_file.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "storage/error.h"

namespace guanxi::storage {

namespace {
constexpr std::size_t kBufferSize = 1 << 20;

std::filesystem::path parent_of(const std::filesystem::path& path) {
  const std::filesystem::path parent = path.parent_path();
  return parent.empty() ? std::filesystem::path(".") : parent;
}
}  // namespace

int write_fully(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return 0;
}

int sync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno;
  const int rc = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  return rc;
}

AtomicOutputFile::AtomicOutputFile(std::filesystem::path path, bool overwrite, std::string what)
    : path_(std::move(path)), overwrite_(overwrite), what_(std::move(what)) {
  std::error_code ec;
  const auto status = std::filesystem::status(path_, ec);
  if (std::filesystem::is_directory(status)) {
    throw StorageError(ErrorCode::kInvalidArgument,
                       "cannot write " + what_ + " '" + path_.string() + "': it is a directory");
  }
  if (std::filesystem::exists(status) && !overwrite_) {
    throw StorageError(
        ErrorCode::kInvalidArgument,
        what_ + " '" + path_.string() + "' already exists (use --force to replace it)");
  }
  static std::atomic<unsigned> counter{0};
  temp_ = parent_of(path_) / ("." + path_.filename().string() + ".tmp-" +
                              std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    const int error = errno;
    throw StorageError(ErrorCode::kIo, "cannot create " + what_ + " '" + path_.string() +
                                           "': " + std::strerror(error));
  }
  buffer_.reserve(kBufferSize);
}

AtomicOutputFile::~AtomicOutputFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temp_.c_str());
}

void AtomicOutputFile::fail(const std::string& doing, int error) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(temp_.c_str());
  throw StorageError(ErrorCode::kIo,
                     doing + " " + what_ + " '" + path_.string() + "': " + std::strerror(error));
}

void AtomicOutputFile::flush() {
  if (buffer_.empty()) return;
  if (fd_ < 0) fail("writing", EBADF);
  if (const int error = write_fully(fd_, buffer_.data(), buffer_.size())) fail("writing", error);
  written_ += buffer_.size();
  buffer_.clear();
}

void AtomicOutputFile::write(std::string_view bytes) {
  if (buffer_.size() + bytes.size() > kBufferSize) flush();
  if (bytes.size() >= kBufferSize) {
    if (fd_ < 0) fail("writing", EBADF);
    if (const int error = write_fully(fd_, bytes.data(), bytes.size())) fail("writing", error);
    written_ += bytes.size();
    return;
  }
  buffer_.append(bytes);
}

void AtomicOutputFile::commit() {
  flush();
  if (fd_ < 0) fail("writing", EBADF);
  if (::fsync(fd_) != 0) fail("syncing", errno);
  if (::close(fd_) != 0) {
    fd_ = -1;
    fail("closing", errno);
  }
  fd_ = -1;
  const unsigned flags = overwrite_ ? 0 : RENAME_NOREPLACE;
  if (::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, path_.c_str(), flags) != 0) {
    const int error = errno;
    ::unlink(temp_.c_str());
    if (error == EEXIST) {
      throw StorageError(ErrorCode::kInvalidArgument,
                         what_ + " '" + path_.string() +
                             "' appeared while it was being written; nothing was replaced");
    }
    throw StorageError(ErrorCode::kIo, "renaming the finished " + what_ + " to '" + path_.string() +
                                           "': " + std::strerror(error));
  }
  committed_ = true;
  if (const int error = sync_directory(parent_of(path_))) {
    throw StorageError(ErrorCode::kIo, "syncing the directory of " + what_ + " '" + path_.string() +
                                           "': " + std::strerror(error));
  }
}

}  // namespace guanxi::storage
