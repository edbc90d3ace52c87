// Adjacency: the `out` and `in` tables, each node's neighbours over each
// relationship type as compact blocks (adjacency_block.h) under keys sorted
// by (node, type, other node) (keys.h).
//
// AdjacencyStore writes them: an insert or erase rewrites the one block it
// touches, copy-on-write inside the caller's LMDB transaction, so crash
// safety is LMDB's. AdjacencyCursor reads them, decoding one block at a time
// into a buffer it owns; degrees come from block headers without decoding.
#pragma once

#include <lmdb.h>

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "storage/adjacency_block.h"
#include "storage/environment.h"
#include "storage/ids.h"
#include "storage/keys.h"

namespace guanxi::storage {

class AdjacencyStore {
 public:
  explicit AdjacencyStore(Environment& env) : env_(env) {}
  // Adds the relationship's entry to the `out` blocks of src and the `in`
  // blocks of dst, with `has_record` (AdjacencyEntry); for entries already
  // there, sets their record bit.
  void insert(WriteTransaction& txn, NodeId src, NodeId dst, TypeId type,
              RelationshipId relationship, bool has_record);
  // Removes both entries; an entry already missing is left missing.
  void erase(WriteTransaction& txn, NodeId src, NodeId dst, TypeId type,
             RelationshipId relationship);
  MDB_dbi dbi(Direction d) const { return d == Direction::kIn ? env_.dbi().in : env_.dbi().out; }

 private:
  Environment& env_;
};

// Merges `entries` (sorted, none present yet) into the blocks of (node, type)
// in `dbi` (out or in), rewriting them filled.
void merge_adjacency_run(WriteTransaction& txn, MDB_dbi dbi, NodeId node, TypeId type,
                         std::span<const AdjacencyEntry> entries);

// Writes the blocks of one (node, type) run (sorted entries) as new keys
// through `put(key, block)`, filled to kAdjacencyBlockBytes: what writers of
// whole runs (import, load, upgrade) share.
template <typename Put>
void write_adjacency_run(NodeId node, TypeId type, std::span<const AdjacencyEntry> entries,
                         Put&& put);

// Iterates the neighbour lists of nodes in one direction (kOut or kIn).
// Reusable across nodes; valid while its transaction lives.
class AdjacencyCursor {
 public:
  AdjacencyCursor(const Transaction& txn, Direction direction);
  ~AdjacencyCursor();
  AdjacencyCursor(const AdjacencyCursor&) = delete;
  AdjacencyCursor& operator=(const AdjacencyCursor&) = delete;

  // Calls f(TypeId type, std::span<const AdjacencyEntry> batch) for each run of
  // entries of `node` whose type is in `types` (all types when empty), in
  // (type, other node, relationship) order. A batch lives in the cursor's
  // buffer and is valid only during the call, which must not use this
  // cursor.
  template <typename F>
  void for_each_batch(NodeId node, std::span<const TypeId> types, F&& f);

  // As for_each_batch, with the other nodes alone: f(TypeId type,
  // std::span<const NodeId> others), one per entry, for readers that need
  // no relationship (half the decoding).
  template <typename F>
  void for_each_others_batch(NodeId node, std::span<const TypeId> types, F&& f);

  // Calls f(const AdjacencyEntry&) for each entry, as above.
  template <typename F>
  void for_each(NodeId node, std::span<const TypeId> types, F&& f) {
    for_each_batch(node, types, [&](TypeId, std::span<const AdjacencyEntry> batch) {
      for (const auto& e : batch) f(e);
    });
  }

  // Calls f(NodeId node, TypeId type, std::span<const AdjacencyEntry> block)
  // for every block of the nodes in [first, end) for which
  // wanted(node, type) holds, in key order: one pass over the table for
  // readers of many nodes (projection, checks). Unwanted blocks are not
  // decoded.
  template <typename Wanted, typename F>
  void for_each_block(NodeId first, NodeId end, Wanted&& wanted, F&& f);
  template <typename F>
  void for_each_block(NodeId first, NodeId end, F&& f) {
    for_each_block(
        first, end, [](NodeId, TypeId) { return true; }, f);
  }
  // As for_each_block, with the other nodes alone: f(NodeId node, TypeId
  // type, std::span<const NodeId> others).
  template <typename Wanted, typename F>
  void for_each_others_block(NodeId first, NodeId end, Wanted&& wanted, F&& f);

  // Number of entries of `node` over `types` (all when empty).
  std::uint64_t degree(NodeId node, std::span<const TypeId> types = {});

  // The entry (node, type) -> (other, relationship), when present.
  std::optional<AdjacencyEntry> find(NodeId node, TypeId type, NodeId other,
                                     RelationshipId relationship);
  bool contains(NodeId node, TypeId type, NodeId other, RelationshipId relationship) {
    return find(node, type, other, relationship).has_value();
  }

  // The relationship ids of (node, type)'s entries to `other`, ascending.
  std::vector<RelationshipId> relationships_to(NodeId node, TypeId type, NodeId other);

  MDB_cursor* raw() const { return cursor_; }

