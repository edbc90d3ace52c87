// Postings: sets of node ids (the nodes of a label; later, the subjects who
// consented to a purpose) stored as chunked Roaring bitmaps.
//
// Key (set kind, set id, id >> 16) -> one serialized Roaring bitmap of the low
// 16 bits. Single-id changes are batched per write transaction (each touched
// chunk is read once and written once, at commit), so creating many nodes of
// a label does not rewrite a chunk per node.
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <roaring/roaring64map.hh>
#include <vector>

#include "storage/bytes.h"
#include "storage/cursor.h"
#include "storage/environment.h"

namespace guanxi::storage {

enum class SetKind : std::uint8_t { kLabel = 'L', kConsent = 'C' };

struct SetKey {
  SetKind kind;
  std::uint32_t id;
  friend auto operator<=>(const SetKey&, const SetKey&) = default;
};

class Postings {
 public:
  explicit Postings(Environment& env) : env_(env) {}

  void add(WriteTransaction& txn, SetKey set, std::uint64_t id);
  void remove(WriteTransaction& txn, SetKey set, std::uint64_t id);
  // Adds every id of `ids` (bulk import): read-modify-write per chunk.
  void add_all(WriteTransaction& txn, SetKey set, const Roaring64Map& ids);

  bool contains(const Transaction& txn, SetKey set, std::uint64_t id);
  Roaring64Map load(const Transaction& txn, SetKey set);
  std::uint64_t cardinality(const Transaction& txn, SetKey set);
  // Every set id of a kind that has a chunk.
  std::vector<std::uint32_t> sets(const Transaction& txn, SetKind kind);

  // Calls f(set, chunk high bits, bitmap) for every stored chunk; a chunk that
  // does not deserialize throws StorageError(kCorruption).
  template <typename F>
  void for_each_chunk(const Transaction& txn, F&& f);

  // Decodes a stored chunk value (validated deserialization).
  static Roaring decode_chunk(std::string_view bytes, SetKey set, std::uint32_t high);
  static std::string chunk_key(SetKey set, std::uint32_t high);

 private:
  struct Pending;
  Pending& pending(WriteTransaction& txn);
  Roaring& chunk(WriteTransaction& txn, SetKey set, std::uint32_t high);
  void flush(WriteTransaction& txn);

  Environment& env_;
};

template <typename F>
void Postings::for_each_chunk(const Transaction& txn, F&& f) {
  Cursor cur(txn, env_.dbi().postings);
  MDB_val k, v;
  for (bool more = cur.get(k, v, MDB_FIRST); more; more = cur.get(k, v, MDB_NEXT)) {
    if (k.mv_size != 9) {
      throw StorageError(ErrorCode::kCorruption,
                         "postings key of " + std::to_string(k.mv_size) + " bytes (expected 9)");
    }
    const char* p = static_cast<const char*>(k.mv_data);
    SetKey set{static_cast<SetKind>(p[0]), get_be32(p + 1)};
    const std::uint32_t high = get_be32(p + 5);
    f(set, high, decode_chunk(from_val(v), set, high));
  }
}

}  // namespace guanxi::storage
