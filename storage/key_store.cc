#include "storage/key_store.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cstring>
#include <string>

#include "storage/bytes.h"
#include "storage/error.h"

namespace guanxi::storage {

namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t kStoreFormat = 1;
// Sparse: the file takes only the pages in use. Grown when full.
constexpr std::size_t kInitialMapSize = std::size_t{1} << 30;
constexpr int kMaxGrowths = 16;
constexpr unsigned kMaxDbs = 4;
constexpr std::size_t kNonceSize = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kWrappedSize = sizeof(SubjectKey) + crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kEntrySize = 8 + kNonceSize + kWrappedSize;
static_assert(kEntrySize == 80);
constexpr std::size_t kAdSize = 16 + 8;
constexpr std::size_t kCacheLimit = std::size_t{1} << 20;
constexpr std::uint64_t kSubkeyId = 3;
constexpr char kSubkeyContext[crypto_kdf_CONTEXTBYTES + 1] = "gxkstor1";

constexpr std::string_view kStoreDatabaseKey = "database";
constexpr std::string_view kStoreFormatKey = "format";
constexpr std::string_view kStoreRemovalsKey = "removals";

MDB_val val(std::string_view s) { return {s.size(), const_cast<char*>(s.data())}; }
MDB_val val(char* p, std::size_t n) { return {n, p}; }

// Adds one to the removal count, which was `before`.
int count_removal(MDB_txn* txn, MDB_dbi meta, std::uint64_t before) {
  char count[8];
  put_be64(count, before + 1);
  MDB_val k = val(kStoreRemovalsKey), v = val(count, sizeof count);
  return mdb_put(txn, meta, &k, &v, 0);
}

void start_sodium() {
  if (sodium_init() < 0) throw StorageError(ErrorCode::kIo, "libsodium failed to initialize");
}

}  // namespace

// A transaction counted in the resize gate; aborted unless committed.
class KeyStore::Txn {
 public:
  Txn(KeyStore* store, MDB_txn* txn) : store_(store), txn_(txn) {}
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;
  ~Txn() { abort(); }

  MDB_txn* get() const { return txn_; }
  int commit() {
    const int rc = mdb_txn_commit(txn_);
    txn_ = nullptr;
    store_->leave();
    return rc;
  }
  void abort() {
    if (!txn_) return;
    mdb_txn_abort(txn_);
    txn_ = nullptr;
    store_->leave();
  }

 private:
  KeyStore* store_;
  MDB_txn* txn_;
};

KeyStore::KeyStore(fs::path path, const DatabaseId& database)
    : path_(std::move(path)), database_(database) {}

KeyStore::~KeyStore() {
  clear_cache();
  sodium_memzero(wrap_key_.data(), wrap_key_.size());
  if (env_) mdb_env_close(env_);
}

std::unique_ptr<KeyStore> KeyStore::open(const fs::path& path, const DatabaseId& database,
                                         std::string_view master, bool create) {
  const std::string name = "key store '" + path.string() + "'";
  if (master.size() != crypto_kdf_KEYBYTES) {
    throw StorageError(ErrorCode::kInvalidArgument,
                       name + ": the master key must be " + std::to_string(crypto_kdf_KEYBYTES) +
                           " bytes, not " + std::to_string(master.size()));
  }
  std::error_code ec;
  const bool existed = fs::exists(path, ec);
  if (ec) throw StorageError(ErrorCode::kIo, name + ": " + ec.message());
  if (!existed && !create) throw StorageError(ErrorCode::kNotFound, name + " does not exist");
  start_sodium();

  std::unique_ptr<KeyStore> store(new KeyStore(path, database));
  crypto_kdf_derive_from_key(store->wrap_key_.data(), store->wrap_key_.size(), kSubkeyId,
                             kSubkeyContext, reinterpret_cast<const unsigned char*>(master.data()));
  int rc = mdb_env_create(&store->env_);
  if (rc) store->fail(rc, "creating its environment");
  mdb_env_set_maxdbs(store->env_, kMaxDbs);
  // An existing store may be larger; LMDB then adopts the file's size.
  mdb_env_set_mapsize(store->env_, kInitialMapSize);
  rc = mdb_env_open(store->env_, path.c_str(), MDB_NOSUBDIR | MDB_NOTLS | MDB_NORDAHEAD, 0600);
  if (rc == MDB_INVALID || rc == MDB_VERSION_MISMATCH) {
    throw StorageError(
        ErrorCode::kCorruption,
        "'" + path.string() + "' is not a Guanxi key store (" + mdb_strerror(rc) + ")");
  }
  if (rc) store->fail(rc, "opening it");
  int dead = 0;
  mdb_reader_check(store->env_, &dead);  // best effort: frees slots of dead processes

  // Existing tables open in a read transaction, so opening never waits for
  // a writer; a commit keeps their handles.
  bool ready;
  {
    Txn txn = store->begin(MDB_RDONLY);
    ready = store->open_tables(txn.get(), false);
    if (ready) {
      if (const int commit_rc = txn.commit()) store->fail(commit_rc, "opening its tables");
    }
  }
  if (!ready) {
    if (!create) {
      throw StorageError(ErrorCode::kNotFound,
                         name + " is empty (making it did not finish): open it with create");
    }
    {
      // Another process may make it at the same time: the second to write
      // finds it made (and checks it is this database's).
      std::lock_guard writer(store->writer_mutex_);
      Txn txn = store->begin(0);
      store->open_tables(txn.get(), true);
      if (const int commit_rc = txn.commit()) store->fail(commit_rc, "making it");
    }
    // The new file's name is durable only once its directory is synced.
    const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
    if (const int dir = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
      ::fsync(dir);
      ::close(dir);
    }
  }
  return store;
}

