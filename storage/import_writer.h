// The write side of bulk import: raw LMDB cursors that append records and
// adjacency entries in key order.
//
// MDB_APPEND / MDB_APPENDDUP only work while each key is past the table's last
// key, so every writer compares against the last key the table had when it was
// opened: below it (ties to nodes of an earlier import) it falls back to plain
// puts, past it it appends. Fresh node and tie ids always lie past the end
// because ids are never reused.
#pragma once

#include <lmdb.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/environment.h"
#include "storage/import_rows.h"
#include "storage/keys.h"

namespace guanxi::storage {

// A write cursor on one table that appends when it can.
class AppendCursor {
 public:
  AppendCursor(WriteTransaction& txn, MDB_dbi dbi);
  ~AppendCursor();
  AppendCursor(const AppendCursor&) = delete;
  AppendCursor& operator=(const AppendCursor&) = delete;

  // Stores (key, value); keys must come in increasing order.
  void put(std::string_view key, std::string_view value);
  // Stores `n` sorted fixed-size duplicates under `key` (a DUPFIXED table);
  // keys must come in increasing order.
  void put_duplicates(std::string_view key, const AdjacencyEntry* entries, std::size_t n);

 private:
  bool past_end(std::string_view key);

  WriteTransaction& txn_;
  MDB_cursor* cursor_ = nullptr;
  std::string last_key_;
  bool empty_ = true;
  bool past_end_ = false;
};

// One adjacency entry to be written: (node, type) -> (other, edge).
struct AdjacencyItem {
  NodeId node;
  NodeId other;
  EdgeId edge;
  TypeId type;
};

// The adjacency items of the ties in `chunks` (edge ids from `first_edge` in
// chunk and row order), sorted by (node, type, other, edge), where node is the
// source for kOut and the target for kIn.
std::vector<AdjacencyItem> sort_adjacency(const std::vector<const TieChunk*>& chunks,
                                          EdgeId first_edge, Direction direction);

// Writes sorted items into `dbi` (out or in), one MDB_MULTIPLE put per key.
void write_adjacency(WriteTransaction& txn, MDB_dbi dbi, const std::vector<AdjacencyItem>& items);

// Writes the edge records of the ties in `chunks`, ids from `first_edge`, and
// counts ties per type into `per_type` (indexed by TypeId, grown as needed).
void write_edge_records(WriteTransaction& txn, const std::vector<const TieChunk*>& chunks,
                        EdgeId first_edge, std::vector<std::uint64_t>& per_type);

}  // namespace guanxi::storage
