// The on-disk format version and the identity a database records about
// itself in `meta`: the marker that makes a directory a Guanxi database, the
// format it was written in, when it was created and its database id.
//
// Policy (docs/storage.md, "Format versioning"): a build opens only databases
// of its own format. A newer one is refused; an older one is refused with a
// pointer to `guanxi upgrade`, which takes a backup and then brings it
// forward one step at a time (format_upgrade.h). Nothing is ever upgraded
// implicitly, so a database never changes format behind its operator's back.
#pragma once

#include <lmdb.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace guanxi::storage {

// The format this build writes.
//   2: the `index` table became DUPSORT|DUPFIXED with node ids as duplicates,
//      index catalog entries carry the index name, and the importer's ID
//      spaces moved from `index` to their own `idspace` table.
//   3: `meta/database_id`, 16 random bytes naming the database (kept by its
//      backups and restores).
//   4: the `privacy` table (tags, purposes, policies, consent history).
//   5: the `audit` table (the hash-chained audit log).
//   6: tagged values sealed at rest (a new value type, value_cipher.h) and
//      index entries over them keyed by fingerprint.
//   7: temporal values keep what was written: localtime, time and
//      localdatetime; datetimes with their offset and named zone; nanosecond
//      precision (new value encodings; the old datetime and duration
//      encodings are still read); their index keys change.
//   8: block adjacency: `out` and `in` hold each node's neighbours per type as
//      compressed blocks (adjacency_block.h) instead of 16-byte duplicates.
//   9: a relationship without properties has no `edges` record: its two
//      adjacency entries are the relationship, and each entry says whether
//      its relationship has a record (AdjacencyEntry).
//  10: in a database with tags, the import's ID spaces are keyed by the
//      fingerprints of their ids (`meta/idspace.fingerprints`, id_space.h).
inline constexpr std::uint32_t kFormatVersion = 10;
// The first format with block adjacency.
inline constexpr std::uint32_t kBlockAdjacencyFormat = 8;
// The oldest format `guanxi upgrade` brings forward.
inline constexpr std::uint32_t kOldestUpgradableFormat = 2;

// 16 random bytes that name one database. A restore keeps the id of the
// database the backup was taken from; a dump and load makes a new database
// with a new id.
struct DatabaseId {
  std::array<std::uint8_t, 16> bytes{};
  // Fresh random bytes from the operating system (getrandom).
  static DatabaseId generate();
  // 32 lower-case hex digits in the UUID layout: 8-4-4-4-12.
  std::string to_string() const;
  bool is_zero() const;
  friend bool operator==(const DatabaseId&, const DatabaseId&) = default;
};

// What `meta` says about a database.
struct DatabaseIdentity {
  std::uint32_t format = 0;
  DatabaseId id;  // all zero for a format-2 database (it had none)
  std::uint64_t created_micros = 0;
};

// Writes the markers of a new, empty database into `meta` within `txn`:
// magic, format kFormatVersion, creation time, a fresh database id.
// Returns the LMDB error code (0 on success).
int write_new_database_markers(MDB_txn* txn, MDB_dbi meta, DatabaseIdentity* identity);

// Writes (or replaces) the database id in `meta`. Returns the LMDB error code.
int write_database_id(MDB_txn* txn, MDB_dbi meta, const DatabaseId& id);

// Whether `meta` holds the Guanxi marker; throws StorageError(kFormat) for a
// foreign marker.
bool has_database_marker(MDB_txn* txn, MDB_dbi meta, const std::filesystem::path& dir);

// Reads the identity of a database whose marker is present. Throws
// StorageError(kFormat) when the format entry is missing or malformed.
DatabaseIdentity read_database_identity(MDB_txn* txn, MDB_dbi meta,
                                        const std::filesystem::path& dir);

// Throws StorageError(kFormat) unless a database of format `version` may be
// opened by this build: equal to kFormatVersion, or older when
// `allow_older` (only `guanxi upgrade` opens older ones). The message says
// what to do: upgrade an older database, use a newer Guanxi for a newer one.
void check_format_readable(std::uint32_t version, const std::filesystem::path& dir,
                           bool allow_older);

// The `meta` key of the format version, for tests and the upgrader.
inline constexpr std::string_view kFormatMetaKey = "format";

}  // namespace guanxi::storage