bool KeyStore::open_tables(MDB_txn* txn, bool initialize) {
  const std::string name = "'" + path_.string() + "'";
  auto not_a_store = [&](const std::string& why) {
    throw StorageError(ErrorCode::kCorruption, name + " is not a Guanxi key store (" + why + ")");
  };
  MDB_dbi main = 0;
  int rc = mdb_dbi_open(txn, nullptr, 0, &main);
  if (rc) fail(rc, "opening its tables");
  MDB_stat st;
  if ((rc = mdb_stat(txn, main, &st))) fail(rc, "opening its tables");
  if (st.ms_entries == 0) {
    // A new store (or one whose making stopped before its first commit).
    if (!initialize) return false;
    if ((rc = mdb_dbi_open(txn, "meta", MDB_CREATE, &meta_)) ||
        (rc = mdb_dbi_open(txn, "keys", MDB_CREATE, &keys_)) ||
        (rc = mdb_dbi_open(txn, "erasures", MDB_CREATE, &erasures_))) {
      fail(rc, "making its tables");
    }
    char format[4], removals[8];
    put_be32(format, kStoreFormat);
    put_be64(removals, 0);
    MDB_val k = val(kStoreDatabaseKey);
    MDB_val v = val(reinterpret_cast<char*>(database_.bytes.data()), database_.bytes.size());
    if ((rc = mdb_put(txn, meta_, &k, &v, 0))) fail(rc, "making it");
    k = val(kStoreFormatKey);
    v = val(format, sizeof format);
    if ((rc = mdb_put(txn, meta_, &k, &v, 0))) fail(rc, "making it");
    k = val(kStoreRemovalsKey);
    v = val(removals, sizeof removals);
    if ((rc = mdb_put(txn, meta_, &k, &v, 0))) fail(rc, "making it");
    return true;
  }

  rc = mdb_dbi_open(txn, "meta", 0, &meta_);
  if (rc == MDB_NOTFOUND || rc == MDB_INCOMPATIBLE) not_a_store("no 'meta' table");
  if (rc) fail(rc, "opening its tables");
  MDB_val k = val(kStoreDatabaseKey), owner_val;
  rc = mdb_get(txn, meta_, &k, &owner_val);
  if (rc == MDB_NOTFOUND) not_a_store("no database id");
  if (rc) fail(rc, "reading its database id");
  k = val(kStoreFormatKey);
  MDB_val format_val;
  rc = mdb_get(txn, meta_, &k, &format_val);
  if (rc == MDB_NOTFOUND) not_a_store("no format");
  if (rc) fail(rc, "reading its format");
  if (format_val.mv_size != 4) not_a_store("a damaged format entry");
  if (const std::uint32_t format = get_be32(format_val.mv_data); format != kStoreFormat) {
    throw StorageError(ErrorCode::kFormat, "key store " + name + " is of format " +
                                               std::to_string(format) + "; this Guanxi reads " +
                                               std::to_string(kStoreFormat));
  }
  if (owner_val.mv_size != 16) not_a_store("a damaged database id");
  DatabaseId owner;
  std::memcpy(owner.bytes.data(), owner_val.mv_data, 16);
  if (owner != database_) {
    throw StorageError(ErrorCode::kInvalidArgument, "key store " + name + " belongs to database " +
                                                        owner.to_string() + ", not to " +
                                                        database_.to_string());
  }
  for (auto [table, dbi] : {std::pair{"keys", &keys_}, std::pair{"erasures", &erasures_}}) {
    rc = mdb_dbi_open(txn, table, 0, dbi);
    if (rc == MDB_NOTFOUND || rc == MDB_INCOMPATIBLE) {
      not_a_store(std::string("no '") + table + "' table");
    }
    if (rc) fail(rc, "opening its tables");
  }
  return true;
}

