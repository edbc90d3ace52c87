#include "storage/dictionary.h"

#include <map>

#include "storage/bytes.h"
#include "storage/cursor.h"

namespace guanxi::storage {

namespace {

std::string name_key(NameKind kind, std::string_view name) {
  std::string k;
  k.reserve(2 + name.size());
  k.push_back(static_cast<char>(kind));
  k.push_back('n');
  k.append(name);
  return k;
}

std::string id_key(NameKind kind, std::uint32_t id) {
  std::string k(6, '\0');
  k[0] = static_cast<char>(kind);
  k[1] = 'i';
  put_be32(k.data() + 2, id);
  return k;
}

std::uint64_t cache_id(NameKind kind, std::uint32_t id) {
  return static_cast<std::uint64_t>(kind) << 32 | id;
}

const char* kind_name(NameKind kind) {
  switch (kind) {
    case NameKind::kLabel: return "label";
    case NameKind::kType: return "relationship type";
    case NameKind::kPropertyKey: return "property key";
  }
  return "name";
}

}  // namespace

struct Dictionary::Pending {
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<std::pair<std::uint64_t, std::string>> names;
  std::map<NameKind, std::uint32_t> next;
  bool hooked = false;
};

Dictionary::Pending& Dictionary::pending(WriteTransaction& txn) {
  Pending& p = txn.attachment<Pending>();
  if (!p.hooked) {
    p.hooked = true;
    txn.after_commit([this, &p] {
      std::unique_lock lock(mutex_);
      for (auto& [k, id] : p.ids) ids_.emplace(k, id);
      for (auto& [k, n] : p.names) names_.emplace(k, n);
    });
  }
  return p;
}

std::uint32_t Dictionary::next_id(const Transaction& txn, NameKind kind) {
  // The largest id of the kind is the last key of its 'i' range.
  Cursor cur(txn, env_.dbi().dict);
  const char after[2] = {static_cast<char>(kind), 'j'};
  MDB_val k, v;
  const bool found = cur.seek(std::string_view(after, 2), k, v) ? cur.get(k, v, MDB_PREV)
                                                                : cur.get(k, v, MDB_LAST);
  std::uint32_t next = 0;
  if (found && k.mv_size == 6 &&
      static_cast<const char*>(k.mv_data)[0] == static_cast<char>(kind) &&
      static_cast<const char*>(k.mv_data)[1] == 'i') {
    next = get_be32(static_cast<const char*>(k.mv_data) + 2) + 1;
  }
  return next;
}

std::string name_too_long(NameKind kind, std::size_t bytes) {
  return std::string(kind_name(kind)) + " name of " + std::to_string(bytes) +
         " bytes is longer than the " + std::to_string(kMaxNameBytes) + " bytes a name may have";
}

std::optional<std::uint32_t> Dictionary::find(const Transaction& txn, NameKind kind,
                                              std::string_view name) {
  if (name.size() > kMaxNameBytes) return std::nullopt;  // LMDB could not even look it up
  const std::string key = name_key(kind, name);
  {
    std::shared_lock lock(mutex_);
    if (auto it = ids_.find(key); it != ids_.end()) return it->second;
  }
  if (txn.is_write()) {
    auto& p = pending(*txn.as_write());
    if (auto it = p.ids.find(key); it != p.ids.end()) return it->second;
  }
  auto v = txn.get(env_.dbi().dict, key);
  if (!v) return std::nullopt;
  if (v->size() != 4) {
    throw StorageError(ErrorCode::kCorruption, std::string("dictionary entry of ") +
                                                   kind_name(kind) + " '" + std::string(name) +
                                                   "' is damaged");
  }
  const std::uint32_t id = get_be32(v->data());
  if (!txn.is_write()) {
    std::unique_lock lock(mutex_);
    ids_.emplace(key, id);
  }
  return id;
}

std::uint32_t Dictionary::intern(WriteTransaction& txn, NameKind kind, std::string_view name) {
  if (name.empty()) {
    throw StorageError(ErrorCode::kInvalidArgument,
                       std::string("empty ") + kind_name(kind) + " name");
  }
  if (name.size() > kMaxNameBytes)
    throw StorageError(ErrorCode::kInvalidArgument, name_too_long(kind, name.size()));
  if (auto id = find(txn, kind, name)) return *id;
  Pending& p = pending(txn);
  auto [it, fresh] = p.next.try_emplace(kind, 0);
  if (fresh) it->second = next_id(txn, kind);
  const std::uint32_t id = it->second++;
  char idbuf[4];
  put_be32(idbuf, id);
  const std::string nk = name_key(kind, name);
  txn.put(env_.dbi().dict, nk, std::string_view(idbuf, 4));
  txn.put(env_.dbi().dict, id_key(kind, id), name);
  p.ids.emplace(nk, id);
  p.names.emplace_back(cache_id(kind, id), std::string(name));
  return id;
}

std::string Dictionary::name(const Transaction& txn, NameKind kind, std::uint32_t id) {
  {
    std::shared_lock lock(mutex_);
    if (auto it = names_.find(cache_id(kind, id)); it != names_.end()) return it->second;
  }
  auto v = txn.get(env_.dbi().dict, id_key(kind, id));
  if (!v) {
    throw StorageError(ErrorCode::kCorruption,
                       std::string("unknown ") + kind_name(kind) + " id " + std::to_string(id));
  }
  std::string n(*v);
  if (!txn.is_write()) {
    std::unique_lock lock(mutex_);
    names_.emplace(cache_id(kind, id), n);
  }
  return n;
}

std::vector<std::string> Dictionary::all(const Transaction& txn, NameKind kind) {
  std::vector<std::string> out;
  Cursor cur(txn, env_.dbi().dict);
  const char start[2] = {static_cast<char>(kind), 'i'};
  MDB_val k, v;
  for (bool more = cur.seek(std::string_view(start, 2), k, v);
       more && k.mv_size == 6 && std::memcmp(k.mv_data, start, 2) == 0;
       more = cur.get(k, v, MDB_NEXT)) {
    const std::uint32_t id = get_be32(static_cast<const char*>(k.mv_data) + 2);
    if (id >= out.size()) out.resize(id + 1);
    out[id] = std::string(from_val(v));
  }
  return out;
}

}  // namespace guanxi::storage
