#include "storage/compaction.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <lmdb.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iterator>
#include <thread>
#include <vector>

#include "storage/atomic_output_file.h"
#include "storage/counters.h"
#include "storage/database_directory.h"
#include "storage/environment.h"
#include "storage/key_store.h"

namespace guanxi::storage {

namespace fs = std::filesystem;

namespace {

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

// Throws when the LMDB environment whose lock file is `lock_file` is open;
// `what` names it in the message ("database 'shop.gx' is").
void refuse_if_open(const fs::path& lock_file, const std::string& what) {
  if (lock_file_in_use(lock_file)) {
    throw StorageError(ErrorCode::kInvalidArgument,
                       what +
                           " open (in another process, or in this one); close it and compact "
                           "again (nothing was changed)");
  }
}

// What must be the same in the copy as in the database.
struct Contents {
  DatabaseIdentity identity;
  std::uint64_t nodes = 0, relationships = 0;
};

Contents contents_of(Environment& env, const Transaction& txn) {
  Counters counters(env);
  return {env.identity(), counters.node_count(txn), counters.relationship_count(txn)};
}

// The owner and permission bits of a file or directory, which the copy keeps
// (a database made with --file-mode 640 stays readable by its group).
struct Ownership {
  uid_t uid = 0;
  gid_t gid = 0;
  mode_t mode = 0;

  static Ownership of(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
      throw StorageError(ErrorCode::kIo,
                         "cannot read " + quoted(path) + ": " + std::strerror(errno));
    }
    return {st.st_uid, st.st_gid, static_cast<mode_t>(st.st_mode & 07777)};
  }

  // Gives `path` these bits and, where the process may (as root), this owner.
  void apply_to(const fs::path& path) const {
    if (::chmod(path.c_str(), mode) != 0) {
      throw StorageError(ErrorCode::kIo, "cannot set the permissions of " + quoted(path) + ": " +
                                             std::strerror(errno));
    }
    [[maybe_unused]] const int ignored = ::chown(path.c_str(), uid, gid);
  }
};

// Writes LMDB's compacting copy of `env`'s newest snapshot to the new file
// `file`, and syncs it. The copy runs on a thread of its own: its read
// transaction cannot share the calling thread with the write transaction
// that holds writers back.
void copy_compacted(MDB_env* env, const fs::path& file) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw StorageError(ErrorCode::kIo,
                       "cannot create " + quoted(file) + ": " + std::strerror(errno));
  }
  int copied = 0;
  std::thread copier([&] { copied = mdb_env_copyfd2(env, fd, MDB_CP_COMPACT); });
  copier.join();
  const int synced = copied == 0 && ::fsync(fd) != 0 ? errno : 0;
  ::close(fd);
  if (copied != 0 || synced != 0) {
    throw StorageError(
        ErrorCode::kIo,
        fmt::format("writing the compacted copy {}: {} (the original is as it was)", quoted(file),
                    copied != 0 ? mdb_strerror(copied) : std::strerror(synced)));
  }
}

// Opens the copy in `staged` and checks that it holds what `expected` says;
// the lock file the open creates gets `mode`.
std::uint64_t check_copy(const fs::path& staged, const Contents& expected, mode_t mode) {
  EnvironmentOptions options;
  options.create_if_missing = false;
  options.file_mode = mode;
  std::unique_ptr<Environment> env = Environment::open(staged, options);
  ReadTransaction txn = env->read();
  const Contents copy = contents_of(*env, txn);
  if (copy.identity.id != expected.identity.id ||
      copy.identity.format != expected.identity.format || copy.nodes != expected.nodes ||
      copy.relationships != expected.relationships) {
    throw StorageError(
        ErrorCode::kCorruption,
        fmt::format("the compacted copy holds database {} format {} with {} nodes and {} "
                    "relationships, not {} format {} with {} and {}; nothing was changed",
                    copy.identity.id.to_string(), copy.identity.format, copy.nodes,
                    copy.relationships, expected.identity.id.to_string(), expected.identity.format,
                    expected.nodes, expected.relationships));
  }
  return fs::file_size(staged / "data.mdb");
}

// An LMDB environment in one file (MDB_NOSUBDIR) with up to `tables` named
// tables, for the key store, which no Guanxi class may hold open here.
class LmdbFile {
 public:
  LmdbFile(const fs::path& file, unsigned flags) : file_(file) {
    int rc = mdb_env_create(&env_);
    if (rc == 0) rc = mdb_env_set_maxdbs(env_, std::size(kKeyStoreTables));
    if (rc == 0) rc = mdb_env_open(env_, file.c_str(), MDB_NOSUBDIR | MDB_NOTLS | flags, 0600);
    if (rc) fail(rc, "opening");
  }
  ~LmdbFile() {
    if (txn_) mdb_txn_abort(txn_);
    mdb_env_close(env_);
  }
  LmdbFile(const LmdbFile&) = delete;
  LmdbFile& operator=(const LmdbFile&) = delete;

  MDB_env* raw() const { return env_; }

  // Begins the transaction entries() reads in (a write one holds writers
  // back), held until the object goes.
  void begin(unsigned flags) {
    if (const int rc = mdb_txn_begin(env_, nullptr, flags, &txn_)) fail(rc, "reading");
  }