void KeyStore::enter() {
  std::unique_lock lock(gate_mutex_);
  gate_cv_.wait(lock, [&] { return !resizing_; });
  ++active_;
}

void KeyStore::leave() {
  std::lock_guard lock(gate_mutex_);
  if (--active_ == 0) gate_cv_.notify_all();
}

KeyStore::Txn KeyStore::begin(unsigned flags) {
  for (;;) {
    enter();
    MDB_txn* txn = nullptr;
    const int rc = mdb_txn_begin(env_, nullptr, flags, &txn);
    if (rc == MDB_SUCCESS) return Txn(this, txn);
    leave();
    if (rc == MDB_MAP_RESIZED) {
      adopt_map_size();  // another process grew the map
      continue;
    }
    fail(rc, "beginning a transaction");
  }
}

void KeyStore::grow_map() {
  std::unique_lock lock(gate_mutex_);
  gate_cv_.wait(lock, [&] { return !resizing_; });
  resizing_ = true;
  gate_cv_.wait(lock, [&] { return active_ == 0; });
  MDB_envinfo info;
  mdb_env_info(env_, &info);
  const int rc = mdb_env_set_mapsize(env_, info.me_mapsize * 2);
  resizing_ = false;
  gate_cv_.notify_all();
  if (rc) fail(rc, "growing its map");
}

void KeyStore::adopt_map_size() {
  std::unique_lock lock(gate_mutex_);
  gate_cv_.wait(lock, [&] { return !resizing_; });
  resizing_ = true;
  gate_cv_.wait(lock, [&] { return active_ == 0; });
  const int rc = mdb_env_set_mapsize(env_, 0);
  resizing_ = false;
  gate_cv_.notify_all();
  if (rc) fail(rc, "adopting its grown map");
}

template <typename Body, typename Committed>
void KeyStore::write(const char* what, Body&& body, Committed&& committed) {
  std::lock_guard writer(writer_mutex_);
  for (int attempt = 0;; ++attempt) {
    std::uint64_t txnid = 0, before = 0;
    int rc;
    {
      Txn txn = begin(0);
      txnid = mdb_txn_id(txn.get());
      before = removals(txn.get());
      rc = body(txn.get(), before);
      if (rc == 0) rc = txn.commit();
    }
    if (rc == 0) {
      committed(txnid, before);
      return;
    }
    // Each doubling at least doubles the room left, so only a batch larger
    // than the whole store needs more than one.
    if (rc == MDB_MAP_FULL && attempt < kMaxGrowths) {
      grow_map();
      continue;
    }
    fail(rc, what);
  }
}

void KeyStore::fail(int rc, const std::string& what) const {
  throw_lmdb_error(rc, "key store '" + path_.string() + "': " + what);
}

void KeyStore::damaged(std::uint64_t subject, const std::string& why) const {
  throw StorageError(ErrorCode::kCorruption, "key store '" + path_.string() +
                                                 "': the key of subject " +
                                                 std::to_string(subject) + " " + why);
}

std::uint64_t KeyStore::removals(MDB_txn* txn) const {
  MDB_val k = val(kStoreRemovalsKey), v;
  const int rc = mdb_get(txn, meta_, &k, &v);
  if (rc == MDB_NOTFOUND) return 0;
  if (rc) fail(rc, "reading its removal count");
  if (v.mv_size != 8) {
    throw StorageError(ErrorCode::kCorruption,
                       "key store '" + path_.string() + "': its removal count is damaged");
  }
  return get_be64(v.mv_data);
}

