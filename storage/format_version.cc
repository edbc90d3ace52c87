#include "storage/format_version.h"

#include <fmt/format.h>
#include <sys/random.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "storage/bytes.h"
#include "storage/error.h"
#include "storage/transaction.h"

namespace guanxi::storage {

namespace {
constexpr std::string_view kMagicKey = "magic";
constexpr std::string_view kMagic = "guanxi";
constexpr std::string_view kCreatedKey = "created";
constexpr std::string_view kDatabaseIdKey = "database_id";

std::string quoted(const std::filesystem::path& dir) { return "'" + dir.string() + "'"; }

int put(MDB_txn* txn, MDB_dbi dbi, std::string_view key, std::string_view value) {
  MDB_val k = to_val(key), v = to_val(value);
  return mdb_put(txn, dbi, &k, &v, 0);
}

std::optional<std::string_view> get(MDB_txn* txn, MDB_dbi dbi, std::string_view key) {
  MDB_val k = to_val(key), v;
  const int rc = mdb_get(txn, dbi, &k, &v);
  if (rc == MDB_NOTFOUND) return std::nullopt;
  if (rc) throw_lmdb_error(rc, "reading meta entry '" + std::string(key) + "'");
  return from_val(v);
}
}  // namespace

DatabaseId DatabaseId::generate() {
  DatabaseId id;
  std::size_t filled = 0;
  while (filled < id.bytes.size()) {
    const ssize_t n = getrandom(id.bytes.data() + filled, id.bytes.size() - filled, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw StorageError(ErrorCode::kIo,
                         std::string("cannot draw a random database id: ") + std::strerror(errno));
    }
    filled += static_cast<std::size_t>(n);
  }
  return id;
}

std::string DatabaseId::to_string() const {
  std::string s;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
    s += fmt::format("{:02x}", bytes[i]);
  }
  return s;
}

bool DatabaseId::is_zero() const {
  for (std::uint8_t b : bytes) {
    if (b) return false;
  }
  return true;
}

int write_database_id(MDB_txn* txn, MDB_dbi meta, const DatabaseId& id) {
  return put(txn, meta, kDatabaseIdKey,
             std::string_view(reinterpret_cast<const char*>(id.bytes.data()), id.bytes.size()));
}

int write_new_database_markers(MDB_txn* txn, MDB_dbi meta, DatabaseIdentity* identity) {
  DatabaseIdentity fresh;
  fresh.format = kFormatVersion;
  fresh.id = DatabaseId::generate();
  fresh.created_micros =
      static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count());
  char version[4];
  put_be32(version, fresh.format);
  char created[8];
  put_be64(created, fresh.created_micros);
  int rc;
  if ((rc = put(txn, meta, kMagicKey, kMagic)) ||
      (rc = put(txn, meta, kFormatMetaKey, std::string_view(version, 4))) ||
      (rc = put(txn, meta, kCreatedKey, std::string_view(created, 8))) ||
      (rc = write_database_id(txn, meta, fresh.id))) {
    return rc;
  }
  *identity = fresh;
  return 0;
}

bool has_database_marker(MDB_txn* txn, MDB_dbi meta, const std::filesystem::path& dir) {
  const auto magic = get(txn, meta, kMagicKey);
  if (!magic) return false;
  if (*magic != kMagic) {
    throw StorageError(ErrorCode::kFormat,
                       quoted(dir) + " is not a Guanxi database (foreign marker)");
  }
  return true;
}

DatabaseIdentity read_database_identity(MDB_txn* txn, MDB_dbi meta,
                                        const std::filesystem::path& dir) {
  DatabaseIdentity identity;
  const auto format = get(txn, meta, kFormatMetaKey);
  if (!format || format->size() != 4) {
    throw StorageError(ErrorCode::kFormat,
                       quoted(dir) + " is not a Guanxi database (its format version is missing)");
  }
  identity.format = get_be32(format->data());
  if (const auto created = get(txn, meta, kCreatedKey); created && created->size() == 8) {
    identity.created_micros = get_be64(created->data());
  }
  if (const auto id = get(txn, meta, kDatabaseIdKey);
      id && id->size() == identity.id.bytes.size()) {
    std::memcpy(identity.id.bytes.data(), id->data(), id->size());
  }
  return identity;
}

void check_format_readable(std::uint32_t version, const std::filesystem::path& dir,
                           bool allow_older) {
  if (version == kFormatVersion) return;
  if (version > kFormatVersion) {
    throw StorageError(ErrorCode::kFormat,
                       fmt::format("{} has format version {}, written by a newer Guanxi; this "
                                   "build reads format {}: open it with a newer Guanxi",
                                   quoted(dir), version, kFormatVersion));
  }
  if (version < kOldestUpgradableFormat) {
    throw StorageError(ErrorCode::kFormat,
                       fmt::format("{} has format version {}, which this build of Guanxi can "
                                   "neither read nor upgrade (format {} and later): dump it with "
                                   "the Guanxi that wrote it and load the dump",
                                   quoted(dir), version, kOldestUpgradableFormat));
  }
  if (allow_older) return;
  throw StorageError(ErrorCode::kFormat,
                     fmt::format("{} has format version {}, older than this build's format {}: "
                                 "run 'guanxi upgrade {}' (it takes a backup first)",
                                 quoted(dir), version, kFormatVersion, dir.string()));
}

}  // namespace guanxi::storage
