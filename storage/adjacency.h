// Adjacency: the `out` and `in` tables, (node, type) -> (other node, relationship id)
// as 16-byte fixed-size duplicates.
//
// AdjacencyCursor reads neighbour lists straight from the memory map a page at
// a time (MDB_GET_MULTIPLE): no copy, no decoding. Degrees come from
// mdb_cursor_count without touching the entries.
#pragma once

#include <lmdb.h>

#include <span>
#include <vector>

#include "storage/environment.h"
#include "storage/ids.h"
#include "storage/keys.h"

namespace guanxi::storage {

class AdjacencyStore {
 public:
  explicit AdjacencyStore(Environment& env) : env_(env) {}
  void insert(WriteTransaction& txn, NodeId src, NodeId dst, TypeId type,
              RelationshipId relationship);
  void erase(WriteTransaction& txn, NodeId src, NodeId dst, TypeId type,
             RelationshipId relationship);
  MDB_dbi dbi(Direction d) const { return d == Direction::kIn ? env_.dbi().in : env_.dbi().out; }

 private:
  Environment& env_;
};

// Iterates the neighbour lists of nodes in one direction (kOut or kIn).
// Reusable across nodes; valid while its transaction lives.
class AdjacencyCursor {
 public:
  AdjacencyCursor(const Transaction& txn, Direction direction);
  ~AdjacencyCursor();
  AdjacencyCursor(const AdjacencyCursor&) = delete;
  AdjacencyCursor& operator=(const AdjacencyCursor&) = delete;

  // Calls f(TypeId type, std::span<const AdjacencyEntry> batch) for each run of
  // entries of `node` whose type is in `types` (all types when empty). Batches
  // point into the map and are valid only during the call.
  template <typename F>
  void for_each_batch(NodeId node, std::span<const TypeId> types, F&& f);

  // Calls f(const AdjacencyEntry&) for each entry, as above.
  template <typename F>
  void for_each(NodeId node, std::span<const TypeId> types, F&& f) {
    for_each_batch(node, types, [&](TypeId, std::span<const AdjacencyEntry> batch) {
      for (const auto& e : batch) f(e);
    });
  }

  // Number of entries of `node` over `types` (all when empty).
  std::uint64_t degree(NodeId node, std::span<const TypeId> types = {});

  // Whether (node, type) -> (other, relationship) is present.
  bool contains(NodeId node, TypeId type, NodeId other, RelationshipId relationship);

  MDB_cursor* raw() const { return cursor_; }

 private:
  // Reads every entry of the key the cursor is on; `first` is the entry the
  // positioning call returned (GET_MULTIPLE leaves the data untouched when a
  // key has a single entry, which LMDB then stores without a sub-page).
  template <typename F>
  void read_key(F& f, TypeId type, MDB_val first);
  MDB_cursor* cursor_ = nullptr;
};

// The neighbours of `node` in `direction` (kBoth = out then in) over `types`.
std::vector<AdjacencyEntry> neighbours(const Transaction& txn, NodeId node, Direction direction,
                                       std::span<const TypeId> types = {});
std::uint64_t degree(const Transaction& txn, NodeId node, Direction direction,
                     std::span<const TypeId> types = {});

template <typename F>
void AdjacencyCursor::read_key(F& f, TypeId type, MDB_val first) {
  MDB_val k, v = first;
  int rc = mdb_cursor_get(cursor_, &k, &v, MDB_GET_MULTIPLE);
  while (rc == MDB_SUCCESS) {
    if (v.mv_size % sizeof(AdjacencyEntry) != 0) {
      throw StorageError(ErrorCode::kCorruption, "adjacency page of odd size");
    }
    f(type, std::span<const AdjacencyEntry>(static_cast<const AdjacencyEntry*>(v.mv_data),
                                            v.mv_size / sizeof(AdjacencyEntry)));
    rc = mdb_cursor_get(cursor_, &k, &v, MDB_NEXT_MULTIPLE);
  }
  if (rc != MDB_NOTFOUND) throw_lmdb_error(rc, "reading neighbours");
}

template <typename F>
void AdjacencyCursor::for_each_batch(NodeId node, std::span<const TypeId> types, F&& f) {
  MDB_val k, v;
  if (!types.empty()) {
    for (TypeId t : types) {
      AdjacencyKey key(node, t);
      k = to_val(key.view());
      int rc = mdb_cursor_get(cursor_, &k, &v, MDB_SET_KEY);
      if (rc == MDB_NOTFOUND) continue;
      if (rc) throw_lmdb_error(rc, "reading neighbours");
      read_key(f, t, v);
    }
    return;
  }
  AdjacencyKey start(node, 0);
  k = to_val(start.view());
  int rc = mdb_cursor_get(cursor_, &k, &v, MDB_SET_RANGE);
  while (rc == MDB_SUCCESS) {
    if (k.mv_size != 12 || AdjacencyKey::node(k.mv_data) != node) return;
    read_key(f, AdjacencyKey::type(k.mv_data), v);
    rc = mdb_cursor_get(cursor_, &k, &v, MDB_NEXT_NODUP);
  }
  if (rc != MDB_NOTFOUND) throw_lmdb_error(rc, "reading neighbours");
}

}  // namespace guanxi::storage
