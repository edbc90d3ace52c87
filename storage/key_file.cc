#include "storage/key_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include "storage/bytes.h"
#include "storage/error.h"

namespace guanxi::storage {

namespace fs = std::filesystem;

namespace {

constexpr char kMarker[8] = {'g', 'u', 'a', 'n', 'x', 'i', 'k', 'f'};
constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kSize = 8 + 4 + 16 + 32;

[[noreturn]] void io_error(const fs::path& path, const std::string& what, int error) {
  throw StorageError(ErrorCode::kIo,
                     "key file '" + path.string() + "': " + what + ": " + std::strerror(error));
}

}  // namespace

fs::path key_file_path(const fs::path& dir, const fs::path& configured) {
  if (!configured.empty()) return configured;
  if (const char* env = std::getenv("GUANXI_KEY_FILE"); env && *env) return env;
  fs::path base = dir;
  if (base.filename().empty()) base = base.parent_path();  // "db/"
  return base.parent_path() / (base.filename().string() + ".key");
}

void write_key_file(const fs::path& path, const KeyFileContents& contents) {
  char bytes[kSize];
  std::memcpy(bytes, kMarker, 8);
  put_be32(bytes + 8, kVersion);
  std::memcpy(bytes + 12, contents.database.bytes.data(), 16);
  std::memcpy(bytes + 28, contents.master.data(), 32);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) io_error(path, "cannot create it", errno);
  const ssize_t written = ::write(fd, bytes, kSize);
  const int write_error = errno;
  if (written != static_cast<ssize_t>(kSize) || ::fsync(fd) != 0) {
    const int error = written < 0 ? write_error : errno;
    ::close(fd);
    std::error_code ignored;
    fs::remove(path, ignored);
    io_error(path, "cannot write it", error ? error : EIO);
  }
  ::close(fd);
  // The file's name is durable only once its directory is synced.
  const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (const int dir = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

std::optional<KeyFileContents> read_key_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::nullopt;
    io_error(path, "cannot open it", errno);
  }
  char bytes[kSize + 1];
  const ssize_t n = ::read(fd, bytes, sizeof bytes);
  const int read_error = errno;
  ::close(fd);
  if (n < 0) io_error(path, "cannot read it", read_error);
  if (n != static_cast<ssize_t>(kSize) || std::memcmp(bytes, kMarker, 8) != 0 ||
      get_be32(bytes + 8) != kVersion) {
    throw StorageError(ErrorCode::kCorruption,
                       "'" + path.string() + "' is not a Guanxi key file (or it is damaged)");
  }
  KeyFileContents contents;
  std::memcpy(contents.database.bytes.data(), bytes + 12, 16);
  std::memcpy(contents.master.data(), bytes + 28, 32);
  return contents;
}

}  // namespace guanxi::storage
