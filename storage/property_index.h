// Property indexes on (label, property key), optionally unique.
//
// Entry key: (index id u32, order-preserving encoding of the value, node id)
// with an empty value, so equality is a prefix scan and ranges are range
// scans. Numbers (int and float) share one ordered space, so 1 and 1.0 meet.
// Strings longer than kMaxInlineString bytes are keyed by a prefix and their
// xxh3; every hit is checked against the node's real value.
// Lists and maps are not indexed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/counters.h"
#include "storage/cursor.h"
#include "storage/environment.h"
#include "storage/ids.h"
#include "storage/record_codec.h"
#include "storage/value.h"

namespace guanxi::storage {

struct IndexInfo {
  std::uint32_t id = 0;
  LabelId label = 0;
  PropertyKeyId key = 0;
  bool unique = false;
  friend bool operator==(const IndexInfo&, const IndexInfo&) = default;
};

struct RangeBound {
  Value value;
  bool inclusive = true;
};

class Dictionary;

class PropertyIndexes {
 public:
  static constexpr size_t kMaxInlineString = 128;

  PropertyIndexes(Environment& env, Dictionary& dict, Counters& counters)
      : env_(env), dict_(dict), counters_(counters) {}

  // The indexes as seen by `txn`.
  std::vector<IndexInfo> list(const Transaction& txn);
  std::optional<IndexInfo> find(const Transaction& txn, LabelId label, PropertyKeyId key);

  // Creates an index over existing data; a unique one first checks that no two
  // nodes share a value (error names label, property and value). Throws
  // kInvalidArgument if one already exists on (label, key).
  IndexInfo create(WriteTransaction& txn, LabelId label, PropertyKeyId key, bool unique);
  // Throws kNotFound if there is none.
  void drop(WriteTransaction& txn, LabelId label, PropertyKeyId key);

  // Maintenance, called by Graph on every write that changes a node's labels or
  // properties: removes entries for `before`, adds entries for `after`, and
  // enforces unique constraints (kConstraint naming label, property, value).
  void update(WriteTransaction& txn, NodeId node, const NodeRecord* before,
              const NodeRecord* after);

  // Node ids whose value equals `value` (exact; long strings verified).
  std::vector<NodeId> seek_equal(const Transaction& txn, const IndexInfo& index,
                                 const Value& value);
  // Node ids with lower <(=) value <(=) upper, same type family as the bounds.
  std::vector<NodeId> seek_range(const Transaction& txn, const IndexInfo& index,
                                 const std::optional<RangeBound>& lower,
                                 const std::optional<RangeBound>& upper);

  // Calls f(node, encoded value) for every entry of `index` (integrity check).
  template <typename F>
  void for_each_entry(const Transaction& txn, const IndexInfo& index, F&& f);

  // Whether `v` can be indexed, and its order-preserving key encoding.
  static bool indexable(const Value& v);
  static std::string encode_key_value(const Value& v);

 private:
  std::string entry_key(const IndexInfo& index, const Value& v, NodeId node) const;
  void insert_entry(WriteTransaction& txn, const IndexInfo& index, const Value& v, NodeId node);
  void erase_entry(WriteTransaction& txn, const IndexInfo& index, const Value& v, NodeId node);
  std::vector<IndexInfo> cached(const Transaction& txn);

  Environment& env_;
  Dictionary& dict_;
  Counters& counters_;
  std::mutex cache_mutex_;
  std::uint64_t cache_version_ = ~std::uint64_t{0};
  std::vector<IndexInfo> cache_;
};

template <typename F>
void PropertyIndexes::for_each_entry(const Transaction& txn, const IndexInfo& index, F&& f) {
  char prefix[4];
  put_be32(prefix, index.id);
  Cursor cur(txn, env_.dbi().index);
  MDB_val k, v;
  for (bool more = cur.seek(std::string_view(prefix, 4), k, v);
       more && k.mv_size >= 12 && std::memcmp(k.mv_data, prefix, 4) == 0; more = cur.get(k, v, MDB_NEXT)) {
    const char* p = static_cast<const char*>(k.mv_data);
    f(get_be64(p + k.mv_size - 8), std::string_view(p + 4, k.mv_size - 12));
  }
}

}  // namespace guanxi::storage
