#include "storage/environment.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <optional>
#include <set>
#include <string>

#include "storage/data_file_meta.h"
#include "storage/key_file.h"
#include "storage/mapped_file.h"
#include "storage/page_check.h"

namespace guanxi::storage {

namespace {
constexpr unsigned kDbiCount = 12;  // eleven tables and room for one more
}  // namespace

Environment::Environment(std::filesystem::path path, const EnvironmentOptions& options)
    : path_(std::move(path)),
      options_(options),
      key_file_(key_file_path(path_, options.key_file)) {}

std::optional<std::string> Environment::cached_secret() const {
  std::lock_guard lock(secret_mutex_);
  return secret_;
}

void Environment::remember_secret(const std::string& master) {
  std::lock_guard lock(secret_mutex_);
  secret_ = master;
}

std::unique_ptr<Environment> Environment::open(const std::filesystem::path& dir,
                                               const EnvironmentOptions& options) {
  std::error_code ec;
  const bool exists = std::filesystem::exists(dir, ec);
  if (!exists) {
    if (!options.create_if_missing || options.read_only) {
      throw StorageError(ErrorCode::kNotFound, "database '" + dir.string() + "' does not exist");
    }
    if (!std::filesystem::create_directories(dir, ec) && ec) {
      throw StorageError(ErrorCode::kIo, "cannot create database directory '" + dir.string() +
                                             "': " + ec.message());
    }
    // The directory gets an execute bit wherever the files get a read bit.
    const unsigned mode = options.file_mode | ((options.file_mode & 0444) >> 2);
    std::filesystem::permissions(dir, static_cast<std::filesystem::perms>(mode & 0777), ec);
  } else if (!std::filesystem::is_directory(dir, ec)) {
    throw StorageError(ErrorCode::kFormat,
                       "'" + dir.string() + "' is not a Guanxi database (not a directory)");
  } else if (!std::filesystem::exists(dir / "data.mdb")) {
    if (!std::filesystem::is_empty(dir, ec)) {
      throw StorageError(ErrorCode::kFormat, "'" + dir.string() +
                                                 "' is not a Guanxi database (a non-empty "
                                                 "directory without data.mdb)");
    }
    if (!options.create_if_missing || options.read_only) {
      throw StorageError(ErrorCode::kNotFound,
                         "database '" + dir.string() + "' does not exist (empty directory)");
    }
  }
  if (exists && std::filesystem::exists(dir / "data.mdb", ec)) {
    // Both checks read one map of the file. Three maps (a check each, and
    // the walk's re-read of the metas) made `guanxi DB -c "RETURN 1"` on a
    // small database take 2.5% longer.
    std::optional<MappedFile> map;
    try {
      map.emplace(dir / "data.mdb");
    } catch (const StorageError&) {
      throw StorageError(ErrorCode::kCorruption,
                         "cannot read data file '" + (dir / "data.mdb").string() + "'");
    }
    if (auto problem = data_file_problem(*map)) {
      throw StorageError(ErrorCode::kCorruption, *problem);
    }
    // Opening reads the catalog and the 'meta' table through LMDB, which
    // would crash on a damaged page of theirs: check those few pages first.
    static const std::set<std::string> kReadAtOpen = {"meta"};
    const PageCheckReport pages = check_pages(*map, &kReadAtOpen);
    if (!pages.ok()) {
      const PageProblem& first = pages.problems.front();
      throw StorageError(ErrorCode::kCorruption, "data file '" + (dir / "data.mdb").string() +
                                                     "' is damaged: " + first.table + ": " +
                                                     first.message +
                                                     " (guanxi verify lists every problem)");
    }
  }
  std::unique_ptr<Environment> env(new Environment(dir, options));
  int rc = mdb_env_create(&env->env_);
  if (rc) throw_lmdb_error(rc, "creating environment");
  mdb_env_set_maxdbs(env->env_, kDbiCount);
  mdb_env_set_maxreaders(env->env_, options.max_readers);
  unsigned flags = MDB_NOTLS | MDB_NORDAHEAD;
  if (options.read_only) flags |= MDB_RDONLY;
  if (!options.durable) flags |= MDB_NOSYNC;
  // An existing environment may be larger than our initial size; LMDB adopts the
  // larger of the two when we ask for less than the file holds.
  mdb_env_set_mapsize(env->env_, options.initial_map_size);
  rc = mdb_env_open(env->env_, dir.c_str(), flags, static_cast<mdb_mode_t>(options.file_mode));
  if (options.read_only && (rc == EACCES || rc == EROFS || rc == EPERM)) {
    // Read-only media or a directory this user may not write: lock.mdb
    // cannot be opened for writing (nor created). Without the lock file,
    // LMDB keeps no reader table, which is safe only while no process
    // writes the database (documented in docs/operations.md).
    mdb_env_close(env->env_);
    env->env_ = nullptr;
    rc = mdb_env_create(&env->env_);
    if (rc) throw_lmdb_error(rc, "creating environment");
    mdb_env_set_maxdbs(env->env_, kDbiCount);
    mdb_env_set_mapsize(env->env_, options.initial_map_size);
    rc = mdb_env_open(env->env_, dir.c_str(), flags | MDB_NOLOCK,
                      static_cast<mdb_mode_t>(options.file_mode));
    if (rc == EACCES || rc == EROFS || rc == EPERM) {
      throw StorageError(ErrorCode::kIo, "cannot open database '" + dir.string() +
                                             "' read-only: '" + (dir / "data.mdb").string() +
                                             "': " + mdb_strerror(rc));
    }
  } else if (rc == EACCES || rc == EROFS || rc == EPERM) {
    // A writer needs lock.mdb (and the directory, to create it) and data.mdb
    // writable: name the first that is not.
    const std::filesystem::path lock = dir / "lock.mdb";
    const bool lock_writable = std::filesystem::exists(lock, ec) ? access(lock.c_str(), W_OK) == 0
                                                                 : access(dir.c_str(), W_OK) == 0;
    const std::filesystem::path file = lock_writable ? dir / "data.mdb" : lock;
    throw StorageError(ErrorCode::kIo, "cannot open database '" + dir.string() +
                                           "' for writing: '" + file.string() +
                                           "': " + mdb_strerror(rc) + " (open it read-only)");
  }
  if (rc == MDB_INVALID || rc == MDB_VERSION_MISMATCH) {
    throw StorageError(ErrorCode::kFormat, "'" + dir.string() + "' is not a Guanxi database (" +
                                               mdb_strerror(rc) + ")");
  }
  if (rc) throw_lmdb_error(rc, "opening database '" + dir.string() + "'");
  env->clear_stale_readers();
  env->open_databases();
  return env;
}

Environment::~Environment() {
  for (MDB_txn* t : read_pool_) mdb_txn_abort(t);
  if (env_) mdb_env_close(env_);
}

void Environment::open_databases() {
  // Existing tables open in a read transaction: a writer of another process
  // (or a BEGIN left open in a shell) never blocks a plain open.
  MDB_txn* txn = begin_raw(MDB_RDONLY, nullptr);
  if (open_tables(txn, false)) {
    // Commit: aborting would close the new table handles.
    const int rc = mdb_txn_commit(txn);
    leave();
    if (rc) throw_lmdb_error(rc, "opening tables");
    return;
  }
  mdb_txn_abort(txn);
  leave();
  if (options_.read_only) {
    throw StorageError(ErrorCode::kFormat,
                       "'" + path_.string() + "' is not a Guanxi database (missing tables)");
  }
  // A new database, or one of an older format without a newer table; a
  // map too small for the new tables is grown as for any write.
  for (;;) {
    try {
      std::unique_lock writer(writer_mutex_);
      clear_stale_readers();
      txn = begin_raw(0, nullptr);
      open_tables(txn, true);
      const int rc = mdb_txn_commit(txn);
      leave();
      if (rc == MDB_MAP_FULL) throw MapFullError();
      if (rc) throw_lmdb_error(rc, "creating tables");
      return;
    } catch (const MapFullError&) {
      grow_map(0);
    }
  }
}

bool Environment::open_tables(MDB_txn* txn, bool create) {
  bool missing = false;
  auto fail = [&]() {
    mdb_txn_abort(txn);
    leave();
  };
  auto open_one = [&](const char* name, unsigned flags, MDB_dbi* out) {
    const int rc = mdb_dbi_open(txn, name, flags | (create ? MDB_CREATE : 0), out);
    if (rc == MDB_NOTFOUND) {
      // Without `create`, the caller retries in a write transaction, except
      // for a read-only environment which must not create anything.
      if (!create && !options_.read_only) {
        missing = true;
        return false;
      }
      fail();
      throw StorageError(
          ErrorCode::kFormat,
          "'" + path_.string() + "' is not a Guanxi database (no '" + name + "' table)");
    }
    if (rc == MDB_INCOMPATIBLE) {
      fail();
      throw StorageError(ErrorCode::kFormat, "'" + path_.string() +
                                                 "' is not a Guanxi database (table '" + name +
                                                 "' has foreign flags)");
    }
    if (rc) {
      fail();
      if (rc == MDB_MAP_FULL) throw MapFullError();
      throw_lmdb_error(rc, std::string("opening table ") + name);
    }
    return true;
  };
  if (!open_one("meta", 0, &dbis_.meta)) return false;
  // Check the format before touching anything else, so a foreign database is
  // refused without being modified.
  try {
    if (has_database_marker(txn, dbis_.meta, path_)) {
      identity_ = read_database_identity(txn, dbis_.meta, path_);
      check_format_readable(identity_.format, path_, options_.allow_older_format);
    } else {
      if (!create && !options_.read_only) return false;  // initialized in a write transaction
      MDB_stat st;
      mdb_stat(txn, dbis_.meta, &st);
      MDB_dbi main_dbi;
      mdb_dbi_open(txn, nullptr, 0, &main_dbi);
      MDB_stat main_st;
      mdb_stat(txn, main_dbi, &main_st);
      // A fresh environment holds only the 'meta' table we just created.
      if (!create || st.ms_entries != 0 || main_st.ms_entries > 1) {
        throw StorageError(ErrorCode::kFormat,
                           "'" + path_.string() + "' is not a Guanxi database (no format marker)");
      }
      if (const int rc = write_new_database_markers(txn, dbis_.meta, &identity_)) {
        if (rc == MDB_MAP_FULL) throw MapFullError();
        throw_lmdb_error(rc, "initializing database");
      }
    }
  } catch (...) {
    fail();
    throw;
  }
  // Before block adjacency, `out` and `in` held fixed-size duplicates; only
  // the upgrader opens such a database, and recreates them.
  const unsigned adjacency_flags =
      identity_.format < kBlockAdjacencyFormat ? MDB_DUPSORT | MDB_DUPFIXED : 0;
  return open_one("dict", 0, &dbis_.dict) && open_one("nodes", 0, &dbis_.nodes) &&
         open_one("edges", 0, &dbis_.relationships) &&
         open_one("out", adjacency_flags, &dbis_.out) &&
         open_one("in", adjacency_flags, &dbis_.in) && open_one("postings", 0, &dbis_.postings) &&
         open_one("index", MDB_DUPSORT | MDB_DUPFIXED, &dbis_.index) &&
         open_one("idspace", 0, &dbis_.id_spaces) && open_one("privacy", 0, &dbis_.privacy) &&
         open_one("audit", 0, &dbis_.audit) && !missing;
}

void Environment::clear_stale_readers() {
  int dead = 0;
  mdb_reader_check(env_, &dead);  // best effort: a failure leaves the slots as they were
}

void Environment::recreate_adjacency_table(WriteTransaction& txn, Direction direction) {
  const bool in = direction == Direction::kIn;
  MDB_dbi& dbi = in ? dbis_.in : dbis_.out;
  txn.check(mdb_drop(txn.raw(), dbi, 1), "deleting an adjacency table");
  txn.check(mdb_dbi_open(txn.raw(), in ? "in" : "out", MDB_CREATE, &dbi),
            "creating an adjacency table");
}

void Environment::reload_identity() {
  ReadTransaction txn = read();
  identity_ = read_database_identity(txn.raw(), dbis_.meta, path_);
}

std::size_t Environment::map_size() const {
  MDB_envinfo info;
  mdb_env_info(env_, &info);
  return info.me_mapsize;
}

std::uint64_t Environment::used_bytes() const {
  MDB_envinfo info;
  mdb_env_info(env_, &info);
  MDB_stat st;
  mdb_env_stat(env_, &st);
  return (static_cast<std::uint64_t>(info.me_last_pgno) + 1) * st.ms_psize;
}

void Environment::enter() {
  std::unique_lock lock(gate_mutex_);
  gate_cv_.wait(lock, [&] { return !resizing_; });
  ++active_;
}

void Environment::leave() {
  std::lock_guard lock(gate_mutex_);
  if (--active_ == 0) gate_cv_.notify_all();
}

void Environment::adopt_map_size() {
  std::unique_lock lock(gate_mutex_);
  gate_cv_.wait(lock, [&] { return !resizing_; });
  resizing_ = true;
  gate_cv_.wait(lock, [&] { return active_ == 0; });
  mdb_env_set_mapsize(env_, 0);
  resizing_ = false;
  gate_cv_.notify_all();
}

MDB_txn* Environment::begin_raw(unsigned flags, MDB_txn* renew) {
  for (;;) {
    enter();
    int rc;
    MDB_txn* txn = renew;
    if (renew) {
      rc = mdb_txn_renew(renew);
    } else {
      rc = mdb_txn_begin(env_, nullptr, flags, &txn);
    }
    if (rc == MDB_SUCCESS) return txn;
    leave();
    if (rc == MDB_MAP_RESIZED) {
      adopt_map_size();  // another process grew the map
      continue;
    }
    if (renew) mdb_txn_abort(renew);
    throw_lmdb_error(rc, "beginning a transaction");
  }
}

ReadTransaction Environment::read() {
  MDB_txn* pooled = nullptr;
  {
    std::lock_guard lock(pool_mutex_);
    if (!read_pool_.empty()) {
      pooled = read_pool_.back();
      read_pool_.pop_back();
    }
  }
  return ReadTransaction(this, begin_raw(MDB_RDONLY, pooled));
}

void Environment::release_read(MDB_txn* txn) {
  mdb_txn_reset(txn);
  leave();
  std::lock_guard lock(pool_mutex_);
  if (read_pool_.size() < 64) {
    read_pool_.push_back(txn);
  } else {
    mdb_txn_abort(txn);
  }
}

WriteTransaction Environment::begin_write() {
  if (options_.read_only) {
    throw StorageError(ErrorCode::kReadOnly, "database '" + path_.string() + "' is open read-only");
  }
  std::unique_lock writer(writer_mutex_);
  clear_stale_readers();
  MDB_txn* txn = begin_raw(0, nullptr);
  return WriteTransaction(this, txn, std::move(writer));
}

void Environment::grow_map(std::size_t min_size) {
  std::unique_lock lock(gate_mutex_);
  gate_cv_.wait(lock, [&] { return !resizing_; });
  resizing_ = true;
  const bool drained =
      gate_cv_.wait_for(lock, std::chrono::minutes(1), [&] { return active_ == 0; });
  if (!drained) {
    resizing_ = false;
    gate_cv_.notify_all();
    throw StorageError(ErrorCode::kIo,
                       "the database needs more room but read transactions of this process "
                       "stayed open for a minute; end them and retry");
  }
  MDB_envinfo info;
  mdb_env_info(env_, &info);
  std::size_t size = std::max(min_size, info.me_mapsize * 2);
  const int rc = mdb_env_set_mapsize(env_, size);
  resizing_ = false;
  gate_cv_.notify_all();
  if (rc) throw_lmdb_error(rc, "growing the map");
}

std::uint64_t Environment::add_commit_listener(std::function<void()> listener) {
  std::lock_guard lock(listener_mutex_);
  const std::uint64_t id = next_listener_++;
  commit_listeners_.emplace_back(id, std::move(listener));
  return id;
}

void Environment::remove_commit_listener(std::uint64_t id) {
  std::lock_guard lock(listener_mutex_);
  std::erase_if(commit_listeners_, [id](const auto& entry) { return entry.first == id; });
}

void Environment::notify_committed() {
  std::lock_guard lock(listener_mutex_);
  for (const auto& [id, listener] : commit_listeners_) listener();
}

}  // namespace guanxi::storage
