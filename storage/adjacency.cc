#include "storage/adjacency.h"

#include <algorithm>
#include <cstring>

namespace guanxi::storage {

void check_adjacency_key(const MDB_val& k) {
  if (!AdjacencyKey::valid_size(k.mv_size)) {
    throw StorageError(ErrorCode::kCorruption,
                       "adjacency key of " + std::to_string(k.mv_size) + " bytes");
  }
}

namespace {

// Positions `cursor` on the block of (node, type) that holds `other` or
// would: the last whose key is at or before (node, type, other). False when
// (node, type) has no block.
bool seek_block(MDB_cursor* cursor, NodeId node, TypeId type, NodeId other, MDB_val& k,
                MDB_val& v) {
  const AdjacencyKey probe(node, type, other);
  k = to_val(probe.view());
  int rc = mdb_cursor_get(cursor, &k, &v, MDB_SET_RANGE);
  if (rc == MDB_SUCCESS &&
      !(k.mv_size == probe.size && std::memcmp(k.mv_data, probe.bytes.data(), probe.size) == 0)) {
    rc = mdb_cursor_get(cursor, &k, &v, MDB_PREV);
  } else if (rc == MDB_NOTFOUND) {
    rc = mdb_cursor_get(cursor, &k, &v, MDB_LAST);
  }
  if (rc == MDB_NOTFOUND) return false;
  if (rc) throw_lmdb_error(rc, "finding an adjacency block");
  check_adjacency_key(k);
  return AdjacencyKey::node(k.mv_data) == node && AdjacencyKey::type(k.mv_data) == type;
}

// The entry with its record bit clear: the first an entry of the same
// relationship can be, whatever its bit.
AdjacencyEntry without_record(const AdjacencyEntry& e) {
  return AdjacencyEntry::make(e.other(), e.relationship(), false);
}

bool same_relationship(const AdjacencyEntry& a, const AdjacencyEntry& b) {
  return a.other() == b.other() && a.relationship() == b.relationship();
}

// A write cursor on one adjacency table, for the duration of one change.
class BlockEditor {
 public:
  BlockEditor(WriteTransaction& txn, MDB_dbi dbi) : txn_(txn), dbi_(dbi) {
    txn.check(mdb_cursor_open(txn.raw(), dbi, &cursor_), "opening an adjacency cursor");
  }
  ~BlockEditor() { mdb_cursor_close(cursor_); }
  BlockEditor(const BlockEditor&) = delete;
  BlockEditor& operator=(const BlockEditor&) = delete;

  // Finds the block of (node, type) that holds `other` or would: the last
  // whose key is at or before (node, type, other). Copies its key and
  // entries; false when (node, type) has no block.
  bool find(NodeId node, TypeId type, NodeId other) {
    MDB_val k, v;
    if (!seek_block(cursor_, node, type, other, k, v)) return false;
    key_.assign(static_cast<const char*>(k.mv_data), k.mv_size);
    entries_.clear();
    decode_adjacency_block(from_val(v), entries_);
    return true;
  }

  // The key and entries find() copied; the entries may be edited and put back.
  const std::string& key() const { return key_; }
  std::vector<AdjacencyEntry>& entries() { return entries_; }

  // Stores entries() under key(), in halves while a block is overfull.
  void put_back(NodeId node, TypeId type) {
    put(key_, node, type, std::span<const AdjacencyEntry>(entries_));
  }

  // Stores `entries` as the first block of (node, type).
  void put_first(NodeId node, TypeId type, std::span<const AdjacencyEntry> entries) {
    put(std::string(AdjacencyKey(node, type).view()), node, type, entries);
  }

  // Deletes the block under key(); when it was the first of (node, type),
  // the next (if any) moves under the first key, which must always exist
  // while any block does.
  void remove(NodeId node, TypeId type) {
    txn_.del(dbi_, key_);
    if (key_.size() != AdjacencyKey::kFirstSize) return;
    const AdjacencyKey later(node, type, 0);
    MDB_val k = to_val(later.view()), v;
    const int rc = mdb_cursor_get(cursor_, &k, &v, MDB_SET_RANGE);
    if (rc == MDB_NOTFOUND) return;
    txn_.check(rc, "finding an adjacency block");
    check_adjacency_key(k);
    if (AdjacencyKey::node(k.mv_data) != node || AdjacencyKey::type(k.mv_data) != type) return;
    const std::string moved_key(static_cast<const char*>(k.mv_data), k.mv_size);
    const std::string moved(from_val(v));
    txn_.del(dbi_, moved_key);
    txn_.put(dbi_, key_, moved);
  }

