#include "storage/property_index.h"

#include <algorithm>

#include "storage/cursor.h"
#include "storage/dictionary.h"
#include "storage/index_key_codec.h"
#include "storage/keys.h"
#include "storage/postings.h"
#include "storage/privacy_catalog.h"

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

// be32 label, be32 key, 1 byte unique, then the name's bytes.
std::string catalog_value(const IndexInfo& info) {
  std::string v(9, '\0');
  put_be32(v.data(), info.label);
  put_be32(v.data() + 4, info.key);
  v[8] = info.unique ? 1 : 0;
  v += info.name;
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
    const char* p = static_cast<const char*>(v.mv_data);
    if (v.mv_size < 10 || (p[8] != 0 && p[8] != 1)) {
      throw StorageError(ErrorCode::kCorruption, "index catalog entry is damaged");
    }
    out.push_back(IndexInfo{get_be32(static_cast<const char*>(k.mv_data) + kCatalogPrefix.size()),
                            get_be32(p), get_be32(p + 4), p[8] == 1,
                            std::string(p + 9, v.mv_size - 9)});
  }
  return out;
}

// The catalog as a write transaction sees it, including its own changes.
struct CatalogView {
  bool loaded = false;
  std::vector<IndexInfo> indexes;
};

// A cursor on `dbi` for a read-only transaction, kept per thread and renewed
// on each use: opening and closing one costs a malloc and a free, about as
// much as the rest of an equality seek. (LMDB allows renewing a read-only
// cursor onto any later read-only transaction, and closing it after its
// transaction and environment are gone.)
MDB_cursor* thread_read_cursor(const Transaction& txn, MDB_dbi dbi) {
  struct Cached {
    MDB_env* env = nullptr;
    MDB_dbi dbi = 0;
    MDB_cursor* cursor = nullptr;
    ~Cached() { mdb_cursor_close(cursor); }
  };
  thread_local Cached cached;
  MDB_env* env = mdb_txn_env(txn.raw());
  if (cached.cursor && cached.env == env && cached.dbi == dbi &&
      mdb_cursor_renew(txn.raw(), cached.cursor) == MDB_SUCCESS) {
    return cached.cursor;
  }
  mdb_cursor_close(cached.cursor);
  cached.cursor = nullptr;
  if (int rc = mdb_cursor_open(txn.raw(), dbi, &cached.cursor))
    throw_lmdb_error(rc, "opening a cursor");
  cached.env = env;
  cached.dbi = dbi;
  return cached.cursor;
}

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

std::optional<IndexInfo> PropertyIndexes::find(const Transaction& txn, LabelId label,
                                               PropertyKeyId key) {
  for (const auto& i : cached(txn)) {
    if (i.label == label && i.key == key) return i;
  }
  return std::nullopt;
}

std::optional<IndexInfo> PropertyIndexes::find_by_name(const Transaction& txn,
                                                       std::string_view name) {
  for (const auto& i : cached(txn)) {
    if (i.name == name) return i;
  }
  return std::nullopt;
}

std::string PropertyIndexes::entry_key(const IndexInfo& index, const Value& v) {
  std::string k(4, '\0');
  put_be32(k.data(), index.id);
  k += encode_index_key(v);
  return k;
}

void PropertyIndexes::read_nodes(Cursor& cur, MDB_val first, std::vector<NodeId>& out) {
  MDB_val k, v = first;
  // A key with one duplicate has no sub-page, and GET_MULTIPLE then succeeds
  // leaving `v` as the positioning call set it: that one duplicate.
  for (bool more = cur.get(k, v, MDB_GET_MULTIPLE); more; more = cur.get(k, v, MDB_NEXT_MULTIPLE)) {
    if (v.mv_size % 8 != 0) {
      throw StorageError(ErrorCode::kCorruption, "index entry page of odd size");
    }
    const char* p = static_cast<const char*>(v.mv_data);
    for (std::size_t i = 0; i < v.mv_size; i += 8) out.push_back(get_be64(p + i));
  }
}

bool PropertyIndexes::holds(const Transaction& txn, NodeId node, PropertyKeyId key,
                            const Value& value) const {
  auto bytes = txn.get(env_.dbi().nodes, IdKey(node).view());
  if (!bytes) return false;
  const NodeRecord rec = decode_node(*bytes, node);
  const Value* real = find_property(rec.properties, key);
  return real && *real == value;
}

