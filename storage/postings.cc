#include "storage/postings.h"

#include <map>

namespace guanxi::storage {

namespace {
constexpr std::uint64_t kChunkBits = 16;
}

struct Postings::Pending {
  // Chunks touched by the transaction, as they will be written at commit.
  std::map<std::pair<SetKey, std::uint32_t>, Roaring> chunks;
  bool hooked = false;
};

std::string Postings::chunk_key(SetKey set, std::uint32_t high) {
  std::string k(9, '\0');
  k[0] = static_cast<char>(set.kind);
  put_be32(k.data() + 1, set.id);
  put_be32(k.data() + 5, high);
  return k;
}

Roaring Postings::decode_chunk(std::string_view bytes, SetKey set, std::uint32_t high) {
  const std::string what = "postings chunk " + std::string(1, static_cast<char>(set.kind)) +
                           std::to_string(set.id) + "/" + std::to_string(high);
  Roaring r;
  try {
    r = Roaring::readSafe(bytes.data(), bytes.size());
  } catch (const std::exception&) {
    throw StorageError(ErrorCode::kCorruption, what + " is damaged: not a valid bitmap");
  }
  if (r.getSizeInBytes(true) != bytes.size()) {
    throw StorageError(ErrorCode::kCorruption, what + " is damaged: trailing bytes");
  }
  if (!r.isEmpty() && r.maximum() >= (1u << kChunkBits)) {
    throw StorageError(ErrorCode::kCorruption, what + " is damaged: id outside its chunk");
  }
  return r;
}

Postings::Pending& Postings::pending(WriteTransaction& txn) {
  Pending& p = txn.attachment<Pending>();
  if (!p.hooked) {
    p.hooked = true;
    // The pending chunks belong to the transaction, shared by every Postings
    // of the environment, so the hook must not outlive the object that first
    // registered it: bind it to the environment instead.
    txn.before_commit([env = &env_, &txn] { Postings(*env).flush(txn); });
  }
  return p;
}

Roaring& Postings::chunk(WriteTransaction& txn, SetKey set, std::uint32_t high) {
  Pending& p = pending(txn);
  auto [it, fresh] = p.chunks.try_emplace({set, high});
  if (fresh) {
    if (auto v = txn.get(env_.dbi().postings, chunk_key(set, high))) {
      it->second = decode_chunk(*v, set, high);
    }
  }
  return it->second;
}

void Postings::flush(WriteTransaction& txn) {
  Pending& p = pending(txn);
  std::string buf;
  for (auto& [key, bitmap] : p.chunks) {
    const std::string k = chunk_key(key.first, key.second);
    if (bitmap.isEmpty()) {
      txn.del(env_.dbi().postings, k);
      continue;
    }
    bitmap.runOptimize();
    bitmap.shrinkToFit();
    buf.resize(bitmap.getSizeInBytes(true));
    bitmap.write(buf.data(), true);
    txn.put(env_.dbi().postings, k, buf);
  }
  p.chunks.clear();
}

void Postings::add(WriteTransaction& txn, SetKey set, std::uint64_t id) {
  chunk(txn, set, static_cast<std::uint32_t>(id >> kChunkBits))
      .add(static_cast<std::uint32_t>(id & 0xffff));
}

void Postings::remove(WriteTransaction& txn, SetKey set, std::uint64_t id) {
  chunk(txn, set, static_cast<std::uint32_t>(id >> kChunkBits))
      .remove(static_cast<std::uint32_t>(id & 0xffff));
}

void Postings::add_all(WriteTransaction& txn, SetKey set, const Roaring64Map& ids) {
  // Split the 64-bit set into chunks of 2^16 ids and merge each chunk once.
  std::uint32_t current_high = 0;
  Roaring part;
  bool have = false;
  auto merge = [&] {
    if (have && !part.isEmpty()) chunk(txn, set, current_high) |= part;
    part = Roaring();
  };
  std::vector<std::uint32_t> lows;
  for (auto it = ids.begin(); it != ids.end(); ++it) {
    const std::uint64_t id = *it;
    const auto high = static_cast<std::uint32_t>(id >> kChunkBits);
    if (!have || high != current_high) {
      if (!lows.empty()) part.addMany(lows.size(), lows.data());
      lows.clear();
      merge();
      current_high = high;
      have = true;
    }
    lows.push_back(static_cast<std::uint32_t>(id & 0xffff));
  }
  if (!lows.empty()) part.addMany(lows.size(), lows.data());
  merge();
}

bool Postings::contains(const Transaction& txn, SetKey set, std::uint64_t id) {
  const auto high = static_cast<std::uint32_t>(id >> kChunkBits);
  if (auto* w = txn.as_write()) return chunk(*w, set, high).contains(id & 0xffff);
  auto v = txn.get(env_.dbi().postings, chunk_key(set, high));
  return v && decode_chunk(*v, set, high).contains(static_cast<std::uint32_t>(id & 0xffff));
}

Roaring64Map Postings::load(const Transaction& txn, SetKey set) {
  Roaring64Map out;
  const std::string prefix = chunk_key(set, 0).substr(0, 5);
  Cursor cur(txn, env_.dbi().postings);
  MDB_val k, v;
  std::vector<std::uint32_t> seen;
  for (bool more = cur.seek(prefix, k, v);
       more && k.mv_size == 9 && std::memcmp(k.mv_data, prefix.data(), 5) == 0;
       more = cur.get(k, v, MDB_NEXT)) {
    const std::uint32_t high = get_be32(static_cast<const char*>(k.mv_data) + 5);
    Roaring r = decode_chunk(from_val(v), set, high);
    if (auto* w = txn.as_write()) {
      auto& chunks = pending(*w).chunks;
      if (auto it = chunks.find({set, high}); it != chunks.end()) r = it->second;
      seen.push_back(high);
    }
    const std::uint64_t base = static_cast<std::uint64_t>(high) << kChunkBits;
    for (std::uint32_t low : r) out.add(base | low);
  }
  if (auto* w = txn.as_write()) {
    // Chunks created by this transaction and not yet on disk.
    for (auto& [key, bitmap] : pending(*w).chunks) {
      if (key.first != set || std::find(seen.begin(), seen.end(), key.second) != seen.end())
        continue;
      const std::uint64_t base = static_cast<std::uint64_t>(key.second) << kChunkBits;
      for (std::uint32_t low : bitmap) out.add(base | low);
    }
  }
  return out;
}

std::uint64_t Postings::cardinality(const Transaction& txn, SetKey set) {
  if (txn.is_write()) return load(txn, set).cardinality();
  std::uint64_t n = 0;
  const std::string prefix = chunk_key(set, 0).substr(0, 5);
  Cursor cur(txn, env_.dbi().postings);
  MDB_val k, v;
  for (bool more = cur.seek(prefix, k, v);
       more && k.mv_size == 9 && std::memcmp(k.mv_data, prefix.data(), 5) == 0;
       more = cur.get(k, v, MDB_NEXT)) {
    n += decode_chunk(from_val(v), set, get_be32(static_cast<const char*>(k.mv_data) + 5))
             .cardinality();
  }
  return n;
}

std::vector<std::uint32_t> Postings::sets(const Transaction& txn, SetKind kind) {
  std::vector<std::uint32_t> out;
  Cursor cur(txn, env_.dbi().postings);
  const char start = static_cast<char>(kind);
  MDB_val k, v;
  for (bool more = cur.seek(std::string_view(&start, 1), k, v);
       more && k.mv_size == 9 && static_cast<const char*>(k.mv_data)[0] == start;
       more = cur.get(k, v, MDB_NEXT)) {
    const std::uint32_t id = get_be32(static_cast<const char*>(k.mv_data) + 1);
    if (out.empty() || out.back() != id) out.push_back(id);
  }
  return out;
}

}  // namespace guanxi::storage