  // Deletes every block of (node, type), appending their entries to `out`.
  void take_all(NodeId node, TypeId type, std::vector<AdjacencyEntry>& out) {
    const AdjacencyKey first(node, type);
    MDB_val k = to_val(first.view()), v;
    std::vector<std::string> keys;
    int rc = mdb_cursor_get(cursor_, &k, &v, MDB_SET_RANGE);
    while (rc == MDB_SUCCESS) {
      check_adjacency_key(k);
      if (AdjacencyKey::node(k.mv_data) != node || AdjacencyKey::type(k.mv_data) != type) break;
      decode_adjacency_block(from_val(v), out);
      keys.emplace_back(static_cast<const char*>(k.mv_data), k.mv_size);
      rc = mdb_cursor_get(cursor_, &k, &v, MDB_NEXT);
    }
    if (rc != MDB_NOTFOUND && rc != MDB_SUCCESS) txn_.check(rc, "reading adjacency blocks");
    for (const std::string& key : keys) txn_.del(dbi_, key);
  }

 private:
  void put(const std::string& key, NodeId node, TypeId type,
           std::span<const AdjacencyEntry> entries) {
    block_.clear();
    encode_adjacency_block(entries, block_);
    const std::size_t cut =
        block_.size() > kAdjacencyBlockBytes ? half_block_cut(entries) : std::size_t{0};
    if (cut == 0) {
      txn_.put(dbi_, key, block_);
      return;
    }
    put(key, node, type, entries.first(cut));
    put(std::string(AdjacencyKey(node, type, entries[cut].other()).view()), node, type,
        entries.subspan(cut));
  }