  // The entries of each table of the key store, in order.
  std::vector<std::size_t> entries() const {
    std::vector<std::size_t> out;
    for (const char* table : kKeyStoreTables) {
      MDB_dbi dbi = 0;
      MDB_stat stat{};
      int rc = mdb_dbi_open(txn_, table, 0, &dbi);
      if (rc == 0) rc = mdb_stat(txn_, dbi, &stat);
      if (rc) fail(rc, (std::string("reading its table ") + table).c_str());
      out.push_back(stat.ms_entries);
    }
    return out;
  }

 private:
  [[noreturn]] void fail(int rc, const char* doing) const {
    throw StorageError(ErrorCode::kIo, fmt::format("key store {}: {}: {} (the store is as it was)",
                                                   quoted(file_), doing, mdb_strerror(rc)));
  }

  fs::path file_;
  MDB_env* env_ = nullptr;
  MDB_txn* txn_ = nullptr;
};

fs::path lock_file_of(const fs::path& key_store) { return key_store.string() + "-lock"; }

void refuse_key_store_in_use(const fs::path& key_store) {
  refuse_if_open(lock_file_of(key_store), "key store " + quoted(key_store) + " is");
}

// Compacts the key store `file` in place: its compacting copy, checked to
// hold as many entries in each table, replaces it in one rename. An erased
// subject's wrapped key, deleted from its page, stays in the file's free
// pages until then, where the master key would still unwrap it.
void compact_key_store(const fs::path& file, CompactionReport& report) {
  refuse_key_store_in_use(file);
  report.key_store_bytes_before = fs::file_size(file);
  const Ownership owner = Ownership::of(file);
  const fs::path copy = file.string() + ".compact-" + std::to_string(::getpid());
  struct RemoveCopy {
    const fs::path& path;
    bool keep = false;
    ~RemoveCopy() {
      std::error_code ec;
      if (!keep) fs::remove(path, ec);
      fs::remove(lock_file_of(path), ec);
    }
  } remove_copy{copy};
  {
    LmdbFile source(file, 0);
    source.begin(0);
    const std::vector<std::size_t> expected = source.entries();
    copy_compacted(source.raw(), copy);
    {
      LmdbFile check(copy, MDB_RDONLY | MDB_NOLOCK);
      check.begin(MDB_RDONLY);
      if (check.entries() != expected) {
        throw StorageError(ErrorCode::kCorruption,
                           "the compacted copy of key store " + quoted(file) +
                               " does not hold the entries of the store (the store is as it was)");
      }
    }
    owner.apply_to(copy);
    if (::rename(copy.c_str(), file.c_str()) != 0) {
      throw StorageError(ErrorCode::kIo, "cannot move the compacted key store into place at " +
                                             quoted(file) + ": " + std::strerror(errno));
    }
    remove_copy.keep = true;
  }
  sync_directory(file.parent_path().empty() ? fs::path(".") : file.parent_path());
  report.key_store_bytes_after = fs::file_size(file);
}

}  // namespace

CompactionReport compact_database(const fs::path& dir) {
  const auto start = std::chrono::steady_clock::now();
  std::error_code ec;
  if (!fs::exists(dir / "data.mdb", ec)) {
    throw StorageError(ErrorCode::kNotFound, "no database at " + quoted(dir));
  }
  if (!holds_only_database_files(dir)) {
    throw StorageError(
        ErrorCode::kInvalidArgument,
        quoted(dir) + " holds files other than a database's; refusing to replace it");
  }
  refuse_if_open(dir / "lock.mdb", "database " + quoted(dir) + " is");

  CompactionReport report;
  report.bytes_before = fs::file_size(dir / "data.mdb");
  const Ownership directory = Ownership::of(dir), data = Ownership::of(dir / "data.mdb");
  StagingDirectory staging(dir, "compact");
  fs::path key_store;
  {
    EnvironmentOptions options;
    options.create_if_missing = false;
    std::unique_ptr<Environment> env = Environment::open(dir, options);
    key_store = env->key_file();
    key_store += ".store";
    if (!fs::exists(key_store, ec)) key_store.clear();
    if (!key_store.empty()) refuse_key_store_in_use(key_store);
    require_room(dir, env->used_bytes(), "compact");
    // Writers wait until the copy is checked and the database closed, so
    // nothing commits that the copy would miss; a process that opened the
    // database meanwhile is found below.
    WriteTransaction writers = env->begin_write();
    const Contents expected = contents_of(*env, writers);
    copy_compacted(env->raw(), staging.path() / "data.mdb");
    data.apply_to(staging.path() / "data.mdb");
    sync_directory(staging.path());
    report.bytes_after = check_copy(staging.path(), expected, data.mode);
    data.apply_to(staging.path() / "lock.mdb");
    directory.apply_to(staging.path());
    report.nodes = expected.nodes;
    report.relationships = expected.relationships;
  }
  // The probe sees this process's own environments too, so it runs once the
  // database is closed.
  refuse_if_open(dir / "lock.mdb", "database " + quoted(dir) + " was");
  staging.install(true);
  if (!key_store.empty()) {
    try {
      compact_key_store(key_store, report);
    } catch (const StorageError& e) {
      throw StorageError(
          e.code(), "compacted database " + quoted(dir) + ", but not its key store: " + e.what());
    }
  }
  report.elapsed = std::chrono::steady_clock::now() - start;
  return report;
}

}  // namespace guanxi::storage
