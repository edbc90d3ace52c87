#include "storage/key_store.h"

#include <gtest/gtest.h>
#include <lmdb.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <functional>
#include <thread>
#include <vector>

#include "storage/bytes.h"
#include "storage/compaction.h"
#include "storage/environment.h"
#include "tests/storage/expect_storage_error.h"
#include "tests/support/file_bytes.h"
#include "tests/support/temp_dir.h"

namespace guanxi::storage {
namespace {

namespace fs = std::filesystem;
using test_support::TempDir;

// Runs `body`, which must throw a StorageError of `code` whose message holds `text`.
template <typename Body>
void expect_error(Body&& body, ErrorCode code, const std::string& text) {
  const StorageError e = testing::expect_storage_error(std::forward<Body>(body));
  EXPECT_EQ(e.code(), code) << e.what();
  EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
}

std::string as_string(const SubjectKey& key) {
  return {reinterpret_cast<const char*>(key.data()), key.size()};
}

// The value of `subject` in the `keys` table of the store at `path`, read
// with LMDB itself (as any program could); empty when there is none.
std::string raw_entry(const fs::path& path, std::uint64_t subject) {
  MDB_env* env = nullptr;
  EXPECT_EQ(mdb_env_create(&env), 0);
  mdb_env_set_maxdbs(env, 4);
  EXPECT_EQ(mdb_env_open(env, path.c_str(), MDB_NOSUBDIR | MDB_RDONLY, 0600), 0);
  MDB_txn* txn = nullptr;
  EXPECT_EQ(mdb_txn_begin(env, nullptr, MDB_RDONLY, &txn), 0);
  MDB_dbi keys = 0;
  EXPECT_EQ(mdb_dbi_open(txn, "keys", 0, &keys), 0);
  char id[8];
  put_be64(id, subject);
  MDB_val k{sizeof id, id}, v;
  std::string out;
  if (mdb_get(txn, keys, &k, &v) == 0) out.assign(static_cast<const char*>(v.mv_data), v.mv_size);
  mdb_txn_abort(txn);
  mdb_env_close(env);
  return out;
}

// Writes `entry` as the value of `subject` in the store at `path`, with LMDB itself.
void raw_put(const fs::path& path, std::uint64_t subject, const std::string& entry) {
  MDB_env* env = nullptr;
  ASSERT_EQ(mdb_env_create(&env), 0);
  mdb_env_set_maxdbs(env, 4);
  mdb_env_set_mapsize(env, std::size_t{1} << 30);  // or the store's, when larger
  ASSERT_EQ(mdb_env_open(env, path.c_str(), MDB_NOSUBDIR, 0600), 0);
  MDB_txn* txn = nullptr;
  ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
  MDB_dbi keys = 0;
  ASSERT_EQ(mdb_dbi_open(txn, "keys", 0, &keys), 0);
  char id[8];
  put_be64(id, subject);
  MDB_val k{sizeof id, id}, v{entry.size(), const_cast<char*>(entry.data())};
  ASSERT_EQ(mdb_put(txn, keys, &k, &v, 0), 0);
  ASSERT_EQ(mdb_txn_commit(txn), 0);
  mdb_env_close(env);
}

// Runs `body` in a child process (another opener of the store) and returns
// its exit status: `body`'s result, 100 for an exception.
int in_another_process(const std::function<int()>& body) {
  const pid_t child = ::fork();
  if (child == 0) {
    int code = 100;
    try {
      code = body();
    } catch (...) {
    }
    ::_exit(code);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 200;
}

class KeyStoreTest : public ::testing::Test {
 protected:
  fs::path path() const { return dir_.path() / "db.key.store"; }
  std::unique_ptr<KeyStore> open(bool create = true) {
    return KeyStore::open(path(), id_, master_, create);
  }
  static void put(KeyStore& store, std::uint64_t subject, const SubjectKey& key,
                  std::int64_t now = 1000) {
    const std::pair<std::uint64_t, SubjectKey> one[] = {{subject, key}};
    store.put(one, now);
  }

  TempDir dir_{"guanxi-keystore"};
  DatabaseId id_ = DatabaseId::generate();
  std::string master_ = as_string(KeyStore::generate());
};

TEST_F(KeyStoreTest, KeysSurviveClosingAndReopening) {
  const SubjectKey a = KeyStore::generate(), b = KeyStore::generate();
  EXPECT_NE(a, b);
  {
    auto store = open();
    EXPECT_EQ(store->path(), path());
    const std::pair<std::uint64_t, SubjectKey> keys[] = {{1, a}, {2, b}};
    store->put(keys, 1000);
  }
  auto store = open(false);
  EXPECT_EQ(store->find(1), a);
  EXPECT_EQ(store->find(2), b);
}

TEST_F(KeyStoreTest, ASubjectWithoutAKeyHasNone) {
  auto store = open();
  EXPECT_FALSE(store->find(42).has_value());
  EXPECT_FALSE(store->created(42).has_value());
  put(*store, 41, KeyStore::generate());
  EXPECT_FALSE(store->find(42).has_value());
  EXPECT_TRUE(store->find(41).has_value());
}

TEST_F(KeyStoreTest, ASubjectKeepsItsFirstKey) {
  const SubjectKey first = KeyStore::generate(), second = KeyStore::generate();
  auto store = open();
  put(*store, 7, first);
  EXPECT_EQ(store->find(7), first);
  put(*store, 7, second);
  EXPECT_EQ(store->find(7), first);
  // Within one batch too, the first wins.
  const SubjectKey third = KeyStore::generate(), fourth = KeyStore::generate();
  const std::pair<std::uint64_t, SubjectKey> batch[] = {{8, third}, {7, second}, {8, fourth}};
  store->put(batch, 2000);
  EXPECT_EQ(store->find(8), third);
  // As stored, not only as cached.
  store.reset();
  store = open(false);
  EXPECT_EQ(store->find(7), first);
  EXPECT_EQ(store->find(8), third);
}

TEST_F(KeyStoreTest, CreatedIsWhenTheKeyWasMade) {
  auto store = open();
  put(*store, 7, KeyStore::generate(), 1'700'000'000'123'456);
  put(*store, 7, KeyStore::generate(), 1'800'000'000'000'000);
  EXPECT_EQ(store->created(7), 1'700'000'000'123'456);
  store->erase(7, 1'900'000'000'000'000);
  EXPECT_FALSE(store->created(7).has_value());
}

TEST_F(KeyStoreTest, EraseRemovesTheKeyAndListsTheErasure) {
  const SubjectKey kept = KeyStore::generate();
  auto store = open();
  put(*store, 7, KeyStore::generate());
  put(*store, 8, kept);
  ASSERT_TRUE(store->find(7).has_value());  // cached now
  EXPECT_TRUE(store->erasures().empty());
  store->erase(7, 5000);
  EXPECT_FALSE(store->find(7).has_value());
  EXPECT_EQ(store->find(8), kept);
  EXPECT_EQ(store->erasures(), (std::vector<Erasure>{{7, 5000}}));
  store.reset();
  store = open(false);
  EXPECT_FALSE(store->find(7).has_value());
  EXPECT_EQ(store->erasures(), (std::vector<Erasure>{{7, 5000}}));
}

// LMDB frees the page an erased key was deleted from without clearing it,
// so its wrapped bytes, which the master key still unwraps, stay in the file
// until the database and its store are compacted.
TEST_F(KeyStoreTest, AnErasedKeyLeavesTheFileWhenTheDatabaseIsCompacted) {
  Environment::open(dir_.path() / "db");  // whose key store is path()
  {
    auto store = open();
    std::vector<std::pair<std::uint64_t, SubjectKey>> keys;
    for (std::uint64_t subject = 0; subject < 200; ++subject) {
      keys.emplace_back(subject, KeyStore::generate());
    }
    store->put(keys, 1000);
  }
  const std::string erased = raw_entry(path(), 7);  // LMDB's rule: not while the store is open
  ASSERT_EQ(erased.size(), 80u);
  {
    auto store = open(false);
    store->erase(7, 5000);
    expect_error([&] { compact_database(dir_.path() / "db"); }, ErrorCode::kInvalidArgument,
                 "key store '" + path().string() + "' is open");
  }
  ASSERT_NE(test_support::read_file(path()).find(erased), std::string::npos)
      << "the erased key is gone from the file already: the case is moot";

  const CompactionReport report = compact_database(dir_.path() / "db");
  EXPECT_EQ(report.key_store_bytes_after, fs::file_size(path()));
  EXPECT_LE(report.key_store_bytes_after, report.key_store_bytes_before);
  EXPECT_EQ(test_support::read_file(path()).find(erased), std::string::npos);
  EXPECT_FALSE(fs::exists(path().string() + ".compact-" + std::to_string(::getpid())));
  auto store = open(false);
  EXPECT_FALSE(store->find(7).has_value());
  EXPECT_TRUE(store->find(8).has_value());
  EXPECT_EQ(store->erasures(), (std::vector<Erasure>{{7, 5000}}));
  struct stat st {};
  ASSERT_EQ(::stat(path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(KeyStoreTest, ErasuresAreListedInSubjectOrderOldestFirst) {
  auto store = open();
  for (std::uint64_t s : {10, 20, 30}) put(*store, s, KeyStore::generate());
  store->erase(30, 1);
  store->erase(10, 5);
  store->erase(20, 2);
  store->erase(10, 3);    // erased again (its key is already gone)
  store->erase(1000, 4);  // never had a key: still recorded
  EXPECT_EQ(store->erasures(),
            (std::vector<Erasure>{{10, 3}, {10, 5}, {20, 2}, {30, 1}, {1000, 4}}));
}

TEST_F(KeyStoreTest, DiscardRemovesKeysWithoutListingErasures) {
  const SubjectKey kept = KeyStore::generate();
  auto store = open();
  put(*store, 1, KeyStore::generate());
  put(*store, 2, KeyStore::generate());
  put(*store, 3, kept);
  ASSERT_TRUE(store->find(1).has_value());  // cached now
  const std::uint64_t gone[] = {1, 2, 99};
  store->discard(gone);
  EXPECT_FALSE(store->find(1).has_value());
  EXPECT_FALSE(store->find(2).has_value());
  EXPECT_EQ(store->find(3), kept);
  EXPECT_TRUE(store->erasures().empty());
  store.reset();
  store = open(false);
  EXPECT_FALSE(store->find(1).has_value());
  EXPECT_EQ(store->find(3), kept);
}

TEST_F(KeyStoreTest, AnotherDatabasesStoreIsRefused) {
  open();
  const DatabaseId other = DatabaseId::generate();
  for (bool create : {false, true}) {
    expect_error([&] { KeyStore::open(path(), other, master_, create); },
                 ErrorCode::kInvalidArgument, path().string());
  }
  expect_error([&] { KeyStore::open(path(), other, master_, false); }, ErrorCode::kInvalidArgument,
               "belongs to database " + id_.to_string());
}

TEST_F(KeyStoreTest, AWrongMasterKeyDoesNotUnwrap) {
  put(*open(), 7, KeyStore::generate());
  auto store = KeyStore::open(path(), id_, as_string(KeyStore::generate()), false);
  expect_error([&] { store->find(7); }, ErrorCode::kCorruption, "subject 7 does not unwrap");
  EXPECT_FALSE(store->find(8).has_value());
  expect_error([&] { KeyStore::open(path(), id_, "short", false); }, ErrorCode::kInvalidArgument,
               "32 bytes");
}

TEST_F(KeyStoreTest, AMissingStoreIsNotFoundUnlessCreated) {
  expect_error([&] { open(false); }, ErrorCode::kNotFound, path().string() + "' does not exist");
  EXPECT_FALSE(fs::exists(path()));
  open(true);
  EXPECT_TRUE(fs::exists(path()));
}

TEST_F(KeyStoreTest, ItsFilesAreOwnerOnly) {
  open();
  for (const fs::path& file : {path(), fs::path(path().string() + "-lock")}) {
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0) << file;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << file;
  }
}

TEST_F(KeyStoreTest, TheFileHoldsNoKeyInTheClear) {
  std::vector<std::pair<std::uint64_t, SubjectKey>> keys;
  for (std::uint64_t s = 1; s <= 50; ++s) keys.emplace_back(s, KeyStore::generate());
  {
    auto store = open();
    store->put(keys, 1000);
    for (const auto& [subject, key] : keys) ASSERT_EQ(store->find(subject), key);
  }
  const std::string bytes = test_support::read_file(path());
  // The search works: the database id is stored as is.
  ASSERT_NE(bytes.find(std::string(reinterpret_cast<const char*>(id_.bytes.data()), 16)),
            std::string::npos);
  for (const auto& [subject, key] : keys) {
    EXPECT_EQ(bytes.find(as_string(key)), std::string::npos) << "subject " << subject;
  }
  EXPECT_EQ(bytes.find(master_), std::string::npos);
}

TEST_F(KeyStoreTest, AWrappedKeyMovedToAnotherSubjectDoesNotUnwrap) {
  const SubjectKey key = KeyStore::generate();
  put(*open(), 7, key);
  const std::string entry = raw_entry(path(), 7);
  ASSERT_EQ(entry.size(), 80u);
  raw_put(path(), 8, entry);
  auto store = open(false);
  EXPECT_EQ(store->find(7), key);
  expect_error([&] { store->find(8); }, ErrorCode::kCorruption, "subject 8 does not unwrap");
  // A damaged entry names its subject too.
  store.reset();
  raw_put(path(), 9, entry.substr(0, 40));
  store = open(false);
  expect_error([&] { store->find(9); }, ErrorCode::kCorruption, "subject 9 is damaged");
  expect_error([&] { store->created(9); }, ErrorCode::kCorruption, "subject 9 is damaged");
}

TEST_F(KeyStoreTest, AWrappedKeyMovedToAnotherDatabasesStoreDoesNotUnwrap) {
  put(*open(), 7, KeyStore::generate());
  // Another database with the same master key (as if its key file were copied).
  const fs::path other_path = dir_.path() / "other.store";
  const DatabaseId other = DatabaseId::generate();
  KeyStore::open(other_path, other, master_, true);
  raw_put(other_path, 7, raw_entry(path(), 7));
  auto store = KeyStore::open(other_path, other, master_, false);
  expect_error([&] { store->find(7); }, ErrorCode::kCorruption, "subject 7 does not unwrap");
}

TEST_F(KeyStoreTest, NotAKeyStore) {
  test_support::write_file(path(), "hello");
  expect_error([&] { open(false); }, ErrorCode::kCorruption, "is not a Guanxi key store");
  // An LMDB file of something else.
  const fs::path other = dir_.path() / "other.mdb";
  MDB_env* env = nullptr;
  ASSERT_EQ(mdb_env_create(&env), 0);
  mdb_env_set_maxdbs(env, 4);
  ASSERT_EQ(mdb_env_open(env, other.c_str(), MDB_NOSUBDIR, 0600), 0);
  MDB_txn* txn = nullptr;
  ASSERT_EQ(mdb_txn_begin(env, nullptr, 0, &txn), 0);
  MDB_dbi dbi = 0;
  ASSERT_EQ(mdb_dbi_open(txn, "things", MDB_CREATE, &dbi), 0);
  ASSERT_EQ(mdb_txn_commit(txn), 0);
  mdb_env_close(env);
  expect_error([&] { KeyStore::open(other, id_, master_, true); }, ErrorCode::kCorruption,
               "'" + other.string() + "' is not a Guanxi key store (no 'meta' table)");
}

TEST_F(KeyStoreTest, TwoProcessesSeeEachOthersWrites) {
  const SubjectKey mine = KeyStore::generate(), theirs = KeyStore::generate(),
                   later = KeyStore::generate();
  auto store = open();
  put(*store, 1, mine);
  ASSERT_EQ(store->find(1), mine);  // cached in this process
  // The other process reads this one's key, adds one and erases this one's.
  EXPECT_EQ(in_another_process([&] {
              auto other = KeyStore::open(path(), id_, master_, false);
              if (other->find(1) != mine) return 1;
              put(*other, 2, theirs, 3000);
              other->erase(1, 4000);
              return 0;
            }),
            0);
  EXPECT_EQ(store->find(2), theirs);
  EXPECT_EQ(store->created(2), 3000);
  EXPECT_FALSE(store->find(1).has_value());  // not served from the cache
  EXPECT_EQ(store->erasures(), (std::vector<Erasure>{{1, 4000}}));
  // And the other way round, with the other process's cache warm.
  ASSERT_EQ(store->find(2), theirs);
  put(*store, 3, later);
  EXPECT_EQ(in_another_process([&] {
              auto other = KeyStore::open(path(), id_, master_, false);
              if (other->find(3) != later || other->find(1).has_value()) return 1;
              const std::uint64_t gone[] = {2};
              other->discard(gone);
              return 0;
            }),
            0);
  EXPECT_FALSE(store->find(2).has_value());
  EXPECT_EQ(store->find(3), later);
}

TEST_F(KeyStoreTest, FindFromSeveralThreadsWhileKeysAreErased) {
  constexpr std::uint64_t kKept = 500, kErased = 100;
  std::vector<std::pair<std::uint64_t, SubjectKey>> keys;
  for (std::uint64_t s = 0; s < kKept + kErased; ++s) keys.emplace_back(s, KeyStore::generate());
  open()->put(keys, 1000);
  auto store = open(false);  // a cold cache
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (std::uint64_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round) {
        for (std::uint64_t i = 0; i < keys.size(); ++i) {
          const auto& [subject, key] = keys[(i * 7 + t * 131) % keys.size()];
          const auto found = store->find(subject);
          // An erased subject may be seen before its erasure, never with another key.
          if (subject < kKept ? found != key : found.has_value() && found != key) ++wrong;
        }
        if (store->find(1'000'000).has_value()) ++wrong;
      }
    });
  }
  threads.emplace_back([&] {
    for (std::uint64_t s = kKept; s < kKept + kErased; ++s) {
      store->erase(s, 2000);
      if (store->find(s).has_value()) ++wrong;
    }
  });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
  for (std::uint64_t s = kKept; s < kKept + kErased; ++s) EXPECT_FALSE(store->find(s).has_value());
  EXPECT_EQ(store->erasures().size(), kErased);
}

}  // namespace
}  // namespace guanxi::storage
