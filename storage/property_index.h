// Property indexes on (label, property key), optionally unique.
//
// The `index` table is DUPSORT|DUPFIXED: key (be32 index id, order-preserving
// encoding of the value; index_key_codec.h), duplicates the 8-byte big-endian
// ids of the nodes holding that value. Every value has exactly one encoding
// (an int a double holds exactly is keyed as that double, so 1 and 1.0 meet),
// so equality is one exact-key lookup reading the duplicates a page at a time
// (MDB_GET_MULTIPLE), and ranges walk the keys in order. Strings longer than
// kMaxInlineString bytes are keyed by a prefix and their xxh3; every hit is
// checked against the node's real value. Lists and maps are not indexed.
// Index ids only grow, so a new index's keys all lie past the table's end and
// create() builds it by appending, leaving its pages full.
#pragma once

#include <optional>
#include <string>
#include <string_view>
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
  // Unique across all indexes of the database; "index_<Label>_<key>" or
  // "constraint_<Label>_<key>" when the creator gave none.
  std::string name;
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

  // The indexes as seen by `txn`, in id (creation) order.
  std::vector<IndexInfo> list(const Transaction& txn);
  // The index on (label, key), or nullopt.
  std::optional<IndexInfo> find(const Transaction& txn, LabelId label, PropertyKeyId key);
  // The index named `name` (exact, case-sensitive), or nullopt.
  std::optional<IndexInfo> find_by_name(const Transaction& txn, std::string_view name);

  // Creates an index over existing data; a unique one first checks that no two
  // nodes share a value (kConstraint naming label, property and value). An
  // empty `name` gets the generated name (see IndexInfo::name). Throws
  // kInvalidArgument if one already exists on (label, key) or another index
  // already has the name.
  IndexInfo create(WriteTransaction& txn, LabelId label, PropertyKeyId key, bool unique,
                   std::string name = {});
  // Throws kNotFound if there is none.
  void drop(WriteTransaction& txn, LabelId label, PropertyKeyId key);
  // Drops the index named `name`; throws kNotFound if there is none.
  void drop_by_name(WriteTransaction& txn, std::string_view name);

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

  // Calls f(node, encoded value) for every entry of `index` in key order
  // (integrity check); an entry whose node id is not 8 bytes throws kCorruption.
  template <typename F>
  void for_each_entry(const Transaction& txn, const IndexInfo& index, F&& f);

  // Whether `v` can be indexed, and its order-preserving key encoding.
  static bool indexable(const Value& v);
  static std::string encode_key_value(const Value& v);

 private:
  static std::string entry_key(const IndexInfo& index, const Value& v);
  // Appends the node ids of the duplicates under the key the cursor is on;
  // `first` is what the positioning call returned.
  static void read_nodes(Cursor& cur, MDB_val first, std::vector<NodeId>& out);
  // Appends the node ids under exactly `key` (MDB_SET_KEY, then the
  // duplicates a page at a time).
  static void read_equal(MDB_cursor* cur, std::string_view key, std::vector<NodeId>& out);
  // Whether `node`'s stored `key` property equals `value` (long-string check).
  bool holds(const Transaction& txn, NodeId node, PropertyKeyId key, const Value& value) const;
  void insert_entry(WriteTransaction& txn, const IndexInfo& index, const Value& v, NodeId node);
  void erase_entry(WriteTransaction& txn, const IndexInfo& index, const Value& v, NodeId node);
  std::vector<IndexInfo> cached(const Transaction& txn);
  void drop_index(WriteTransaction& txn, const IndexInfo& index);
  // Fills a new index from the nodes of its label: sorted, checked for unique
  // values, appended.
  void build(WriteTransaction& txn, const IndexInfo& index);
  StorageError unique_violation(const Transaction& txn, const IndexInfo& index, NodeId holder,
                                const Value& value);

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
       more && k.mv_size >= 4 && std::memcmp(k.mv_data, prefix, 4) == 0;
       more = cur.get(k, v, MDB_NEXT)) {
    if (v.mv_size != 8) {
      throw StorageError(ErrorCode::kCorruption, "index " + index.name + " holds a node id of " +
                                                     std::to_string(v.mv_size) + " bytes");
    }
    f(NodeId{get_be64(v.mv_data)},
      std::string_view(static_cast<const char*>(k.mv_data) + 4, k.mv_size - 4));
  }
}

}  // namespace guanxi::storage