SubjectKey KeyStore::unwrap(std::uint64_t subject, const MDB_val& entry) const {
  if (entry.mv_size != kEntrySize) {
    damaged(subject, "is damaged (" + std::to_string(entry.mv_size) + " bytes, not " +
                         std::to_string(kEntrySize) + ")");
  }
  const auto* bytes = static_cast<const unsigned char*>(entry.mv_data);
  unsigned char ad[kAdSize];
  std::memcpy(ad, database_.bytes.data(), 16);
  put_be64(reinterpret_cast<char*>(ad) + 16, subject);
  SubjectKey key;
  unsigned long long length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(key.data(), &length, nullptr,
                                                 bytes + 8 + kNonceSize, kWrappedSize, ad,
                                                 sizeof ad, bytes + 8, wrap_key_.data()) != 0 ||
      length != key.size()) {
    sodium_memzero(key.data(), key.size());
    damaged(subject,
            "does not unwrap (a wrong master key, or an entry moved from another subject or "
            "database)");
  }
  return key;
}

void KeyStore::advance_cache(std::uint64_t txnid, std::uint64_t removals) {
  if (txnid <= cache_txnid_) return;
  // Keys were removed between the two snapshots: any cached one may be gone.
  if (removals != cache_removals_) clear_cache();
  cache_txnid_ = txnid;
  cache_removals_ = removals;
}

void KeyStore::clear_cache() {
  for (auto& entry : cache_) sodium_memzero(entry.second.data(), entry.second.size());
  cache_.clear();
}

void KeyStore::forget(std::span<const std::uint64_t> subjects, std::uint64_t txnid,
                      std::uint64_t before) {
  std::unique_lock lock(cache_mutex_);
  advance_cache(txnid - 1, before);
  // Otherwise a later snapshot has been seen, and the cache dropped for it.
  if (cache_txnid_ != txnid - 1) return;
  for (std::uint64_t subject : subjects) {
    if (auto it = cache_.find(subject); it != cache_.end()) {
      sodium_memzero(it->second.data(), it->second.size());
      cache_.erase(it);
    }
  }
  cache_txnid_ = txnid;
  cache_removals_ = before + 1;
}

std::optional<SubjectKey> KeyStore::find(std::uint64_t subject) {
  // The last commit of any process, read from the map without a
  // transaction: while it is the snapshot the cache is valid for, a cached
  // key is current.
  enter();
  MDB_envinfo info;
  mdb_env_info(env_, &info);
  leave();
  {
    std::shared_lock lock(cache_mutex_);
    if (info.me_last_txnid == cache_txnid_) {
      if (auto it = cache_.find(subject); it != cache_.end()) return it->second;
    }
  }
  std::optional<SubjectKey> found;
  std::uint64_t snapshot, count;
  {
    Txn txn = begin(MDB_RDONLY);
    snapshot = mdb_txn_id(txn.get());
    count = removals(txn.get());
    char key[8];
    put_be64(key, subject);
    MDB_val k = val(key, sizeof key), v;
    const int rc = mdb_get(txn.get(), keys_, &k, &v);
    if (rc == 0) {
      found = unwrap(subject, v);
    } else if (rc != MDB_NOTFOUND) {
      fail(rc, "reading the key of subject " + std::to_string(subject));
    }
  }
  std::unique_lock lock(cache_mutex_);
  advance_cache(snapshot, count);
  // A key read from an older snapshot than the cache's may since be erased.
  if (found && cache_txnid_ == snapshot) {
    if (cache_.size() >= kCacheLimit) clear_cache();
    cache_[subject] = *found;
  }
  return found;
}

std::optional<std::int64_t> KeyStore::created(std::uint64_t subject) {
  Txn txn = begin(MDB_RDONLY);
  char key[8];
  put_be64(key, subject);
  MDB_val k = val(key, sizeof key), v;
  const int rc = mdb_get(txn.get(), keys_, &k, &v);
  if (rc == MDB_NOTFOUND) return std::nullopt;
  if (rc) fail(rc, "reading the key of subject " + std::to_string(subject));
  if (v.mv_size != kEntrySize) {
    damaged(subject, "is damaged (" + std::to_string(v.mv_size) + " bytes, not " +
                         std::to_string(kEntrySize) + ")");
  }
  return static_cast<std::int64_t>(get_be64(v.mv_data));
}

SubjectKey KeyStore::generate() {
  start_sodium();
  SubjectKey key;
  randombytes_buf(key.data(), key.size());
  return key;
}

