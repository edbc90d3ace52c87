#include "storage/adjacency_upgrade.h"

#include <roaring/roaring64map.hh>
#include <string>
#include <utility>
#include <vector>

#include "storage/adjacency.h"
#include "storage/cursor.h"

namespace guanxi::storage {

namespace {

struct LegacyRun {
  NodeId node;
  TypeId type;
  std::size_t begin;
};

// Reads a format-7 adjacency table: 12-byte (node, type) keys, each with
// sorted 16-byte big-endian (other, relationship) duplicates.
void read_legacy(const Transaction& txn, MDB_dbi dbi, std::vector<LegacyRun>& runs,
                 std::vector<AdjacencyEntry>& entries) {
  Cursor cursor(txn, dbi);
  MDB_cursor* cur = cursor.raw();
  MDB_val k, v;
  int rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST);
  auto add = [&](const MDB_val& page) {
    if (page.mv_size % 16 != 0)
      throw StorageError(ErrorCode::kCorruption, "adjacency entry of odd size");
    const char* p = static_cast<const char*>(page.mv_data);
    for (std::size_t i = 0; i < page.mv_size; i += 16)
      entries.push_back(AdjacencyEntry{get_be64(p + i), get_be64(p + i + 8)});  // format 8: plain
  };
  while (rc == MDB_SUCCESS) {
    if (k.mv_size != AdjacencyKey::kFirstSize)
      throw StorageError(ErrorCode::kCorruption, "adjacency key of odd size");
    runs.push_back({AdjacencyKey::node(k.mv_data), AdjacencyKey::type(k.mv_data), entries.size()});
    std::size_t count = 0;
    if (int crc = mdb_cursor_count(cur, &count)) throw_lmdb_error(crc, "counting neighbours");
    if (count == 1) {
      add(v);  // no duplicate sub-tree to read pages from
    } else {
      rc = mdb_cursor_get(cur, &k, &v, MDB_GET_MULTIPLE);
      while (rc == MDB_SUCCESS) {
        add(v);
        rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT_MULTIPLE);
      }
      if (rc != MDB_NOTFOUND) throw_lmdb_error(rc, "reading neighbours");
    }
    rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT_NODUP);
  }
  if (rc != MDB_NOTFOUND) throw_lmdb_error(rc, "reading neighbours");
}

}  // namespace

void convert_to_block_adjacency(Graph& graph, WriteTransaction& txn) {
  for (const Direction direction : {Direction::kOut, Direction::kIn}) {
    std::vector<LegacyRun> runs;
    std::vector<AdjacencyEntry> entries;
    read_legacy(txn, graph.adjacency().dbi(direction), runs, entries);
    graph.env().recreate_adjacency_table(txn, direction);
    const MDB_dbi table = graph.adjacency().dbi(direction);
    for (std::size_t r = 0; r < runs.size(); ++r) {
      const std::size_t end = r + 1 < runs.size() ? runs[r + 1].begin : entries.size();
      const std::span<const AdjacencyEntry> run(entries.data() + runs[r].begin,
                                                end - runs[r].begin);
      write_adjacency_run(runs[r].node, runs[r].type, run,
                          [&](const AdjacencyKey& key, const std::string& block) {
                            txn.put(table, key.view(), block, MDB_APPEND);
                          });
    }
  }
}

void move_relationships_into_adjacency(Graph& graph, WriteTransaction& txn) {
  Roaring64Map with_record;
  {
    Cursor cursor(txn, graph.env().dbi().relationships);
    MDB_val k, v;
    for (bool more = cursor.get(k, v, MDB_FIRST); more; more = cursor.get(k, v, MDB_NEXT)) {
      if (k.mv_size != 8) throw StorageError(ErrorCode::kCorruption, "record key of odd size");
      const RelationshipId id = get_be64(k.mv_data);
      if (!decode_relationship(from_val(v), id).properties.empty()) {
        with_record.add(id);
        continue;
      }
      // After a delete LMDB's MDB_NEXT yields the record that took its place.
      if (int rc = mdb_cursor_del(cursor.raw(), 0)) throw_lmdb_error(rc, "deleting a record");
    }
  }
  // Each block keeps its key and its entries; only their relationship words
  // change (AdjacencyEntry), so a block grows by a bit an entry at most. They
  // are rewritten a batch at a time: a put under a cursor that walks the
  // same table would move it.
  constexpr std::size_t kBatch = 1024;
  std::vector<AdjacencyEntry> entries;
  std::vector<std::pair<std::string, std::string>> batch;
  for (const Direction direction : {Direction::kOut, Direction::kIn}) {
    const MDB_dbi dbi = graph.adjacency().dbi(direction);
    std::string after;  // the last key rewritten; empty before the first
    for (bool more = true; more;) {
      batch.clear();
      {
        Cursor cursor(txn, dbi);
        MDB_val k, v;
        more = after.empty() ? cursor.get(k, v, MDB_FIRST) : cursor.seek(after, k, v);
        if (more && !after.empty() && from_val(k) == after) more = cursor.get(k, v, MDB_NEXT);
        for (; more && batch.size() < kBatch; more = cursor.get(k, v, MDB_NEXT)) {
          entries.clear();
          decode_adjacency_block(from_val(v), entries);
          for (AdjacencyEntry& e : entries) {
            const RelationshipId id = e.relationship_word;  // format 8: the plain id
            e = AdjacencyEntry::make(e.other(), id, with_record.contains(id));
          }
          batch.emplace_back(std::string(from_val(k)), std::string());
          encode_adjacency_block(entries, batch.back().second);
        }
      }
      for (const auto& [key, block] : batch) txn.put(dbi, key, block);
      if (!batch.empty()) after = batch.back().first;
    }
  }
}

}  // namespace guanxi::storage
