// Environment: one Guanxi database directory, i.e. one LMDB environment with
// the named sub-databases of DESIGN.md.
//
// The environment owns map growth: a write that fills the map is aborted, the
// map grown and the write run again, and a map grown by another process is
// adopted, so no caller ever sees a map-size error. One writer at a time
// (across threads and processes), any number of readers.
#pragma once

#include <lmdb.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "storage/format_version.h"
#include "storage/ids.h"
#include "storage/transaction.h"

namespace guanxi::storage {

struct EnvironmentOptions {
  bool create_if_missing = true;
  bool read_only = false;
  // Starting size of the memory map; it grows on demand. The file on disk only
  // takes the pages in use.
  std::size_t initial_map_size = std::size_t{1} << 30;
  unsigned max_readers = 512;
  // false skips fsync at commit (MDB_NOSYNC): faster, loses the last commits on
  // an operating-system crash, never corrupts. For tests and benchmarks.
  bool durable = true;
  // Open a database of an older (upgradable) format instead of refusing it.
  // Only the upgrader sets this; nothing else may read an older format.
  bool allow_older_format = false;
  // Permission bits of the files of a new database (data.mdb, lock.mdb); its
  // directory gets the matching execute bits. Customer data: owner only by
  // default. The process umask still applies.
  unsigned file_mode = 0600;
  // Where the database's key file is (key_file.h); empty: GUANXI_KEY_FILE
  // when set, else `<dir>.key` beside the directory.
  std::filesystem::path key_file;
  // Bytes of memory for sealed values this process has opened
  // (opened_value_cache.h); 0 opens every read afresh.
  std::size_t opened_value_cache = std::size_t{64} << 20;
};

struct Dbis {
  MDB_dbi meta, dict, nodes, relationships, out, in, postings, index;
  MDB_dbi id_spaces;  // the importer's ID spaces (id_space.h)
  MDB_dbi privacy;    // tags, purposes, policies, consent (privacy_catalog.h)
  MDB_dbi audit;      // the hash-chained audit log (audit_log.h)

  // Every table with its name in the data file, in the order above.
  std::vector<std::pair<const char*, MDB_dbi>> named() const {
    return {{"meta", meta},           {"dict", dict},   {"nodes", nodes},
            {"edges", relationships}, {"out", out},     {"in", in},
            {"postings", postings},   {"index", index}, {"idspace", id_spaces},
            {"privacy", privacy},     {"audit", audit}};
  }
};

class Environment {
 public:
  // Opens the database in directory `dir`, creating it if missing and allowed.
  // Throws StorageError: kNotFound (missing, create not allowed), kFormat (a
  // newer or older format, or not a Guanxi database), kCorruption (data.mdb
  // empty, truncated or with damaged meta pages), kIo. Existing tables are
  // opened in a read transaction, so opening never waits for a writer; a
  // write transaction is taken only to create a missing table.
  static std::unique_ptr<Environment> open(const std::filesystem::path& dir,
                                           const EnvironmentOptions& options = {});
  ~Environment();
  Environment(const Environment&) = delete;
  Environment& operator=(const Environment&) = delete;

  const std::filesystem::path& path() const { return path_; }
  MDB_env* raw() const { return env_; }
  const Dbis& dbi() const { return dbis_; }
  bool read_only() const { return options_.read_only; }
  const EnvironmentOptions& options() const { return options_; }
  // Format version, database id and creation time, as read at open (and
  // after an upgrade, reload_identity()).
  const DatabaseIdentity& identity() const { return identity_; }
  // The database's key file (EnvironmentOptions::key_file, resolved).
  const std::filesystem::path& key_file() const { return key_file_; }
  // The master key once read from the key file (privacy_catalog.h reads,
  // checks and creates it); safe from any thread.
  std::optional<std::string> cached_secret() const;
  void remember_secret(const std::string& master);
  void reload_identity();
  // For the upgrade to block adjacency only: deletes the `direction` table
  // (out or in) that was opened in the older layout, with everything in it,
  // and creates it anew, empty, in the block layout, within `txn`.
  void recreate_adjacency_table(WriteTransaction& txn, Direction direction);
  std::size_t map_size() const;
  // Bytes of the data file in use (last page number * page size).
  std::uint64_t used_bytes() const;

  // Begins a snapshot read; reuses reset LMDB read transactions.
  ReadTransaction read();

  // Runs body(WriteTransaction&) and commits. On a full map the transaction is
  // rolled back, the map grown and body run again from the start, so body must
  // confine its effects to the transaction. An exception from body rolls back
  // and propagates. Returns what body returns.
  template <typename Body>
  auto write(Body&& body) {
    for (int attempt = 0;; ++attempt) {
      try {
        WriteTransaction txn = begin_write();
        if constexpr (std::is_void_v<decltype(body(txn))>) {
          body(txn);
          txn.commit();
          return;
        } else {
          auto result = body(txn);
          txn.commit();
          return result;
        }
      } catch (const MapFullError&) {
        grow_map(0);
      }
    }
  }

  // Begins a write transaction directly (for multi-statement transactions);
  // prefer write(). MapFullError from its operations must be handled by the
  // caller (abort, grow_map, redo).
  WriteTransaction begin_write();

  // Grows the map to at least `min_size` bytes and at least doubles it. Waits
  // for this process's read transactions to end (up to a minute).
  void grow_map(std::size_t min_size);

  // Calls `listener` after each write transaction of this process commits
  // (a nested one counts when its outermost parent commits), on the
  // committing thread: what caches the state of one snapshot drops what a
  // commit outdated. Returns the id remove_commit_listener() takes.
  // Thread-safe; a listener must not begin a transaction.
  std::uint64_t add_commit_listener(std::function<void()> listener);
  void remove_commit_listener(std::uint64_t id);

 private:
  friend class ReadTransaction;
  friend class WriteTransaction;
  Environment(std::filesystem::path path, const EnvironmentOptions& options);
  void open_databases();
  // Opens the tables in `txn`; false when one is missing and `create` is not
  // set. Aborts `txn` on a throw.
  bool open_tables(MDB_txn* txn, bool create);
  // Frees the reader slots of processes that died without closing them, so
  // the pages they pinned can be reused.
  void clear_stale_readers();
  MDB_txn* begin_raw(unsigned flags, MDB_txn* renew);
  void enter();
  void leave();
  void release_read(MDB_txn* txn);
  void adopt_map_size();
  void notify_committed();

  std::filesystem::path path_;
  EnvironmentOptions options_;
  MDB_env* env_ = nullptr;
  Dbis dbis_{};
  DatabaseIdentity identity_;
  std::filesystem::path key_file_;
  mutable std::mutex secret_mutex_;
  std::optional<std::string> secret_;

  std::mutex writer_mutex_;  // serializes writers of this process
  std::mutex gate_mutex_;
  std::condition_variable gate_cv_;
  int active_ = 0;  // live transactions of this process
  bool resizing_ = false;

  std::mutex pool_mutex_;
  std::vector<MDB_txn*> read_pool_;  // reset read transactions

  std::mutex listener_mutex_;
  std::uint64_t next_listener_ = 1;
  std::vector<std::pair<std::uint64_t, std::function<void()>>> commit_listeners_;
};

}  // namespace guanxi::storage
