#include "storage/backup_scan.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>

#include "storage/error.h"

namespace guanxi::storage {

namespace {

// The whole file, mapped read-only.
class MappedBackup {
 public:
  explicit MappedBackup(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      const int error = errno;
      if (error == ENOENT) {
        throw StorageError(ErrorCode::kNotFound, "backup '" + file.string() + "' does not exist");
      }
      throw StorageError(ErrorCode::kIo,
                         "cannot open backup '" + file.string() + "': " + std::strerror(error));
    }
    struct stat st;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      throw StorageError(ErrorCode::kInvalidArgument,
                         "'" + file.string() + "' is not a backup file (not a regular file)");
    }
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ > 0) {
      data_ = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (data_ == MAP_FAILED) {
        const int error = errno;
        ::close(fd);
        throw StorageError(ErrorCode::kIo,
                           "cannot map backup '" + file.string() + "': " + std::strerror(error));
      }
      ::madvise(data_, size_, MADV_SEQUENTIAL);
    }
    ::close(fd);
  }
  ~MappedBackup() {
    if (data_ && data_ != MAP_FAILED) ::munmap(data_, size_);
  }
  MappedBackup(const MappedBackup&) = delete;
  MappedBackup& operator=(const MappedBackup&) = delete;

  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

// Refuses bytes that do not even start like a backup.
void require_marker(std::string_view b, const std::string& name) {
  if (b.size() < kBackupMagic.size() || b.substr(0, kBackupMagic.size()) != kBackupMagic) {
    throw StorageError(ErrorCode::kFormat,
                       "'" + name + "' is not a Guanxi backup (" +
                           (b.empty() ? std::string("the file is empty")
                                      : std::string("no backup marker at the start")) +
                           ")");
  }
}

std::string block_where(std::uint64_t index, std::uint64_t begin, std::uint64_t end) {
  return fmt::format("block {} (bytes {}-{})", index, begin, end - 1);
}

class Scanner {
 public:
  Scanner(std::string_view file, const BackupScanOptions& options)
      : file_(file), options_(options) {}

  BackupScanReport run();

 private:
  void problem(std::string where, std::string message) {
    ++report_.problem_count;
    if (report_.problems.size() < options_.max_problems) {
      report_.problems.push_back({std::move(where), std::move(message)});
    }
  }
  // The offset of the next part that decodes (a block header or the
  // trailer) at or after `from`, or npos.
  std::size_t resync(std::size_t from) const;
  void read_block(std::size_t& pos, const BlockHeader& block);
  void finish_with_trailer(std::size_t pos, const BackupTrailer& trailer);

  std::string_view file_;
  const BackupScanOptions& options_;
  BackupScanReport report_;
  std::uint64_t next_index_ = 0;
  std::string raw_;
  ZSTD_DCtx* dctx_ = nullptr;
};

std::size_t Scanner::resync(std::size_t from) const {
  std::string why;
  for (std::size_t at = file_.find(kBlockMagic, from); at != std::string_view::npos;
       at = file_.find(kBlockMagic, at + 1)) {
    const std::string_view rest = file_.substr(at);
    if (decode_block_header(rest, &why) || decode_backup_trailer(rest, &why)) return at;
  }
  return std::string_view::npos;
}

void Scanner::read_block(std::size_t& pos, const BlockHeader& block) {
  const std::size_t begin = pos;
  const std::size_t payload_at = pos + kBlockHeaderSize;
  const std::size_t end = payload_at + block.payload_bytes;
  if (block.index != next_index_) {
    problem(block_where(next_index_, begin, begin + kBlockHeaderSize),
            fmt::format("found block {} where block {} belongs (blocks are missing or out of "
                        "order)",
                        block.index, next_index_));
    next_index_ = block.index;
  }
  if (end > file_.size()) {
    problem(block_where(block.index, begin, file_.size()),
            fmt::format("the file ends inside this block ({} of its {} bytes are there): the "
                        "backup is truncated",
                        file_.size() - begin, end - begin));
    pos = file_.size();
    return;
  }
  const std::string_view payload = file_.substr(payload_at, block.payload_bytes);
  pos = end;
  ++next_index_;
  if (payload_checksum(payload) != block.payload_checksum) {
    problem(block_where(block.index, begin, end), "payload checksum mismatch");
    return;
  }
  if (options_.decompress) {
    raw_.resize(block.raw_bytes);
    const std::size_t n =
        ZSTD_decompressDCtx(dctx_, raw_.data(), raw_.size(), payload.data(), payload.size());
    if (ZSTD_isError(n)) {
      problem(block_where(block.index, begin, end),
              std::string("does not decompress: ") + ZSTD_getErrorName(n));
      return;
    }
    if (n != block.raw_bytes) {
      problem(block_where(block.index, begin, end),
              fmt::format("decompresses to {} bytes, its header says {}", n, block.raw_bytes));
      return;
    }
    if (options_.on_block) options_.on_block(std::string_view(raw_.data(), n));
  }
  ++report_.blocks;
  report_.database_bytes += block.raw_bytes;
}

