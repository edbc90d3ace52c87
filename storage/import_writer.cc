#include "storage/import_writer.h"

#include <algorithm>
#include <tuple>

#include "storage/bytes.h"
#include "storage/record_codec.h"

namespace guanxi::storage {

AppendCursor::AppendCursor(WriteTransaction& txn, MDB_dbi dbi) : txn_(txn) {
  txn.check(mdb_cursor_open(txn.raw(), dbi, &cursor_), "opening a cursor");
  MDB_val k, v;
  const int rc = mdb_cursor_get(cursor_, &k, &v, MDB_LAST);
  if (rc == MDB_SUCCESS) {
    last_key_.assign(static_cast<const char*>(k.mv_data), k.mv_size);
    empty_ = false;
  } else if (rc != MDB_NOTFOUND) {
    mdb_cursor_close(cursor_);
    throw_lmdb_error(rc, "reading the last key");
  }
  past_end_ = empty_;
}

AppendCursor::~AppendCursor() { mdb_cursor_close(cursor_); }

bool AppendCursor::past_end(std::string_view key) {
  if (!past_end_ && key > std::string_view(last_key_)) past_end_ = true;
  return past_end_;
}

void AppendCursor::put(std::string_view key, std::string_view value) {
  MDB_val k = to_val(key), v = to_val(value);
  txn_.check(mdb_cursor_put(cursor_, &k, &v, past_end(key) ? MDB_APPEND : 0), "writing");
}

void AppendCursor::put_duplicates(std::string_view key, const AdjacencyEntry* entries,
                                  std::size_t n) {
  const unsigned append = past_end(key) ? MDB_APPEND | MDB_APPENDDUP : 0;
  MDB_val k = to_val(key);
  if (n == 1) {
    MDB_val v{sizeof(AdjacencyEntry), const_cast<AdjacencyEntry*>(entries)};
    txn_.check(mdb_cursor_put(cursor_, &k, &v, append), "writing adjacency");
    return;
  }
  MDB_val v[2] = {{sizeof(AdjacencyEntry), const_cast<AdjacencyEntry*>(entries)}, {n, nullptr}};
  txn_.check(mdb_cursor_put(cursor_, &k, v, append | MDB_MULTIPLE), "writing adjacency");
  if (v[1].mv_size != n) {
    throw StorageError(ErrorCode::kIo, "LMDB stored " + std::to_string(v[1].mv_size) + " of " +
                                           std::to_string(n) + " adjacency entries");
  }
}

std::vector<AdjacencyItem> sort_adjacency(const std::vector<const TieChunk*>& chunks,
                                          EdgeId first_edge, Direction direction) {
  const bool in = direction == Direction::kIn;
  std::size_t n = 0;
  NodeId lo = kNoId, hi = 0;
  for (const TieChunk* c : chunks) {
    n += c->rows.size();
    for (const TieRow& r : c->rows) {
      const NodeId node = in ? r.dst : r.src;
      lo = std::min(lo, node);
      hi = std::max(hi, node);
    }
  }
  std::vector<AdjacencyItem> items;
  reserve_large(items, n);
  items.resize(n);
  if (n == 0) return items;
  auto by_rest = [](const AdjacencyItem& a, const AdjacencyItem& b) {
    return std::tie(a.type, a.other, a.edge) < std::tie(b.type, b.other, b.edge);
  };
  const std::uint64_t range = hi - lo + 1;
  if (range > 4 * n + (1u << 20)) {
    // Sparse node ids: one comparison sort.
    std::size_t i = 0;
    EdgeId edge = first_edge;
    for (const TieChunk* c : chunks) {
      for (const TieRow& r : c->rows) {
        items[i++] = in ? AdjacencyItem{r.dst, r.src, edge++, r.type}
                        : AdjacencyItem{r.src, r.dst, edge++, r.type};
      }
    }
    std::sort(items.begin(), items.end(), [&](const AdjacencyItem& a, const AdjacencyItem& b) {
      return a.node != b.node ? a.node < b.node : by_rest(a, b);
    });
    return items;
  }
  // Counting sort by node, then each node's few entries by (type, other, edge).
  std::vector<std::uint64_t> start;
  reserve_large(start, range + 1);
  start.resize(range + 1, 0);
  for (const TieChunk* c : chunks) {
    for (const TieRow& r : c->rows) ++start[(in ? r.dst : r.src) - lo + 1];
  }
  for (std::uint64_t i = 1; i <= range; ++i) start[i] += start[i - 1];
  std::vector<std::uint64_t> next(start.begin(), start.end() - 1);
  EdgeId edge = first_edge;
  for (const TieChunk* c : chunks) {
    for (const TieRow& r : c->rows) {
      const NodeId node = in ? r.dst : r.src;
      items[next[node - lo]++] = AdjacencyItem{node, in ? r.src : r.dst, edge++, r.type};
    }
  }
  for (std::uint64_t b = 0; b < range; ++b) {
    if (start[b + 1] - start[b] > 1) {
      std::sort(items.begin() + start[b], items.begin() + start[b + 1], by_rest);
    }
  }
  return items;
}

void write_adjacency(WriteTransaction& txn, MDB_dbi dbi, const std::vector<AdjacencyItem>& items) {
  AppendCursor cursor(txn, dbi);
  std::vector<AdjacencyEntry> batch;
  std::size_t i = 0;
  while (i < items.size()) {
    const NodeId node = items[i].node;
    const TypeId type = items[i].type;
    batch.clear();
    while (i < items.size() && items[i].node == node && items[i].type == type) {
      batch.push_back(AdjacencyEntry::make(items[i].other, items[i].edge));
      ++i;
    }
    const AdjacencyKey key(node, type);
    cursor.put_duplicates(key.view(), batch.data(), batch.size());
  }
}

void write_edge_records(WriteTransaction& txn, const std::vector<const TieChunk*>& chunks,
                        EdgeId first_edge, std::vector<std::uint64_t>& per_type) {
  AppendCursor cursor(txn, txn.env().dbi().edges);
  std::string record;
  EdgeId edge = first_edge;
  for (const TieChunk* c : chunks) {
    std::size_t offset = 0;
    for (const TieRow& r : c->rows) {
      record.clear();
      ByteWriter w(&record);
      w.varint(r.src);
      w.varint(r.dst);
      w.varint(r.type);
      if (r.properties_size == 0) {
        w.varint(0);
      } else {
        record.append(c->properties, offset, r.properties_size);
        offset += r.properties_size;
      }
      w.u32le(record_checksum(record));
      const IdKey key(edge++);
      cursor.put(key.view(), record);
      if (r.type >= per_type.size()) per_type.resize(r.type + 1, 0);
      ++per_type[r.type];
    }
  }
}

}  // namespace guanxi::storage