 private:
  std::span<const AdjacencyEntry> decode(const MDB_val& block);
  std::span<const NodeId> decode_others(const MDB_val& block);
  // The blocks of `node` over `types` (all when empty), each passed to
  // f(type, block value) undecoded.
  template <typename F>
  void for_each_raw_batch(NodeId node, std::span<const TypeId> types, F&& f);
  // The wanted blocks of the nodes in [first, end), undecoded, as
  // f(node, type, block value).
  template <typename Wanted, typename F>
  void for_each_raw_block(NodeId first, NodeId end, Wanted& wanted, F&& f);
  // The entries of (node, type) to `other`, decoded into the buffer.
  std::span<const AdjacencyEntry> locate(NodeId node, TypeId type, NodeId other);
  // Calls f(type, block) for the blocks of (node, type) from the cursor's
  // position, which the caller set with MDB_SET_RANGE (rc its result), while
  // the key is node's (and type's, unless `any_type`); the block undecoded.
  template <typename F>
  void read_blocks(int rc, MDB_val& k, MDB_val& v, NodeId node, TypeId type, bool any_type, F& f);

  MDB_cursor* cursor_ = nullptr;
  std::vector<AdjacencyEntry> buffer_;
  std::vector<NodeId> others_;
};

// The neighbours of `node` in `direction` (kBoth = out then in) over `types`.
std::vector<AdjacencyEntry> neighbours(const Transaction& txn, NodeId node, Direction direction,
                                       std::span<const TypeId> types = {});
std::uint64_t degree(const Transaction& txn, NodeId node, Direction direction,
                     std::span<const TypeId> types = {});

// Throws StorageError(kCorruption) for an adjacency key of the wrong size.
void check_adjacency_key(const MDB_val& k);

template <typename Put>
void write_adjacency_run(NodeId node, TypeId type, std::span<const AdjacencyEntry> entries,
                         Put&& put) {
  const std::vector<std::size_t> cuts = fill_block_cuts(entries);
  std::string block;
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= cuts.size(); ++i) {
    const std::size_t end = i < cuts.size() ? cuts[i] : entries.size();
    block.clear();
    encode_adjacency_block(entries.subspan(begin, end - begin), block);
    if (begin == 0) {
      put(AdjacencyKey(node, type), block);
    } else {
      put(AdjacencyKey(node, type, entries[begin].other()), block);
    }
    begin = end;
  }
}

template <typename F>
void AdjacencyCursor::read_blocks(int rc, MDB_val& k, MDB_val& v, NodeId node, TypeId type,
                                  bool any_type, F& f) {
  while (rc == MDB_SUCCESS) {
    check_adjacency_key(k);
    if (AdjacencyKey::node(k.mv_data) != node) return;
    const TypeId t = AdjacencyKey::type(k.mv_data);
    if (!any_type && t != type) return;
    f(t, v);
    rc = mdb_cursor_get(cursor_, &k, &v, MDB_NEXT);
  }
  if (rc != MDB_NOTFOUND) throw_lmdb_error(rc, "reading neighbours");
}

template <typename F>
void AdjacencyCursor::for_each_raw_batch(NodeId node, std::span<const TypeId> types, F&& f) {
  MDB_val k, v;
  if (!types.empty()) {
    for (TypeId t : types) {
      AdjacencyKey key(node, t);
      k = to_val(key.view());
      const int rc = mdb_cursor_get(cursor_, &k, &v, MDB_SET_RANGE);
      read_blocks(rc, k, v, node, t, false, f);
    }
    return;
  }
  AdjacencyKey start(node, 0);
  k = to_val(start.view());
  const int rc = mdb_cursor_get(cursor_, &k, &v, MDB_SET_RANGE);
  read_blocks(rc, k, v, node, 0, true, f);
}

template <typename F>
void AdjacencyCursor::for_each_batch(NodeId node, std::span<const TypeId> types, F&& f) {
  for_each_raw_batch(node, types, [&](TypeId t, const MDB_val& block) { f(t, decode(block)); });
}

template <typename F>
void AdjacencyCursor::for_each_others_batch(NodeId node, std::span<const TypeId> types, F&& f) {
  for_each_raw_batch(node, types,
                     [&](TypeId t, const MDB_val& block) { f(t, decode_others(block)); });
}

template <typename Wanted, typename F>
void AdjacencyCursor::for_each_raw_block(NodeId first, NodeId end, Wanted& wanted, F&& f) {
  AdjacencyKey start(first, 0);
  MDB_val k = to_val(start.view()), v;
  int rc = mdb_cursor_get(cursor_, &k, &v, MDB_SET_RANGE);
  while (rc == MDB_SUCCESS) {
    check_adjacency_key(k);
    const NodeId node = AdjacencyKey::node(k.mv_data);
    if (node >= end) return;
    const TypeId type = AdjacencyKey::type(k.mv_data);
    if (wanted(node, type)) f(node, type, v);
    rc = mdb_cursor_get(cursor_, &k, &v, MDB_NEXT);
  }
  if (rc != MDB_NOTFOUND) throw_lmdb_error(rc, "reading neighbours");
}

template <typename Wanted, typename F>
void AdjacencyCursor::for_each_block(NodeId first, NodeId end, Wanted&& wanted, F&& f) {
  for_each_raw_block(first, end, wanted, [&](NodeId node, TypeId type, const MDB_val& block) {
    f(node, type, decode(block));
  });
}

template <typename Wanted, typename F>
void AdjacencyCursor::for_each_others_block(NodeId first, NodeId end, Wanted&& wanted, F&& f) {
  for_each_raw_block(first, end, wanted, [&](NodeId node, TypeId type, const MDB_val& block) {
    f(node, type, decode_others(block));
  });
}

}  // namespace guanxi::storage