StorageError PropertyIndexes::unique_violation(const Transaction& txn, const IndexInfo& index,
                                               NodeId holder, const Value& value) {
  // A tagged value may be one the writer cannot read: name neither it nor
  // the node holding it (docs/privacy.md, "Unique constraints").
  if (property_is_tagged(txn, index.key)) {
    return StorageError(ErrorCode::kConstraint,
                        "unique constraint on :" + dict_.name(txn, NameKind::kLabel, index.label) +
                            "(" + dict_.name(txn, NameKind::kPropertyKey, index.key) +
                            ") violated: another node already has this value (a tagged property: "
                            "neither the value nor the node is named)");
  }
  return StorageError(ErrorCode::kConstraint,
                      "unique constraint on :" + dict_.name(txn, NameKind::kLabel, index.label) +
                          "(" + dict_.name(txn, NameKind::kPropertyKey, index.key) +
                          ") violated: node " + std::to_string(holder) + " already has the value " +
                          value.to_string());
}

void PropertyIndexes::insert_entry(WriteTransaction& txn, const IndexInfo& index, const Value& v,
                                   NodeId node) {
  if (index.unique) {
    for (NodeId other : seek_equal(txn, index, v)) {
      if (other != node) throw unique_violation(txn, index, other, v);
    }
  }
  char id[8];
  put_be64(id, node);
  txn.put(env_.dbi().index, entry_key(index, v), std::string_view(id, 8));
}

