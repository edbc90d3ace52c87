#include "storage/id_space.h"

#include <algorithm>
#include <bit>

#include "storage/keys.h"
#include "storage/privacy_catalog.h"
#include "storage/property_index.h"

namespace guanxi::storage {

namespace {

constexpr std::string_view kSpacePrefix = "idspace/";
constexpr std::string_view kNextKey = "idspace.next";
constexpr std::string_view kFingerprintKey = "idspace.fingerprints";

IdSpaceInfo decode_info(std::string_view name, std::string_view value) {
  if (value.size() != 5 || (value[4] != 'I' && value[4] != 'S')) {
    throw StorageError(ErrorCode::kCorruption,
                       "ID space '" + std::string(name) + "' has a damaged registry entry");
  }
  return IdSpaceInfo{std::string(name), get_be32(value.data()), static_cast<IdKind>(value[4])};
}

}  // namespace

std::optional<IdSpaceInfo> IdSpaces::find(const Transaction& txn, std::string_view name) {
  const std::string key = std::string(kSpacePrefix) + std::string(name);
  auto v = txn.get(env_.dbi().meta, key);
  if (!v) return std::nullopt;
  return decode_info(name, *v);
}

IdSpaceInfo IdSpaces::create(WriteTransaction& txn, std::string_view name, IdKind kind) {
  if (find(txn, name)) {
    throw StorageError(ErrorCode::kInvalidArgument,
                       "ID space '" + std::string(name) + "' exists already");
  }
  std::uint32_t next = 0;
  if (auto v = txn.get(env_.dbi().meta, kNextKey)) {
    if (v->size() != 4) throw StorageError(ErrorCode::kCorruption, "damaged ID space counter");
    next = get_be32(v->data());
  }
  if (next == ~std::uint32_t{0})
    throw StorageError(ErrorCode::kInvalidArgument, "too many ID spaces");
  char counter[4];
  put_be32(counter, next + 1);
  txn.put(env_.dbi().meta, kNextKey, std::string_view(counter, 4));
  char info[5];
  put_be32(info, next);
  info[4] = static_cast<char>(kind);
  txn.put(env_.dbi().meta, std::string(kSpacePrefix) + std::string(name),
          std::string_view(info, 5));
  return IdSpaceInfo{std::string(name), next, kind};
}

std::vector<IdSpaceInfo> IdSpaces::list(const Transaction& txn) {
  std::vector<IdSpaceInfo> out;
  MDB_cursor* cur;
  if (int rc = mdb_cursor_open(txn.raw(), env_.dbi().meta, &cur)) throw_lmdb_error(rc, "meta");
  MDB_val k = to_val(kSpacePrefix), v;
  int rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
  try {
    while (rc == MDB_SUCCESS && from_val(k).starts_with(kSpacePrefix)) {
      out.push_back(decode_info(from_val(k).substr(kSpacePrefix.size()), from_val(v)));
      rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
    }
  } catch (...) {
    mdb_cursor_close(cur);
    throw;
  }
  mdb_cursor_close(cur);
  return out;
}

std::string IdSpaces::plain_entry_key(std::uint32_t space_id, const Value& id) {
  std::string key(4, '\0');
  put_be32(key.data(), space_id);
  key += PropertyIndexes::encode_key_value(id);
  return key;
}

bool IdSpaces::keyed_by_fingerprint(const Transaction& txn) {
  return txn.get(env_.dbi().meta, kFingerprintKey).has_value();
}

bool operator<(const FingerprintedEntry& a, const FingerprintedEntry& b) {
  if (a.space != b.space) return a.space < b.space;
  const unsigned char* x = a.fingerprint.data();
  const unsigned char* y = b.fingerprint.data();
  const std::uint64_t x0 = get_be64(x), y0 = get_be64(y);
  return x0 != y0 ? x0 < y0 : get_be64(x + 8) < get_be64(y + 8);
}

FingerprintedKey key_of(const FingerprintedEntry& entry) {
  FingerprintedKey key;
  put_be32(key.data(), entry.space);
  key[4] = kSealedIndexKeyTag;
  std::memcpy(key.data() + 5, entry.fingerprint.data(), entry.fingerprint.size());
  return key;
}

namespace {

std::array<unsigned char, 16> fingerprint_bytes(const std::optional<Value>& fingerprint) {
  if (!fingerprint) {
    throw StorageError(
        ErrorCode::kCorruption,
        "the import ID spaces are keyed by fingerprint, but the database has no key");
  }
  return fingerprint->as_sealed().fingerprint;
}

}  // namespace

FingerprintedEntry IdSpaces::fingerprinted(const Transaction& txn, std::uint32_t space_id,
                                           const Value& id, NodeId node) {
  return {space_id, fingerprint_bytes(cipher_.fingerprint(txn, id)), node};
}

std::string IdSpaces::entry_key(const Transaction& txn, std::uint32_t space_id, const Value& id) {
  return entry_key(txn, space_id, id, keyed_by_fingerprint(txn));
}

std::string IdSpaces::entry_key(const Transaction& txn, std::uint32_t space_id, const Value& id,
                                bool by_fingerprint) {
  if (!by_fingerprint) return plain_entry_key(space_id, id);
  const FingerprintedKey key = key_of(fingerprinted(txn, space_id, id, 0));
  return std::string(key.data(), key.size());
}

void IdSpaces::key_by_fingerprint(WriteTransaction& txn) {
  if (keyed_by_fingerprint(txn)) return;
  ensure_database_secret(txn);
  const MDB_dbi table = env_.dbi().id_spaces;
  std::vector<FingerprintedEntry> entries;
  {
    Cursor cur(txn, table);
    MDB_val k, v;
    for (bool more = cur.get(k, v, MDB_FIRST); more; more = cur.get(k, v, MDB_NEXT)) {
      if (k.mv_size < 5 || v.mv_size != 8) {
        throw StorageError(ErrorCode::kCorruption, "ID space entry of odd size");
      }
      // The fingerprint of the id's encoding, which a long string id keeps
      // only in part: the same one an id so encoded gets when written.
      const std::string_view encoded(static_cast<const char*>(k.mv_data) + 4, k.mv_size - 4);
      entries.push_back({get_be32(k.mv_data),
                         fingerprint_bytes(cipher_.fingerprint_of_index_key(txn, encoded)),
                         get_be64(v.mv_data)});
    }
  }
  txn.check(mdb_drop(txn.raw(), table, 0), "emptying the ID spaces");
  std::sort(entries.begin(), entries.end());
  for (const FingerprintedEntry& entry : entries) {
    const FingerprintedKey key = key_of(entry);
    char value[8];
    put_be64(value, entry.node);
    txn.put(table, std::string_view(key.data(), key.size()), std::string_view(value, 8),
            MDB_APPEND);
  }
  txn.put(env_.dbi().meta, kFingerprintKey, std::string_view());
}

void IdSpaces::erase_sealed_ids(WriteTransaction& txn, const PropertyList& properties,
                                NodeId node) {
  if (!keyed_by_fingerprint(txn)) return;
  const std::vector<IdSpaceInfo> spaces = list(txn);
  for (const Property& p : properties) {
    if (p.value.type() != ValueType::kSealed) continue;
    for (const IdSpaceInfo& space : spaces) {
      const FingerprintedKey key = key_of({space.id, p.value.as_sealed().fingerprint, node});
      const std::string_view k(key.data(), key.size());
      auto v = txn.get(env_.dbi().id_spaces, k);
      if (v && v->size() == 8 && get_be64(v->data()) == node) txn.del(env_.dbi().id_spaces, k);
    }
  }
}

std::optional<NodeId> IdSpaces::lookup(const Transaction& txn, const IdSpaceInfo& space,
                                       const Value& id) {
  auto v = txn.get(env_.dbi().id_spaces, entry_key(txn, space.id, id));
  if (!v) return std::nullopt;
  if (v->size() != 8) {
    throw StorageError(ErrorCode::kCorruption,
                       "ID space '" + space.name + "' entry does not hold a node id");
  }
  const NodeId node = get_be64(v->data());
  if (!txn.get(env_.dbi().nodes, IdKey(node).view())) return std::nullopt;
  return node;
}

IdSpaceWriter::IdSpaceWriter(WriteTransaction& txn, IdSpaces& spaces, const IdSpaceInfo& space)
    : txn_(txn),
      spaces_(spaces),
      space_id_(space.id),
      by_fingerprint_(spaces.keyed_by_fingerprint(txn)) {
  if (int rc = mdb_cursor_open(txn.raw(), txn.env().dbi().id_spaces, &cursor_)) {
    throw_lmdb_error(rc, "idspace");
  }
}

IdSpaceWriter::~IdSpaceWriter() { mdb_cursor_close(cursor_); }

void IdSpaceWriter::put_key(std::string_view key, NodeId node) {
  char value[8];
  put_be64(value, node);
  MDB_val k = to_val(key), v{8, value};
  if (append_) {
    const int rc = mdb_cursor_put(cursor_, &k, &v, MDB_APPEND);
    if (rc != MDB_KEYEXIST) {
      txn_.check(rc, "writing ID space");
      return;
    }
    append_ = false;  // not past the end of the table: ordinary puts from here
    k = to_val(key);
    v = MDB_val{8, value};
  }
  txn_.check(mdb_cursor_put(cursor_, &k, &v, 0), "writing ID space");
}

void IntIdMap::build(const std::vector<std::int64_t>& keys,
                     const std::vector<std::uint64_t>& values, std::uint64_t* duplicate,
                     std::uint64_t* first) {
  *duplicate = *first = kNoId;
  size_ = keys.size();
  affine_ = dense_ = false;
  direct_.clear();
  slots_.clear();
  if (keys.empty()) return;
  std::int64_t lo = keys[0], hi = keys[0];
  for (std::int64_t k : keys) {
    lo = std::min(lo, k);
    hi = std::max(hi, k);
  }
  // Values are distinct (node positions), so if value - key is one constant
  // the keys are distinct too, and no table is needed.
  const std::uint64_t shift_by =
      values[0] - (static_cast<std::uint64_t>(keys[0]) - static_cast<std::uint64_t>(lo));
  bool affine = true;
  for (std::uint64_t i = 0; affine && i < keys.size(); ++i) {
    affine = values[i] - (static_cast<std::uint64_t>(keys[i]) - static_cast<std::uint64_t>(lo)) ==
             shift_by;
  }
  if (affine) {
    affine_ = true;
    min_ = lo;
    span_ = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
    shift_by_ = shift_by;
    return;
  }
  // Slots hold indices into keys while building, then the values.
  const std::uint64_t range = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  if (range < 2 * keys.size() + 1024) {
    dense_ = true;
    min_ = lo;
    direct_.assign(range + 1, kNoId);
    for (std::uint64_t i = 0; i < keys.size(); ++i) {
      std::uint64_t& slot =
          direct_[static_cast<std::uint64_t>(keys[i]) - static_cast<std::uint64_t>(lo)];
      if (slot != kNoId) {
        *duplicate = i;
        *first = slot;
        return;
      }
      slot = i;
    }
    for (std::uint64_t& slot : direct_) {
      if (slot != kNoId) slot = values[slot];
    }
    return;
  }
  const std::size_t capacity = std::bit_ceil(keys.size() * 2);
  mask_ = capacity - 1;
  shift_ = 64 - std::countr_zero(capacity);
  slots_.assign(capacity, Slot{0, kNoId});
  for (std::uint64_t i = 0; i < keys.size(); ++i) {
    std::size_t s = hash(keys[i]);
    for (;;) {
      Slot& slot = slots_[s];
      if (slot.value == kNoId) {
        slot = Slot{keys[i], i};
        break;
      }
      if (slot.key == keys[i]) {
        *duplicate = i;
        *first = slot.value;
        return;
      }
      s = (s + 1) & mask_;
    }
  }
  for (Slot& slot : slots_) {
    if (slot.value != kNoId) slot.value = values[slot.value];
  }
}

}  // namespace guanxi::storage
