#include "storage/adjacency.h"

namespace guanxi::storage {

void AdjacencyStore::insert(WriteTransaction& txn, NodeId src, NodeId dst, TypeId type,
                            RelationshipId relationship) {
  const AdjacencyEntry out_entry = AdjacencyEntry::make(dst, relationship);
  const AdjacencyEntry in_entry = AdjacencyEntry::make(src, relationship);
  txn.put(env_.dbi().out, AdjacencyKey(src, type).view(), out_entry.view());
  txn.put(env_.dbi().in, AdjacencyKey(dst, type).view(), in_entry.view());
}

void AdjacencyStore::erase(WriteTransaction& txn, NodeId src, NodeId dst, TypeId type,
                           RelationshipId relationship) {
  const AdjacencyEntry out_entry = AdjacencyEntry::make(dst, relationship);
  const AdjacencyEntry in_entry = AdjacencyEntry::make(src, relationship);
  const std::string_view ov = out_entry.view(), iv = in_entry.view();
  txn.del(env_.dbi().out, AdjacencyKey(src, type).view(), &ov);
  txn.del(env_.dbi().in, AdjacencyKey(dst, type).view(), &iv);
}

AdjacencyCursor::AdjacencyCursor(const Transaction& txn, Direction direction) {
  const MDB_dbi dbi = direction == Direction::kIn ? txn.env().dbi().in : txn.env().dbi().out;
  if (int rc = mdb_cursor_open(txn.raw(), dbi, &cursor_)) throw_lmdb_error(rc, "adjacency cursor");
}

AdjacencyCursor::~AdjacencyCursor() {
  if (cursor_) mdb_cursor_close(cursor_);
}

std::uint64_t AdjacencyCursor::degree(NodeId node, std::span<const TypeId> types) {
  std::uint64_t total = 0;
  MDB_val k, v;
  size_t count;
  if (!types.empty()) {
    for (TypeId t : types) {
      AdjacencyKey key(node, t);
      k = to_val(key.view());
      int rc = mdb_cursor_get(cursor_, &k, &v, MDB_SET_KEY);
      if (rc == MDB_NOTFOUND) continue;
      if (rc) throw_lmdb_error(rc, "degree");
      mdb_cursor_count(cursor_, &count);
      total += count;
    }
    return total;
  }
  AdjacencyKey start(node, 0);
  k = to_val(start.view());
  int rc = mdb_cursor_get(cursor_, &k, &v, MDB_SET_RANGE);
  while (rc == MDB_SUCCESS && k.mv_size == 12 && AdjacencyKey::node(k.mv_data) == node) {
    mdb_cursor_count(cursor_, &count);
    total += count;
    rc = mdb_cursor_get(cursor_, &k, &v, MDB_NEXT_NODUP);
  }
  if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) throw_lmdb_error(rc, "degree");
  return total;
}

bool AdjacencyCursor::contains(NodeId node, TypeId type, NodeId other,
                               RelationshipId relationship) {
  AdjacencyKey key(node, type);
  AdjacencyEntry entry = AdjacencyEntry::make(other, relationship);
  MDB_val k = to_val(key.view()), v = to_val(entry.view());
  const int rc = mdb_cursor_get(cursor_, &k, &v, MDB_GET_BOTH);
  if (rc == MDB_NOTFOUND) return false;
  if (rc) throw_lmdb_error(rc, "adjacency lookup");
  return true;
}

std::vector<AdjacencyEntry> neighbours(const Transaction& txn, NodeId node, Direction direction,
                                       std::span<const TypeId> types) {
  std::vector<AdjacencyEntry> out;
  auto collect = [&](Direction d) {
    AdjacencyCursor cursor(txn, d);
    cursor.for_each_batch(node, types, [&](TypeId, std::span<const AdjacencyEntry> batch) {
      out.insert(out.end(), batch.begin(), batch.end());
    });
  };
  if (direction != Direction::kIn) collect(Direction::kOut);
  if (direction != Direction::kOut) collect(Direction::kIn);
  return out;
}

std::uint64_t degree(const Transaction& txn, NodeId node, Direction direction,
                     std::span<const TypeId> types) {
  std::uint64_t total = 0;
  if (direction != Direction::kIn)
    total += AdjacencyCursor(txn, Direction::kOut).degree(node, types);
  if (direction != Direction::kOut)
    total += AdjacencyCursor(txn, Direction::kIn).degree(node, types);
  return total;
}

}  // namespace guanxi::storage
