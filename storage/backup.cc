#include "storage/backup.h"

#include <zstd.h>

#include <memory>
#include <optional>
#include <string>

#include "storage/atomic_output_file.h"
#include "storage/counters.h"
#include "storage/lmdb_copy_stream.h"

namespace guanxi::storage {

namespace {

// Thrown inside one attempt when the copy turned out to read another snapshot
// than the header describes; the backup then starts over.
struct SnapshotMoved {};

constexpr int kAttempts = 5;

std::uint64_t now_micros() {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count());
}

std::uint64_t last_transaction_id(Environment& env) {
  MDB_envinfo info;
  mdb_env_info(env.raw(), &info);
  return info.me_last_txnid;
}

// One zstd context reused for every block: each block becomes one frame with
// its content size and content checksum, decodable on its own.
class BlockCompressor {
 public:
  explicit BlockCompressor(int level) : ctx_(ZSTD_createCCtx()) {
    if (!ctx_) throw StorageError(ErrorCode::kIo, "cannot allocate a zstd context");
    ZSTD_CCtx_setParameter(ctx_, ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(ctx_, ZSTD_c_checksumFlag, 1);
    ZSTD_CCtx_setParameter(ctx_, ZSTD_c_contentSizeFlag, 1);
  }
  ~BlockCompressor() { ZSTD_freeCCtx(ctx_); }
  BlockCompressor(const BlockCompressor&) = delete;
  BlockCompressor& operator=(const BlockCompressor&) = delete;

  std::string_view compress(std::string_view raw) {
    out_.resize(ZSTD_compressBound(raw.size()));
    const std::size_t n = ZSTD_compress2(ctx_, out_.data(), out_.size(), raw.data(), raw.size());
    if (ZSTD_isError(n)) {
      throw StorageError(ErrorCode::kIo,
                         std::string("compressing a backup block: ") + ZSTD_getErrorName(n));
    }
    return std::string_view(out_.data(), n);
  }

 private:
  ZSTD_CCtx* ctx_;
  std::string out_;
};

void check_options(const BackupOptions& options) {
  if (options.compression_level < 1 || options.compression_level > 19) {
    throw StorageError(ErrorCode::kInvalidArgument, "compression level " +
                                                        std::to_string(options.compression_level) +
                                                        " is out of range (1 to 19)");
  }
  if (options.block_size < 4096 || options.block_size > kMaxBlockSize) {
    throw StorageError(
        ErrorCode::kInvalidArgument,
        "block size " + std::to_string(options.block_size) + " is out of range (4 KiB to 64 MiB)");
  }
}

// The copy's first bytes, with the header describing its snapshot.
struct CopyStart {
  ReadTransaction snapshot;  // held to the end: keeps map growth of this process waiting
  BackupHeader header;
  std::unique_ptr<LmdbCopyStream> copy;
  std::string raw;  // a block's buffer, holding `first_bytes` bytes of the copy
  std::size_t first_bytes = 0;
};

CopyStart start_copy(Environment& env, const BackupOptions& options) {
  ReadTransaction snapshot = env.read();
  Counters counters(env);
  MDB_stat stat;
  mdb_env_stat(env.raw(), &stat);
  BackupHeader header;
  header.database_format = env.identity().format;
  header.database_id = env.identity().id;
  header.transaction_id = mdb_txn_id(snapshot.raw());
  header.created_micros = now_micros();
  header.nodes = counters.node_count(snapshot);
  header.relationships = counters.relationship_count(snapshot);
  header.expected_bytes = env.used_bytes();
  header.block_size = options.block_size;
  header.page_size = stat.ms_psize;

  auto copy = std::make_unique<LmdbCopyStream>(env.raw());
  std::string raw(options.block_size, '\0');
  // The first bytes come once the copy has begun its read transaction.
  const std::size_t n = copy->read(raw.data(), raw.size());
  if (const auto copied = copy->snapshot_transaction_id();
      copied && *copied != header.transaction_id) {
    throw SnapshotMoved{};
  }
  return CopyStart{std::move(snapshot), header, std::move(copy), std::move(raw), n};
}

BackupReport attempt_backup(Environment& env, const std::filesystem::path& file,
                            const BackupOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  AtomicOutputFile out(file, options.overwrite, "backup");

  // Writers wait while the header's snapshot and the copy's snapshot are
  // taken, so that both are the same commit. A read-only environment cannot
  // take the writer lock; its backup checks afterwards that nothing committed.
  std::optional<CopyStart> started;
  if (env.read_only()) {
    started.emplace(start_copy(env, options));
  } else {
    WriteTransaction writers = env.begin_write();
    started.emplace(start_copy(env, options));
  }
  const BackupHeader& header = started->header;
  LmdbCopyStream& copy = *started->copy;
  std::string& raw = started->raw;
  std::size_t n = started->first_bytes;
  out.write(encode_backup_header(started->header));

  BlockCompressor compressor(options.compression_level);
  BackupReport report;
  while (n > 0) {
    n += copy.read_fully(raw.data() + n, raw.size() - n);
    const std::string_view payload = compressor.compress(std::string_view(raw.data(), n));
    BlockHeader block;
    block.payload_bytes = static_cast<std::uint32_t>(payload.size());
    block.raw_bytes = static_cast<std::uint32_t>(n);
    block.index = report.blocks++;
    block.payload_checksum = payload_checksum(payload);
    out.write(encode_block_header(block));
    out.write(payload);
    report.database_bytes += n;
    if (options.progress) {
      options.progress({report.database_bytes, header.expected_bytes, out.size()});
    }
    n = copy.read(raw.data(), raw.size());
  }
  if (env.read_only() && last_transaction_id(env) != header.transaction_id) throw SnapshotMoved{};

  BackupTrailer trailer;
  trailer.blocks = report.blocks;
  trailer.raw_bytes = report.database_bytes;
  trailer.header_checksum = header.checksum;
  out.write(encode_backup_trailer(trailer));
  out.commit();
  report.header = header;
  report.file_bytes = out.size();
  report.elapsed = std::chrono::steady_clock::now() - start;
  return report;
}

}  // namespace

BackupReport backup_database(Environment& env, const std::filesystem::path& file,
                             const BackupOptions& options) {
  check_options(options);
  for (int attempt = 1;; ++attempt) {
    try {
      return attempt_backup(env, file, options);
    } catch (const SnapshotMoved&) {
      if (attempt == kAttempts) {
        throw StorageError(ErrorCode::kIo,
                           "the database kept changing while it was copied through a read-only "
                           "open; back it up with write access, so writers pause for the start "
                           "of the copy");
      }
    }
  }
}

}  // namespace guanxi::storage
