#include "storage/adjacency_upgrade.h"

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
      entries.push_back(AdjacencyEntry::make(get_be64(p + i), get_be64(p + i + 8)));
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

}  // namespace guanxi::storage
