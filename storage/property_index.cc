#include "storage/property_index.h"

#include <algorithm>

#include "storage/cursor.h"
#include "storage/dictionary.h"
#include "storage/index_key_codec.h"
#include "storage/keys.h"
#include "storage/postings.h"

namespace guanxi::storage {

namespace {

constexpr std::string_view kCatalogPrefix = "index/";
constexpr std::string_view kNextIndex = "next_index";

std::string catalog_key(std::uint32_t id) {
  std::string k(kCatalogPrefix);
  k.resize(k.size() + 4);
  put_be32(k.data() + kCatalogPrefix.size(), id);
  return k;
}

std::string catalog_value(const IndexInfo& info) {
  std::string v(9, '\0');
  put_be32(v.data(), info.label);
  put_be32(v.data() + 4, info.key);
  v[8] = info.unique ? 1 : 0;
  return v;
}

std::vector<IndexInfo> read_catalog(const Transaction& txn) {
  std::vector<IndexInfo> out;
  Cursor cur(txn, txn.env().dbi().meta);
  MDB_val k, v;
  for (bool more = cur.seek(kCatalogPrefix, k, v);
       more && k.mv_size == kCatalogPrefix.size() + 4 &&
       std::memcmp(k.mv_data, kCatalogPrefix.data(), kCatalogPrefix.size()) == 0;
       more = cur.get(k, v, MDB_NEXT)) {
    if (v.mv_size != 9) throw StorageError(ErrorCode::kCorruption, "index catalog entry is damaged");
    const char* p = static_cast<const char*>(v.mv_data);
    out.push_back(IndexInfo{get_be32(static_cast<const char*>(k.mv_data) + kCatalogPrefix.size()),
                            get_be32(p), get_be32(p + 4), p[8] == 1});
  }
  return out;
}

// The catalog as a write transaction sees it, including its own changes.
struct CatalogView {
  bool loaded = false;
  std::vector<IndexInfo> indexes;
};

}  // namespace

bool PropertyIndexes::indexable(const Value& v) { return index_key_indexable(v); }
std::string PropertyIndexes::encode_key_value(const Value& v) { return encode_index_key(v); }

std::vector<IndexInfo> PropertyIndexes::cached(const Transaction& txn) {
  if (auto* w = txn.as_write()) {
    auto& view = w->attachment<CatalogView>();
    if (!view.loaded) {
      view.indexes = read_catalog(txn);
      view.loaded = true;
    }
    return view.indexes;
  }
  const std::uint64_t version = counters_.schema_version(txn);
  std::lock_guard lock(cache_mutex_);
  if (version != cache_version_) {
    cache_ = read_catalog(txn);
    cache_version_ = version;
  }
  return cache_;
}

std::vector<IndexInfo> PropertyIndexes::list(const Transaction& txn) { return cached(txn); }

std::optional<IndexInfo> PropertyIndexes::find(const Transaction& txn, LabelId label, PropertyKeyId key) {
  for (const auto& i : cached(txn)) {
    if (i.label == label && i.key == key) return i;
  }
  return std::nullopt;
}

std::string PropertyIndexes::entry_key(const IndexInfo& index, const Value& v, NodeId node) const {
  std::string k(4, '\0');
  put_be32(k.data(), index.id);
  k += encode_index_key(v);
  char buf[8];
  put_be64(buf, node);
  k.append(buf, 8);
  return k;
}

void PropertyIndexes::insert_entry(WriteTransaction& txn, const IndexInfo& index, const Value& v,
                                   NodeId node) {
  if (index.unique) {
    for (NodeId other : seek_equal(txn, index, v)) {
      if (other == node) continue;
      throw StorageError(ErrorCode::kConstraint,
                         "unique constraint on :" + dict_.name(txn, NameKind::kLabel, index.label) +
                             "(" + dict_.name(txn, NameKind::kPropertyKey, index.key) +
                             ") violated: node " + std::to_string(other) + " already has the value " +
                             v.to_string());
    }
  }
  txn.put(env_.dbi().index, entry_key(index, v, node), {});
}

void PropertyIndexes::erase_entry(WriteTransaction& txn, const IndexInfo& index, const Value& v,
                                  NodeId node) {
  txn.del(env_.dbi().index, entry_key(index, v, node));
}

void PropertyIndexes::update(WriteTransaction& txn, NodeId node, const NodeRecord* before,
                             const NodeRecord* after) {
  const auto indexes = cached(txn);
  if (indexes.empty()) return;
  auto value_in = [](const NodeRecord* r, const IndexInfo& i) -> const Value* {
    if (!r || !std::binary_search(r->labels.begin(), r->labels.end(), i.label)) return nullptr;
    const Value* v = find_property(r->properties, i.key);
    return v && index_key_indexable(*v) ? v : nullptr;
  };
  for (const auto& index : indexes) {
    const Value* old_v = value_in(before, index);
    const Value* new_v = value_in(after, index);
    if (old_v && new_v && *old_v == *new_v) continue;
    if (old_v) erase_entry(txn, index, *old_v, node);
    if (new_v) insert_entry(txn, index, *new_v, node);
  }
}

IndexInfo PropertyIndexes::create(WriteTransaction& txn, LabelId label, PropertyKeyId key, bool unique) {
  if (auto existing = find(txn, label, key)) {
    throw StorageError(ErrorCode::kInvalidArgument,
                       std::string(existing->unique ? "a unique constraint" : "an index") +
                           " already exists on :" + dict_.name(txn, NameKind::kLabel, label) + "(" +
                           dict_.name(txn, NameKind::kPropertyKey, key) + ")");
  }
  std::uint32_t id = 0;
  if (auto v = txn.get(env_.dbi().meta, kNextIndex); v && v->size() == 4) id = get_be32(v->data());
  char buf[4];
  put_be32(buf, id + 1);
  txn.put(env_.dbi().meta, kNextIndex, std::string_view(buf, 4));
  const IndexInfo info{id, label, key, unique};
  txn.put(env_.dbi().meta, catalog_key(id), catalog_value(info));
  counters_.bump_schema_version(txn);
  auto& view = txn.attachment<CatalogView>();
  if (!view.loaded) {
    view.indexes = read_catalog(txn);
    view.loaded = true;
  } else {
    view.indexes.push_back(info);
  }
  // Build over the existing nodes of the label.
  Postings postings(env_);
  const Roaring64Map nodes = postings.load(txn, SetKey{SetKind::kLabel, label});
  for (NodeId node : nodes) {
    auto bytes = txn.get(env_.dbi().nodes, IdKey(node).view());
    if (!bytes) continue;
    const NodeRecord rec = decode_node(*bytes, node);
    if (const Value* v = find_property(rec.properties, key); v && index_key_indexable(*v)) {
      insert_entry(txn, info, *v, node);
    }
  }
  return info;
}

void PropertyIndexes::drop(WriteTransaction& txn, LabelId label, PropertyKeyId key) {
  auto index = find(txn, label, key);
  if (!index) {
    throw StorageError(ErrorCode::kNotFound, "no index on :" + dict_.name(txn, NameKind::kLabel, label) +
                                                 "(" + dict_.name(txn, NameKind::kPropertyKey, key) + ")");
  }
  std::vector<std::string> keys;
  for_each_entry(txn, *index, [&](NodeId node, std::string_view value) {
    std::string k(4, '\0');
    put_be32(k.data(), index->id);
    k.append(value);
    char buf[8];
    put_be64(buf, node);
    k.append(buf, 8);
    keys.push_back(std::move(k));
  });
  for (const auto& k : keys) txn.del(env_.dbi().index, k);
  txn.del(env_.dbi().meta, catalog_key(index->id));
  counters_.bump_schema_version(txn);
  auto& view = txn.attachment<CatalogView>();
  view.indexes = read_catalog(txn);
  view.loaded = true;
}

std::vector<NodeId> PropertyIndexes::seek_equal(const Transaction& txn, const IndexInfo& index,
                                                const Value& value) {
  std::vector<NodeId> out;
  if (!index_key_indexable(value)) return out;
  std::string prefix(4, '\0');
  put_be32(prefix.data(), index.id);
  prefix += index_key_equality_prefix(value);
  const bool long_string =
      value.type() == ValueType::kString && value.as_string().size() > kMaxInlineIndexString;
  const bool number = value.type() == ValueType::kInt || value.type() == ValueType::kFloat;
  Cursor cur(txn, env_.dbi().index);
  MDB_val k, v;
  for (bool more = cur.seek(prefix, k, v); more && k.mv_size >= prefix.size() + 8 &&
                                           std::memcmp(k.mv_data, prefix.data(), prefix.size()) == 0;
       more = cur.get(k, v, MDB_NEXT)) {
    const char* p = static_cast<const char*>(k.mv_data);
    const NodeId node = get_be64(p + k.mv_size - 8);
    bool match = true;
    if (number) {
      // Same double; the exact part decides for ints beyond 2^53.
      auto decoded = decode_index_key(std::string_view(p + 4, k.mv_size - 12));
      match = decoded && compare_index_values(decoded->value, value) == std::optional(0);
    } else if (!long_string && k.mv_size != prefix.size() + 8) {
      match = false;  // a longer encoding that merely starts like ours
    } else if (long_string) {
      auto bytes = txn.get(env_.dbi().nodes, IdKey(node).view());
      const NodeRecord rec = bytes ? decode_node(*bytes, node) : NodeRecord{};
      const Value* real = find_property(rec.properties, index.key);
      match = real && *real == value;
    }
    if (match) out.push_back(node);
  }
  return out;
}

std::vector<NodeId> PropertyIndexes::seek_range(const Transaction& txn, const IndexInfo& index,
                                                const std::optional<RangeBound>& lower,
                                                const std::optional<RangeBound>& upper) {
  std::vector<NodeId> out;
  if (!lower && !upper) {
    throw StorageError(ErrorCode::kInvalidArgument, "a range seek needs at least one bound");
  }
  const Value& probe = lower ? lower->value : upper->value;
  if (!index_key_indexable(probe) || (lower && upper && !compare_index_values(lower->value, upper->value))) {
    return out;  // incomparable bounds match nothing
  }
  std::string family(4, '\0');
  put_be32(family.data(), index.id);
  family += encode_index_key(probe).substr(0, 1);
  std::string start = family;
  if (lower) {
    start = family.substr(0, 4) + index_key_equality_prefix(lower->value);
    // A long string's key ends in a hash, which says nothing of order: start at
    // its inline prefix instead.
    if (lower->value.type() == ValueType::kString &&
        lower->value.as_string().size() > kMaxInlineIndexString) {
      start.resize(start.size() - 10);
    }
  }
  Cursor cur(txn, env_.dbi().index);
  MDB_val k, v;
  for (bool more = cur.seek(start, k, v); more && k.mv_size >= family.size() + 8 &&
                                          std::memcmp(k.mv_data, family.data(), family.size()) == 0;
       more = cur.get(k, v, MDB_NEXT)) {
    const char* p = static_cast<const char*>(k.mv_data);
    const NodeId node = get_be64(p + k.mv_size - 8);
    auto decoded = decode_index_key(std::string_view(p + 4, k.mv_size - 12));
    if (!decoded) {
      throw StorageError(ErrorCode::kCorruption,
                         "index entry of node " + std::to_string(node) + " is damaged");
    }
    Value value = std::move(decoded->value);
    if (decoded->truncated) {
      auto bytes = txn.get(env_.dbi().nodes, IdKey(node).view());
      const NodeRecord rec = bytes ? decode_node(*bytes, node) : NodeRecord{};
      const Value* real = find_property(rec.properties, index.key);
      if (!real) continue;
      value = *real;
    }
    bool in = true;
    if (lower) {
      auto c = compare_index_values(value, lower->value);
      in = c && (*c > 0 || (*c == 0 && lower->inclusive));
    }
    if (in && upper) {
      auto c = compare_index_values(value, upper->value);
      in = c && (*c < 0 || (*c == 0 && upper->inclusive));
      // Past the upper bound: done, unless a later key could still be inside,
      // which happens among long strings sharing a prefix and among numbers
      // sharing a double (ints beyond 2^53).
      if (c && *c > 0 && !decoded->truncated) {
        auto as_double = [](const Value& x) {
          return x.type() == ValueType::kInt ? static_cast<double>(x.as_int()) : x.as_float();
        };
        const bool number = value.type() == ValueType::kInt || value.type() == ValueType::kFloat;
        if (!number || as_double(value) > as_double(upper->value)) break;
      }
    }
    if (in) out.push_back(node);
  }
  return out;
}

}  // namespace guanxi::storage