void Scanner::finish_with_trailer(std::size_t pos, const BackupTrailer& trailer) {
  report_.trailer = trailer;
  const std::string where = fmt::format("trailer (bytes {}-{})", pos, pos + kBackupTrailerSize - 1);
  if (trailer.blocks != next_index_) {
    problem(where, fmt::format("says {} blocks, the file has {}", trailer.blocks, next_index_));
  }
  if (report_.problem_count == 0 && trailer.raw_bytes != report_.database_bytes) {
    problem(where, fmt::format("says {} database bytes, the blocks hold {}", trailer.raw_bytes,
                               report_.database_bytes));
  }
  if (report_.header && trailer.header_checksum != report_.header->checksum) {
    problem(where, "belongs to another backup's header");
  }
  const std::size_t end = pos + kBackupTrailerSize;
  if (end < file_.size()) {
    problem("end of file",
            fmt::format("{} unexpected bytes after the trailer", file_.size() - end));
  }
}

BackupScanReport Scanner::run() {
  report_.file_bytes = file_.size();
  std::string why;
  if (auto header = decode_backup_header(file_, &why)) {
    report_.header = header;
  } else {
    problem("header (bytes 0-95)", why);
  }
  if (options_.decompress) {
    dctx_ = ZSTD_createDCtx();
    if (!dctx_) throw StorageError(ErrorCode::kIo, "cannot allocate a zstd context");
  }
  struct FreeContext {
    ZSTD_DCtx*& ctx;
    ~FreeContext() { ZSTD_freeDCtx(ctx); }
  } free_context{dctx_};

  std::size_t pos = kBackupHeaderSize;
  while (pos < file_.size()) {
    const std::string_view rest = file_.substr(pos);
    if (rest.substr(0, kTrailerMagic.size()) == kTrailerMagic) {
      if (auto trailer = decode_backup_trailer(rest, &why)) {
        finish_with_trailer(pos, *trailer);
      } else {
        problem(fmt::format("trailer (bytes {}-{})", pos, file_.size() - 1),
                rest.size() < kBackupTrailerSize ? "cut short: the backup is truncated" : why);
      }
      return std::move(report_);
    }
    if (auto block = decode_block_header(rest, &why)) {
      read_block(pos, *block);
    } else {
      const bool cut = rest.size() < kBlockHeaderSize;
      const std::size_t next = cut ? std::string_view::npos : resync(pos + 1);
      problem(
          block_where(next_index_, pos, next == std::string_view::npos ? file_.size() : next),
          cut ? "the file ends inside this block's header: the backup is truncated"
              : "damaged block header (" + why + ")" +
                    (next == std::string_view::npos ? std::string("; no intact block follows")
                                                    : fmt::format("; resuming at byte {}", next)));
      ++next_index_;
      if (next == std::string_view::npos) break;
      pos = next;
    }
    if (options_.progress) options_.progress(pos, file_.size());
  }
  problem("end of file", fmt::format("the file ends at byte {} without a trailer: the backup is "
                                     "truncated, or was still being written",
                                     file_.size()));
  return std::move(report_);
}

}  // namespace

BackupScanReport scan_backup_bytes(std::string_view bytes, const std::string& name,
                                   const BackupScanOptions& options) {
  require_marker(bytes, name);
  Scanner scanner(bytes, options);
  return scanner.run();
}

BackupScanReport scan_backup(const std::filesystem::path& file, const BackupScanOptions& options) {
  MappedBackup mapped(file);
  return scan_backup_bytes(mapped.bytes(), file.string(), options);
}

BackupSummary read_backup_summary(const std::filesystem::path& file) {
  MappedBackup mapped(file);
  const std::string_view bytes = mapped.bytes();
  require_marker(bytes, file.string());
  std::string why;
  auto header = decode_backup_header(bytes, &why);
  if (!header) {
    throw StorageError(ErrorCode::kCorruption,
                       "the header of backup '" + file.string() + "' is damaged: " + why);
  }
  BackupSummary summary;
  summary.header = *header;
  summary.file_bytes = bytes.size();
  if (bytes.size() >= kBackupHeaderSize + kBackupTrailerSize) {
    auto trailer = decode_backup_trailer(bytes.substr(bytes.size() - kBackupTrailerSize), &why);
    if (trailer && trailer->header_checksum == header->checksum) summary.trailer = trailer;
  }
  return summary;
}

}  // namespace guanxi::storage
