// RawLmdbBaseline: the plain-LMDB yardstick of the storage benchmarks.
//
// One DUPSORT|DUPFIXED sub-database laid out as close to Guanxi's `out` table
// as a bare table can be: key = src (u64 big-endian, 8 bytes; ours adds a
// 4-byte type id), duplicate value = (dst u64 BE, relationship id u64 BE), 16 bytes.
// It is written in one transaction with MDB_APPENDDUP from pairs sorted in
// key order, and read with MDB_GET_MULTIPLE. The environment uses the flags
// Guanxi's does with EnvironmentOptions{.durable = false}: MDB_NOTLS |
// MDB_NORDAHEAD | MDB_NOSYNC, and the same map size, so the comparison is
// of the work done, not of durability settings.
#pragma once

#include <lmdb.h>

#include <cstdint>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/bytes.h"

namespace guanxi::bench {

// One relationship as the raw table stores it; sorted by (src, dst, relationship), which is the
// order of the big-endian key and duplicate bytes.
struct RawPair {
  std::uint64_t src = 0;
  std::uint64_t dst = 0;
  std::uint64_t relationship = 0;
  // clang-tidy 14 reads the defaulted <=> as a comparison with literal 0.
  // NOLINTBEGIN(modernize-use-nullptr)
  friend auto operator<=>(const RawPair&, const RawPair&) = default;
  // NOLINTEND(modernize-use-nullptr)
};

inline void raw_check(int rc, const char* what) {
  if (rc != MDB_SUCCESS)
    throw std::runtime_error(std::string("raw LMDB: ") + what + ": " + mdb_strerror(rc));
}

class RawLmdbBaseline {
 public:
  // Creates or opens the environment in `dir` (which must exist).
  RawLmdbBaseline(const std::filesystem::path& dir, std::size_t map_size) {
    raw_check(mdb_env_create(&env_), "env create");
    mdb_env_set_maxdbs(env_, 2);
    raw_check(mdb_env_set_mapsize(env_, map_size), "set map size");
    const int rc = mdb_env_open(env_, dir.c_str(), MDB_NOTLS | MDB_NORDAHEAD | MDB_NOSYNC, 0644);
    if (rc != MDB_SUCCESS) {
      mdb_env_close(env_);
      raw_check(rc, "env open");
    }
    MDB_txn* txn;
    raw_check(mdb_txn_begin(env_, nullptr, 0, &txn), "txn begin");
    raw_check(mdb_dbi_open(txn, "adjacency", MDB_CREATE | MDB_DUPSORT | MDB_DUPFIXED, &dbi_),
              "dbi open");
    raw_check(mdb_txn_commit(txn), "commit");
  }
  ~RawLmdbBaseline() { mdb_env_close(env_); }
  RawLmdbBaseline(const RawLmdbBaseline&) = delete;
  RawLmdbBaseline& operator=(const RawLmdbBaseline&) = delete;

  MDB_env* env() const { return env_; }
  MDB_dbi dbi() const { return dbi_; }

  // Loads `pairs` (sorted) in one write transaction with MDB_APPENDDUP.
  void load(std::span<const RawPair> pairs) {
    MDB_txn* txn;
    raw_check(mdb_txn_begin(env_, nullptr, 0, &txn), "txn begin");
    MDB_cursor* cur;
    raw_check(mdb_cursor_open(txn, dbi_, &cur), "cursor open");
    char key[8];
    char value[16];
    for (const RawPair& p : pairs) {
      storage::put_be64(key, p.src);
      storage::put_be64(value, p.dst);
      storage::put_be64(value + 8, p.relationship);
      MDB_val k{sizeof key, key}, v{sizeof value, value};
      const int rc = mdb_cursor_put(cur, &k, &v, MDB_APPENDDUP);
      if (rc != MDB_SUCCESS) {
        mdb_txn_abort(txn);
        raw_check(rc, "append");
      }
    }
    mdb_cursor_close(cur);
    raw_check(mdb_txn_commit(txn), "commit");
  }

  // Bytes of the data file in use, as Environment::used_bytes() counts them.
  std::uint64_t used_bytes() const {
    MDB_envinfo info;
    mdb_env_info(env_, &info);
    MDB_stat st;
    mdb_env_stat(env_, &st);
    return (static_cast<std::uint64_t>(info.me_last_pgno) + 1) * st.ms_psize;
  }

 private:
  MDB_env* env_ = nullptr;
  MDB_dbi dbi_ = 0;
};

// A read-only snapshot with one cursor over the raw table.
class RawReader {
 public:
  explicit RawReader(const RawLmdbBaseline& db) : dbi_(db.dbi()) {
    raw_check(mdb_txn_begin(db.env(), nullptr, MDB_RDONLY, &txn_), "read txn");
    raw_check(mdb_cursor_open(txn_, dbi_, &cur_), "cursor open");
  }
  ~RawReader() {
    mdb_cursor_close(cur_);
    mdb_txn_abort(txn_);
  }
  RawReader(const RawReader&) = delete;
  RawReader& operator=(const RawReader&) = delete;

  // Calls f(const char* entries, std::size_t count) for each page-sized run
  // of `src`'s 16-byte duplicates. A key holding a single duplicate is stored
  // without a sub-page, and MDB_GET_MULTIPLE then returns success without
  // touching `v`: the value from the positioning call is that one duplicate.
  template <typename F>
  void for_each_batch(std::uint64_t src, F&& f) {
    char key[8];
    storage::put_be64(key, src);
    MDB_val k{sizeof key, key}, v{0, nullptr};
    int rc = mdb_cursor_get(cur_, &k, &v, MDB_SET_KEY);
    if (rc == MDB_NOTFOUND) return;
    raw_check(rc, "set key");
    read_dups(k, v, f);
  }

  // Calls f(src, const char* entries, std::size_t count) for every batch of
  // every key, walking the table in order (no seeks).
  template <typename F>
  void scan(F&& f) {
    MDB_val k, v;
    int rc = mdb_cursor_get(cur_, &k, &v, MDB_FIRST);
    while (rc == MDB_SUCCESS) {
      const std::uint64_t src = storage::get_be64(k.mv_data);
      read_dups(k, v, [&](const char* entries, std::size_t count) { f(src, entries, count); });
      rc = mdb_cursor_get(cur_, &k, &v, MDB_NEXT_NODUP);
    }
    if (rc != MDB_NOTFOUND) raw_check(rc, "scan");
  }

  // mdb_get of `src`'s first duplicate; false when absent.
  bool get(std::uint64_t src, MDB_val* value) {
    char key[8];
    storage::put_be64(key, src);
    MDB_val k{sizeof key, key};
    const int rc = mdb_get(txn_, dbi_, &k, value);
    if (rc == MDB_NOTFOUND) return false;
    raw_check(rc, "get");
    return true;
  }

 private:
  template <typename F>
  void read_dups(MDB_val& k, MDB_val& v, F&& f) {
    int rc = mdb_cursor_get(cur_, &k, &v, MDB_GET_MULTIPLE);
    while (rc == MDB_SUCCESS) {
      f(static_cast<const char*>(v.mv_data), v.mv_size / 16);
      rc = mdb_cursor_get(cur_, &k, &v, MDB_NEXT_MULTIPLE);
    }
    if (rc != MDB_NOTFOUND) raw_check(rc, "next multiple");
  }

  MDB_dbi dbi_;
  MDB_txn* txn_ = nullptr;
  MDB_cursor* cur_ = nullptr;
};

}  // namespace guanxi::bench
