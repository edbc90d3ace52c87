#include "storage/file_contents.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>

#include "storage/error.h"

namespace guanxi::storage {
namespace {

// An open file descriptor, closed on scope exit.
class OpenFile {
 public:
  explicit OpenFile(const std::filesystem::path& path) : path_(path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      const int err = errno;
      if (err == ENOENT) throw StorageError(ErrorCode::kNotFound, path.string() + ": no such file");
      fail("cannot open", err);
    }
    if (::fstat(fd_, &st_) != 0) fail("cannot stat", errno);
    if (S_ISDIR(st_.st_mode)) {
      throw StorageError(ErrorCode::kIo, path.string() + ": is a directory");
    }
  }
  ~OpenFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;

  int fd() const { return fd_; }
  std::size_t size() const { return static_cast<std::size_t>(st_.st_size); }

  [[noreturn]] void fail(const char* what, int err) const {
    throw StorageError(ErrorCode::kIo, path_.string() + ": " + what + ": " + std::strerror(err));
  }

 private:
  const std::filesystem::path& path_;
  int fd_ = -1;
  struct stat st_ {};
};

void* map_whole(const OpenFile& file) {
  // MAP_POPULATE reads the file in up front: one call instead of a page
  // fault per 4 KiB while parsing.
  void* base = ::mmap(nullptr, file.size(), PROT_READ, MAP_PRIVATE | MAP_POPULATE, file.fd(), 0);
  if (base == MAP_FAILED) file.fail("cannot map", errno);
  ::madvise(base, file.size(), MADV_SEQUENTIAL | MADV_WILLNEED);
  return base;
}

[[noreturn]] void zstd_failure(const std::filesystem::path& path, const std::string& reason) {
  throw StorageError(ErrorCode::kIo, path.string() + ": cannot decompress: " + reason);
}

// Decompresses every frame of `in` (a whole .zst file) into `out`.
void decompress(const std::filesystem::path& path, std::string_view in, std::string& out) {
  const unsigned long long declared = ZSTD_getFrameContentSize(in.data(), in.size());
  if (declared == ZSTD_CONTENTSIZE_ERROR) zstd_failure(path, "not a zstd file");
  if (declared != ZSTD_CONTENTSIZE_UNKNOWN) out.reserve(declared);

  ZSTD_DCtx* ctx = ZSTD_createDCtx();
  if (ctx == nullptr) zstd_failure(path, "out of memory");
  struct Free {
    ZSTD_DCtx* ctx;
    ~Free() { ZSTD_freeDCtx(ctx); }
  } free_ctx{ctx};

  std::string chunk(ZSTD_DStreamOutSize(), '\0');
  ZSTD_inBuffer input{in.data(), in.size(), 0};
  std::size_t last = 0;
  while (input.pos < input.size) {
    ZSTD_outBuffer output{chunk.data(), chunk.size(), 0};
    last = ZSTD_decompressStream(ctx, &output, &input);
    if (ZSTD_isError(last)) zstd_failure(path, ZSTD_getErrorName(last));
    out.append(chunk.data(), output.pos);
  }
  // Flush what the decoder still holds once the input is consumed.
  while (last != 0) {
    ZSTD_outBuffer output{chunk.data(), chunk.size(), 0};
    last = ZSTD_decompressStream(ctx, &output, &input);
    if (ZSTD_isError(last)) zstd_failure(path, ZSTD_getErrorName(last));
    if (output.pos == 0) zstd_failure(path, "the file is truncated");
    out.append(chunk.data(), output.pos);
  }
}

}  // namespace

bool FileContents::is_compressed(const std::filesystem::path& path) {
  return path.extension() == ".zst";
}

FileContents::FileContents(const std::filesystem::path& path) : path_(path) {
  OpenFile file(path);
  if (file.size() == 0) {
    if (is_compressed(path)) zstd_failure(path, "the file is empty");
    return;
  }
  void* base = map_whole(file);
  if (!is_compressed(path)) {
    mapping_ = base;
    data_ = static_cast<const char*>(base);
    size_ = file.size();
    return;
  }
  try {
    decompress(path, {static_cast<const char*>(base), file.size()}, decompressed_);
  } catch (...) {
    ::munmap(base, file.size());
    throw;
  }
  ::munmap(base, file.size());
  data_ = decompressed_.data();
  size_ = decompressed_.size();
}

FileContents::~FileContents() {
  if (mapping_ != nullptr) ::munmap(mapping_, size_);
}

std::uint64_t FileContents::expected_size(const std::filesystem::path& path) {
  OpenFile file(path);
  if (!is_compressed(path)) return file.size();
  // 18 bytes: ZSTD_FRAMEHEADERSIZE_MAX, which zstd.h shows only to static
  // linking.
  char header[18];
  const ssize_t n = ::pread(file.fd(), header, sizeof header, 0);
  if (n < 0) file.fail("cannot read", errno);
  const unsigned long long declared = ZSTD_getFrameContentSize(header, static_cast<std::size_t>(n));
  if (declared == ZSTD_CONTENTSIZE_ERROR || declared == ZSTD_CONTENTSIZE_UNKNOWN) {
    return file.size();
  }
  return declared;
}

}  // namespace guanxi::storage
