// The key store: one random 256-bit key per data subject (a node id), kept
// outside the database directory so that erasure survives backups
// (docs/privacy.md, "Storage and keys").
//
// A subject's personal values are encrypted under its own key. Erasing the
// subject deletes the key here; because neither the database directory nor
// its backups hold subject keys, restoring an old backup cannot bring the
// erased values back: their key is gone. The store lists its erasures too,
// and the database lists them as well, so that a key store restored from an
// older copy can have them applied again (discard()).
//
// One LMDB file (MDB_NOSUBDIR), typically `<key file>.store`, its lock file
// `<path>-lock`, both mode 0600. Named tables:
//   meta      "database" -> the 16-byte id of the database it belongs to;
//             "format" -> be32 1;
//             "removals" -> be64 count of erase() and discard() calls (tells
//             other processes to drop the keys they cached).
//   keys      be64 subject -> be64 created micros, 24-byte nonce, and the
//             48-byte XChaCha20-Poly1305 encryption of the subject's key
//             under subkey 3 ("gxkstor1") of the master key, with the
//             database id and the be64 subject as additional data: a wrapped
//             key moved to another subject or database does not unwrap.
//   erasures  be64 subject, be64 erased micros -> empty.
//
// Several processes may open the same store (LMDB serializes writers); a
// process opens it once (LMDB's rule). Every write is one durable
// transaction.
#pragma once

#include <lmdb.h>

#include <array>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "storage/format_version.h"

namespace guanxi::storage {

using SubjectKey = std::array<unsigned char, 32>;

struct Erasure {
  std::uint64_t subject = 0;
  std::int64_t at_micros = 0;  // when it was erased
  friend bool operator==(const Erasure&, const Erasure&) = default;
};

// The key store's tables, for what copies the file whole (compaction.h).
inline constexpr const char* kKeyStoreTables[] = {"meta", "keys", "erasures"};

class KeyStore {
 public:
  // Opens the store at `path` for the database `database` whose master key
  // is `master` (32 bytes). `create`: make it (mode 0600) when missing.
  // Throws StorageError: kNotFound (missing, or never finished being made,
  // and not `create`), kInvalidArgument (it belongs to another database, or
  // `master` is not 32 bytes), kFormat (a key store of another format),
  // kCorruption (not a key store), kIo; messages name the file. A wrong
  // master key is not detected here: find() reports it.
  static std::unique_ptr<KeyStore> open(const std::filesystem::path& path,
                                        const DatabaseId& database, std::string_view master,
                                        bool create);
  ~KeyStore();
  KeyStore(const KeyStore&) = delete;
  KeyStore& operator=(const KeyStore&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // The key of `subject`, nullopt when it has none (never made, or erased).
  // Throws StorageError(kCorruption) naming the subject when its entry is
  // damaged or does not unwrap (a wrong master key, or an entry moved from
  // another subject or database). Unwrapped keys are cached in memory
  // (bounded: cleared past ~1M entries), and the cache is dropped whenever
  // any process has erased or discarded keys since, so an erased key is
  // never returned. Safe to call from several threads at once.
  std::optional<SubjectKey> find(std::uint64_t subject);

  // When `subject`'s key was made (micros since epoch), nullopt when it has
  // none. Throws StorageError(kCorruption) for a damaged entry.
  std::optional<std::int64_t> created(std::uint64_t subject);

  // Writes new keys, made at `now_micros`, all in one durable transaction
  // (callers batch the keys a data transaction made and call this before
  // that transaction commits). A subject that already has a key keeps it;
  // the first of several keys for one subject in `keys` wins.
  void put(std::span<const std::pair<std::uint64_t, SubjectKey>> keys, std::int64_t now_micros);

  // A fresh random key (randombytes_buf); not stored until put().
  static SubjectKey generate();

  // Deletes `subject`'s key (if any) and records the erasure at
  // `at_micros`, in one durable transaction.
  void erase(std::uint64_t subject, std::int64_t at_micros);

  // Deletes the keys of `subjects` without recording erasures (used to
  // re-apply the erasures the database lists to a key store restored from
  // an older copy). One durable transaction.
  void discard(std::span<const std::uint64_t> subjects);

  // Every erasure recorded, in subject order (a subject erased more than
  // once: each time, oldest first).
  std::vector<Erasure> erasures();

 private:
  class Txn;

  KeyStore(std::filesystem::path path, const DatabaseId& database);
  // Opens (and with `initialize`, creates) the tables within `txn`; returns
  // false when the store is new and `initialize` is false.
  bool open_tables(MDB_txn* txn, bool initialize);
  // A transaction within the resize gate; adopts a map grown by another
  // process.
  Txn begin(unsigned flags);
  // Runs `body` in a write transaction and commits it; when the map is
  // full, it is doubled and the whole write run again. `body` returns an LMDB code (0: go
  // on to commit) and `committed` is called with the transaction's id and
  // removal count once it has committed.
  template <typename Body, typename Committed>
  void write(const char* what, Body&& body, Committed&& committed);
  void grow_map();
  void adopt_map_size();
  void enter();
  void leave();
  [[noreturn]] void fail(int rc, const std::string& what) const;
  [[noreturn]] void damaged(std::uint64_t subject, const std::string& why) const;
  std::uint64_t removals(MDB_txn* txn) const;
  SubjectKey unwrap(std::uint64_t subject, const MDB_val& entry) const;

  // The cache (under cache_mutex_) holds keys valid as of snapshot
  // cache_txnid_, whose removal count was cache_removals_.
  void advance_cache(std::uint64_t txnid, std::uint64_t removals);
  // After the write `txnid` (which saw `before` removals) removed the keys
  // of `subjects`.
  void forget(std::span<const std::uint64_t> subjects, std::uint64_t txnid, std::uint64_t before);
  void clear_cache();

  std::filesystem::path path_;
  DatabaseId database_;
  std::array<unsigned char, 32> wrap_key_{};
  MDB_env* env_ = nullptr;
  MDB_dbi meta_ = 0, keys_ = 0, erasures_ = 0;

  // One writer at a time in this process (LMDB serializes processes).
  std::mutex writer_mutex_;
  // The map is resized only while no transaction of this process is open.
  std::mutex gate_mutex_;
  std::condition_variable gate_cv_;
  int active_ = 0;
  bool resizing_ = false;

  std::shared_mutex cache_mutex_;
  std::unordered_map<std::uint64_t, SubjectKey> cache_;
  std::uint64_t cache_txnid_ = 0;
  std::uint64_t cache_removals_ = 0;
};

}  // namespace guanxi::storage