  WriteTransaction& txn_;
  MDB_dbi dbi_;
  MDB_cursor* cursor_ = nullptr;
  std::string key_, block_;
  std::vector<AdjacencyEntry> entries_;
};

void insert_entry(WriteTransaction& txn, MDB_dbi dbi, NodeId node, TypeId type,
                  AdjacencyEntry entry) {
  BlockEditor editor(txn, dbi);
  if (!editor.find(node, type, entry.other())) {
    editor.put_first(node, type, std::span<const AdjacencyEntry>(&entry, 1));
    return;
  }
  std::vector<AdjacencyEntry>& entries = editor.entries();
  const auto at = std::lower_bound(entries.begin(), entries.end(), without_record(entry));
  if (at != entries.end() && same_relationship(*at, entry)) {
    if (*at == entry) return;
    *at = entry;  // its record bit changes
  } else {
    entries.insert(at, entry);
  }
  editor.put_back(node, type);
}

void erase_entry(WriteTransaction& txn, MDB_dbi dbi, NodeId node, TypeId type,
                 AdjacencyEntry entry) {
  BlockEditor editor(txn, dbi);
  if (!editor.find(node, type, entry.other())) return;
  std::vector<AdjacencyEntry>& entries = editor.entries();
  const auto at = std::lower_bound(entries.begin(), entries.end(), without_record(entry));
  if (at == entries.end() || !same_relationship(*at, entry)) return;
  entries.erase(at);
  if (entries.empty()) {
    editor.remove(node, type);
  } else {
    editor.put_back(node, type);
  }
}

}  // namespace

void AdjacencyStore::insert(WriteTransaction& txn, NodeId src, NodeId dst, TypeId type,
                            RelationshipId relationship, bool has_record) {
  insert_entry(txn, env_.dbi().out, src, type, AdjacencyEntry::make(dst, relationship, has_record));
  insert_entry(txn, env_.dbi().in, dst, type, AdjacencyEntry::make(src, relationship, has_record));
}

void AdjacencyStore::erase(WriteTransaction& txn, NodeId src, NodeId dst, TypeId type,
                           RelationshipId relationship) {
  erase_entry(txn, env_.dbi().out, src, type, AdjacencyEntry::make(dst, relationship, false));
  erase_entry(txn, env_.dbi().in, dst, type, AdjacencyEntry::make(src, relationship, false));
}

void merge_adjacency_run(WriteTransaction& txn, MDB_dbi dbi, NodeId node, TypeId type,
                         std::span<const AdjacencyEntry> entries) {
  std::vector<AdjacencyEntry> merged;
  {
    BlockEditor editor(txn, dbi);
    editor.take_all(node, type, merged);
  }
  const auto stored = static_cast<std::ptrdiff_t>(merged.size());
  merged.insert(merged.end(), entries.begin(), entries.end());
  std::inplace_merge(merged.begin(), merged.begin() + stored, merged.end());
  merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
  write_adjacency_run(node, type, merged, [&](const AdjacencyKey& key, const std::string& block) {
    txn.put(dbi, key.view(), block);
  });
}

AdjacencyCursor::AdjacencyCursor(const Transaction& txn, Direction direction) {
  const MDB_dbi dbi = direction == Direction::kIn ? txn.env().dbi().in : txn.env().dbi().out;
  if (int rc = mdb_cursor_open(txn.raw(), dbi, &cursor_)) throw_lmdb_error(rc, "adjacency cursor");
}

AdjacencyCursor::~AdjacencyCursor() {
  if (cursor_) mdb_cursor_close(cursor_);
}

std::span<const AdjacencyEntry> AdjacencyCursor::decode(const MDB_val& block) {
  return decode_adjacency_block_into(from_val(block), buffer_);
}

std::span<const NodeId> AdjacencyCursor::decode_others(const MDB_val& block) {
  return decode_adjacency_others_into(from_val(block), others_);
}

std::uint64_t AdjacencyCursor::degree(NodeId node, std::span<const TypeId> types) {
  std::uint64_t total = 0;
  auto count = [&](TypeId first_type, bool any_type) {
    const AdjacencyKey start(node, first_type);
    MDB_val k = to_val(start.view()), v;
    int rc = mdb_cursor_get(cursor_, &k, &v, MDB_SET_RANGE);
    while (rc == MDB_SUCCESS) {
      check_adjacency_key(k);
      if (AdjacencyKey::node(k.mv_data) != node) return;
      if (!any_type && AdjacencyKey::type(k.mv_data) != first_type) return;
      total += adjacency_block_count(from_val(v));
      rc = mdb_cursor_get(cursor_, &k, &v, MDB_NEXT);
    }
    if (rc != MDB_NOTFOUND) throw_lmdb_error(rc, "degree");
  };
  if (types.empty()) {
    count(0, true);
  } else {
    for (TypeId t : types) count(t, false);
  }
  return total;
}

std::span<const AdjacencyEntry> AdjacencyCursor::locate(NodeId node, TypeId type, NodeId other) {
  MDB_val k, v;
  if (!seek_block(cursor_, node, type, other, k, v)) return {};
  const std::span<const AdjacencyEntry> block = decode(v);
  const auto from =
      std::lower_bound(block.begin(), block.end(), AdjacencyEntry::make(other, 0, false));
  auto to = from;
  while (to != block.end() && to->other() == other) ++to;
  return block.subspan(static_cast<std::size_t>(from - block.begin()),
                       static_cast<std::size_t>(to - from));
}

std::vector<RelationshipId> AdjacencyCursor::relationships_to(NodeId node, TypeId type,
                                                              NodeId other) {
  std::vector<RelationshipId> found;
  for (const AdjacencyEntry& e : locate(node, type, other)) found.push_back(e.relationship());
  return found;
}

std::optional<AdjacencyEntry> AdjacencyCursor::find(NodeId node, TypeId type, NodeId other,
                                                    RelationshipId relationship) {
  const std::span<const AdjacencyEntry> to = locate(node, type, other);
  const auto at =
      std::lower_bound(to.begin(), to.end(), AdjacencyEntry::make(other, relationship, false));
  if (at == to.end() || at->relationship() != relationship) return std::nullopt;
  return *at;
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