void KeyStore::put(std::span<const std::pair<std::uint64_t, SubjectKey>> keys,
                   std::int64_t now_micros) {
  if (keys.empty()) return;
  std::vector<const std::pair<std::uint64_t, SubjectKey>*> written;
  write(
      "writing keys",
      [&](MDB_txn* txn, std::uint64_t) {
        written.clear();
        for (const auto& entry_pair : keys) {
          const auto& [subject, key] = entry_pair;
          char id[8];
          put_be64(id, subject);
          unsigned char ad[kAdSize];
          std::memcpy(ad, database_.bytes.data(), 16);
          std::memcpy(ad + 16, id, 8);
          char entry[kEntrySize];
          put_be64(entry, static_cast<std::uint64_t>(now_micros));
          auto* nonce = reinterpret_cast<unsigned char*>(entry + 8);
          randombytes_buf(nonce, kNonceSize);
          unsigned long long length = 0;
          crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + kNonceSize, &length, key.data(),
                                                     key.size(), ad, sizeof ad, nullptr, nonce,
                                                     wrap_key_.data());
          MDB_val k = val(id, sizeof id), v = val(entry, sizeof entry);
          const int rc = mdb_put(txn, keys_, &k, &v, MDB_NOOVERWRITE);
          if (rc == MDB_KEYEXIST) continue;  // it keeps the key it has
          if (rc) return rc;
          written.push_back(&entry_pair);
        }
        return 0;
      },
      [&](std::uint64_t txnid, std::uint64_t before) {
        std::unique_lock lock(cache_mutex_);
        advance_cache(txnid - 1, before);
        if (cache_txnid_ == txnid - 1) cache_txnid_ = txnid;  // nothing removed
        if (cache_txnid_ != txnid) return;
        for (const auto* entry : written) {
          if (cache_.size() >= kCacheLimit) clear_cache();
          cache_[entry->first] = entry->second;
        }
      });
}

void KeyStore::erase(std::uint64_t subject, std::int64_t at_micros) {
  const std::uint64_t subjects[1] = {subject};
  write(
      "erasing a key",
      [&](MDB_txn* txn, std::uint64_t before) {
        char id[8];
        put_be64(id, subject);
        MDB_val k = val(id, sizeof id);
        int rc = mdb_del(txn, keys_, &k, nullptr);
        if (rc && rc != MDB_NOTFOUND) return rc;
        char erasure[16];
        put_be64(erasure, subject);
        put_be64(erasure + 8, static_cast<std::uint64_t>(at_micros));
        k = val(erasure, sizeof erasure);
        MDB_val empty{0, nullptr};
        if ((rc = mdb_put(txn, erasures_, &k, &empty, 0))) return rc;
        return count_removal(txn, meta_, before);
      },
      [&](std::uint64_t txnid, std::uint64_t before) { forget(subjects, txnid, before); });
}

void KeyStore::discard(std::span<const std::uint64_t> subjects) {
  if (subjects.empty()) return;
  write(
      "discarding keys",
      [&](MDB_txn* txn, std::uint64_t before) {
        for (std::uint64_t subject : subjects) {
          char id[8];
          put_be64(id, subject);
          MDB_val k = val(id, sizeof id);
          const int rc = mdb_del(txn, keys_, &k, nullptr);
          if (rc && rc != MDB_NOTFOUND) return rc;
        }
        return count_removal(txn, meta_, before);
      },
      [&](std::uint64_t txnid, std::uint64_t before) { forget(subjects, txnid, before); });
}

std::vector<Erasure> KeyStore::erasures() {
  Txn txn = begin(MDB_RDONLY);
  MDB_cursor* cursor = nullptr;
  int rc = mdb_cursor_open(txn.get(), erasures_, &cursor);
  if (rc) fail(rc, "reading its erasures");
  std::vector<Erasure> out;
  MDB_val k, v;
  for (rc = mdb_cursor_get(cursor, &k, &v, MDB_FIRST); rc == 0;
       rc = mdb_cursor_get(cursor, &k, &v, MDB_NEXT)) {
    if (k.mv_size != 16) {
      mdb_cursor_close(cursor);
      throw StorageError(ErrorCode::kCorruption,
                         "key store '" + path_.string() + "': an erasure entry is damaged (" +
                             std::to_string(k.mv_size) + " bytes of key, not 16)");
    }
    out.push_back({get_be64(k.mv_data),
                   static_cast<std::int64_t>(get_be64(static_cast<const char*>(k.mv_data) + 8))});
  }
  mdb_cursor_close(cursor);
  if (rc != MDB_NOTFOUND) fail(rc, "reading its erasures");
  return out;
}

}  // namespace guanxi::storage