void PropertyIndexes::erase_entry(WriteTransaction& txn, const IndexInfo& index, const Value& v,
                                  NodeId node) {
  char id[8];
  put_be64(id, node);
  const std::string_view value(id, 8);
  txn.del(env_.dbi().index, entry_key(index, v), &value);
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

IndexInfo PropertyIndexes::create(WriteTransaction& txn, LabelId label, PropertyKeyId key,
                                  bool unique, std::string name) {
  if (auto existing = find(txn, label, key)) {
    // (An import indexes id properties by itself: the likeliest index in the
    // way of a constraint, so the message says how to replace it.)
    const std::string hint =
        unique && !existing->unique
            ? "; drop it first (DROP INDEX " + existing->name + ") to make the property unique"
            : "";
    throw StorageError(ErrorCode::kInvalidArgument,
                       std::string(existing->unique ? "a unique constraint" : "an index") +
                           " named '" + existing->name +
                           "' already exists on :" + dict_.name(txn, NameKind::kLabel, label) +
                           "(" + dict_.name(txn, NameKind::kPropertyKey, key) + ")" + hint);
  }
  if (name.empty()) {
    name = std::string(unique ? "constraint_" : "index_") +
           dict_.name(txn, NameKind::kLabel, label) + "_" +
           dict_.name(txn, NameKind::kPropertyKey, key);
  }
  if (auto existing = find_by_name(txn, name)) {
    throw StorageError(ErrorCode::kInvalidArgument,
                       "an index or constraint named '" + name + "' already exists (on :" +
                           dict_.name(txn, NameKind::kLabel, existing->label) + "(" +
                           dict_.name(txn, NameKind::kPropertyKey, existing->key) + "))");
  }
  std::uint32_t id = 0;
  if (auto v = txn.get(env_.dbi().meta, kNextIndex); v && v->size() == 4) id = get_be32(v->data());
  char buf[4];
  put_be32(buf, id + 1);
  txn.put(env_.dbi().meta, kNextIndex, std::string_view(buf, 4));
  IndexInfo info{id, label, key, unique, std::move(name)};
  txn.put(env_.dbi().meta, catalog_key(id), catalog_value(info));
  counters_.bump_schema_version(txn);
  auto& view = txn.attachment<CatalogView>();
  if (!view.loaded) {
    view.indexes = read_catalog(txn);
    view.loaded = true;
  } else {
    view.indexes.push_back(info);
  }
  build(txn, info);
  return info;
}

void PropertyIndexes::build(WriteTransaction& txn, const IndexInfo& index) {
  struct Entry {
    std::string key;
    NodeId node;
  };
  Postings postings(env_);
  const Roaring64Map nodes = postings.load(txn, SetKey{SetKind::kLabel, index.label});
  std::vector<Entry> entries;
  entries.reserve(nodes.cardinality());
  // Postings ascend and a label's nodes mostly lie close together in the
  // table: a few steps forward cost less than a search from the root per
  // node (the 1M nodes of a scale-20 import: 0.44 s of lookups).
  constexpr int kMaxSteps = 8;
  Cursor records(txn, env_.dbi().nodes);
  MDB_val at_key{}, at_record{};
  bool positioned = false;  // at_key and at_record hold the cursor's entry
  for (NodeId node : nodes) {
    const IdKey id(node);
    auto behind = [&] { return from_val(at_key) < id.view(); };
    for (int step = 0; positioned && step < kMaxSteps && behind(); ++step)
      positioned = records.get(at_key, at_record, MDB_NEXT);
    if (!positioned || behind()) positioned = records.seek(id.view(), at_key, at_record);
    if (!positioned) break;  // past the table's last record
    if (from_val(at_key) != id.view()) continue;
    const NodeRecord rec = decode_node(from_val(at_record), node);
    if (const Value* v = find_property(rec.properties, index.key); v && index_key_indexable(*v)) {
      entries.push_back({entry_key(index, *v), node});
    }
  }
  // Ids imported in order arrive sorted already: checking costs one pass,
  // sorting a million keys a tenth of a second.
  auto before = [](const Entry& a, const Entry& b) {
    const int c = a.key.compare(b.key);
    return c != 0 ? c < 0 : a.node < b.node;
  };
  if (!std::is_sorted(entries.begin(), entries.end(), before))
    std::sort(entries.begin(), entries.end(), before);
  // Each run of equal keys becomes one key with its node ids as duplicates.
  Cursor cur(txn, env_.dbi().index);
  bool append = true;
  std::string ids;
  for (std::size_t b = 0, e = 0; b < entries.size(); b = e) {
    e = b + 1;
    while (e < entries.size() && entries[e].key == entries[b].key) ++e;
    if (index.unique && e - b > 1) {
      // Equal keys are equal values, except long strings whose prefix and hash
      // collide: those are told apart by their records.
      std::vector<Value> values;
      for (std::size_t i = b; i < e; ++i) {
        const NodeRecord rec =
            decode_node(*txn.get(env_.dbi().nodes, IdKey(entries[i].node).view()), entries[i].node);
        values.push_back(*find_property(rec.properties, index.key));
        for (std::size_t j = 0; j + 1 < values.size(); ++j) {
          if (compare_index_values(values[j], values.back()) == std::optional(0)) {
            throw unique_violation(txn, index, entries[b + j].node, values.back());
          }
        }
      }
    }
    ids.clear();
    for (std::size_t i = b; i < e; ++i) {
      char id[8];
      put_be64(id, entries[i].node);
      ids.append(id, 8);
    }
    // The new id is the largest, so its keys lie past the table's end.
    for (;;) {
      MDB_val k = to_val(entries[b].key);
      MDB_val v[2] = {{8, ids.data()}, {e - b, nullptr}};
      const unsigned flags =
          (append ? MDB_APPEND | MDB_APPENDDUP : 0) | (e - b > 1 ? MDB_MULTIPLE : 0);
      const int rc = mdb_cursor_put(cur.raw(), &k, v, flags);
      if (rc == MDB_KEYEXIST && append) {
        append = false;  // foreign keys beyond ours (a damaged table): plain puts
        continue;
      }
      txn.check(rc, "building an index");
      break;
    }
  }
}

void PropertyIndexes::drop(WriteTransaction& txn, LabelId label, PropertyKeyId key) {
  auto index = find(txn, label, key);
  if (!index) {
    throw StorageError(ErrorCode::kNotFound,
                       "no index on :" + dict_.name(txn, NameKind::kLabel, label) + "(" +
                           dict_.name(txn, NameKind::kPropertyKey, key) + ")");
  }
  drop_index(txn, *index);
}

void PropertyIndexes::drop_by_name(WriteTransaction& txn, std::string_view name) {
  auto index = find_by_name(txn, name);
  if (!index) {
    throw StorageError(ErrorCode::kNotFound,
                       "no index or constraint named '" + std::string(name) + "'");
  }
  drop_index(txn, *index);
}

void PropertyIndexes::drop_index(WriteTransaction& txn, const IndexInfo& info) {
  const IndexInfo* index = &info;
  // Every key of the index, with all its duplicates at once.
  char prefix[4];
  put_be32(prefix, index->id);
  Cursor cur(txn, env_.dbi().index);
  MDB_val k, v;
  while (cur.seek(std::string_view(prefix, 4), k, v) && k.mv_size >= 4 &&
         std::memcmp(k.mv_data, prefix, 4) == 0) {
    txn.check(mdb_cursor_del(cur.raw(), MDB_NODUPDATA), "dropping an index");
  }
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
  const std::string key = entry_key(index, value);
  if (txn.is_write()) {
    Cursor cur(txn, env_.dbi().index);
    read_equal(cur.raw(), key, out);
  } else {
    read_equal(thread_read_cursor(txn, env_.dbi().index), key, out);
  }
  if (value.type() == ValueType::kString && value.as_string().size() > kMaxInlineIndexString) {
    // Same prefix and hash: only the record tells a collision apart.
    std::erase_if(out, [&](NodeId node) { return !holds(txn, node, index.key, value); });
  }
  return out;
}

void PropertyIndexes::read_equal(MDB_cursor* cur, std::string_view key, std::vector<NodeId>& out) {
  MDB_val k = to_val(key), v;
  int rc = mdb_cursor_get(cur, &k, &v, MDB_SET_KEY);
  if (rc == MDB_NOTFOUND) return;
  if (rc != MDB_SUCCESS) throw_lmdb_error(rc, "seeking an index");
  std::size_t count = 0;
  if ((rc = mdb_cursor_count(cur, &count))) throw_lmdb_error(rc, "counting index entries");
  if (count == 1) {  // the common case, where `v` already holds the one node id
    if (v.mv_size != 8) throw StorageError(ErrorCode::kCorruption, "index entry of odd size");
    out.push_back(get_be64(v.mv_data));
    return;
  }
  // A key with one duplicate has no sub-page, and GET_MULTIPLE then succeeds
  // leaving `v` as the positioning call set it: that one duplicate.
  for (rc = mdb_cursor_get(cur, &k, &v, MDB_GET_MULTIPLE); rc == MDB_SUCCESS;
       rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT_MULTIPLE)) {
    if (v.mv_size % 8 != 0)
      throw StorageError(ErrorCode::kCorruption, "index entry page of odd size");
    const char* p = static_cast<const char*>(v.mv_data);
    for (std::size_t i = 0; i < v.mv_size; i += 8) out.push_back(get_be64(p + i));
  }
  if (rc != MDB_NOTFOUND) throw_lmdb_error(rc, "reading an index");
}

std::vector<NodeId> PropertyIndexes::seek_range(const Transaction& txn, const IndexInfo& index,
                                                const std::optional<RangeBound>& lower,
                                                const std::optional<RangeBound>& upper) {
  std::vector<NodeId> out;
  if (!lower && !upper) {
    throw StorageError(ErrorCode::kInvalidArgument, "a range seek needs at least one bound");
  }
  const Value& probe = lower ? lower->value : upper->value;
  if (!index_key_indexable(probe) ||
      (lower && upper && !compare_index_values(lower->value, upper->value))) {
    return out;  // incomparable bounds match nothing
  }
  // Keys of the bounds' family share (index id, family tag).
  std::string family(4, '\0');
  put_be32(family.data(), index.id);
  family += encode_index_key(probe).substr(0, 1);
  const std::string start =
      lower ? family.substr(0, 4) + index_key_range_start(lower->value) : family;
  auto as_double = [](const Value& x) {
    return x.type() == ValueType::kInt ? static_cast<double>(x.as_int()) : x.as_float();
  };
  std::vector<NodeId> nodes;
  Cursor cur(txn, env_.dbi().index);
  MDB_val k, v;
  for (bool more = cur.seek(start, k, v); more && k.mv_size > family.size() &&
                                          std::memcmp(k.mv_data, family.data(), family.size()) == 0;
       more = cur.get(k, v, MDB_NEXT_NODUP)) {
    const char* p = static_cast<const char*>(k.mv_data);
    auto decoded = decode_index_key(std::string_view(p + 4, k.mv_size - 4));
    if (!decoded) {
      throw StorageError(ErrorCode::kCorruption, "index " + index.name +
                                                     " holds a damaged key of " +
                                                     std::to_string(k.mv_size) + " bytes");
    }
    nodes.clear();
    read_nodes(cur, v, nodes);
    // A long string's key holds only its prefix: judge each node by its record.
    for (NodeId node : nodes) {
      Value value = decoded->value;
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
      }
      if (in) out.push_back(node);
    }
    // Past the upper bound: done, unless a later key could still be inside,
    // which happens among long strings sharing a prefix and among numbers
    // sharing a double (ints beyond 2^53 sort after the double's float form).
    if (upper && !decoded->truncated) {
      auto c = compare_index_values(decoded->value, upper->value);
      if (c && *c > 0) {
        const bool number =
            decoded->value.type() == ValueType::kInt || decoded->value.type() == ValueType::kFloat;
        if (!number || as_double(decoded->value) > as_double(upper->value)) break;
      }
    }
  }
  return out;
}

}  // namespace guanxi::storage
