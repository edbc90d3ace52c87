#include "storage/opened_value_cache.h"

#include <bit>
#include <cstring>

namespace guanxi::storage {

namespace {
// A shard's first table: 256 buckets; 64 shards of them hold 65,536 values.
constexpr std::size_t kFirstEntries = 1024;
// A box holds at least a nonce (24 bytes) and a tag (16).
constexpr std::size_t kMinBoxBytes = 40;
}  // namespace

OpenedValueCache::OpenedValueCache(std::size_t budget_bytes)
    : max_entries_per_shard_(budget_bytes / kShards / (sizeof(Entry) + 8) < kFirstEntries
                                 ? 0
                                 : std::bit_floor(budget_bytes / kShards / (sizeof(Entry) + 8))) {}

std::uint64_t OpenedValueCache::place(SealedEntity entity, std::uint64_t id, PropertyKeyId key) {
  std::uint64_t h = id ^ (std::uint64_t{key} << 40) ^ (entity == SealedEntity::kNode ? 0 : 1);
  h *= 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 29);
}

OpenedValueCache::Seal OpenedValueCache::seal_of(const Sealed& sealed) {
  Seal seal;
  std::memcpy(&seal[0], sealed.box.data(), 8);
  std::memcpy(&seal[1], sealed.box.data() + sealed.box.size() - 16, 8);
  return seal;
}

std::uint64_t OpenedValueCache::check_of(std::uint64_t place, const Seal& seal) {
  return (place ^ seal[0] ^ (seal[1] * 0xC2B2AE3D27D4EB4Full)) | 1;
}

std::size_t OpenedValueCache::bucket(const Shard& shard, std::uint64_t place) {
  const std::size_t buckets = shard.entries.size() / kWays;
  return ((place >> 6) & (buckets - 1)) * kWays;
}

std::optional<Value> OpenedValueCache::find(SealedEntity entity, std::uint64_t id, NodeId subject,
                                            PropertyKeyId key, const Sealed& sealed) {
  if (max_entries_per_shard_ == 0 || sealed.box.size() < kMinBoxBytes) return std::nullopt;
  const std::uint64_t where = place(entity, id, key);
  const Seal seal = seal_of(sealed);
  const std::uint64_t check = check_of(where, seal);
  Shard& shard = shards_[where % kShards];
  std::lock_guard lock(shard.mutex);
  if (!shard.entries.empty()) {
    const std::size_t first = bucket(shard, where);
    for (std::size_t i = first; i != first + kWays; ++i) {
      if (shard.checks[i] != check) continue;
      const Entry& e = shard.entries[i];
      if (e.id == id && e.key == key && e.entity == entity && e.subject == subject &&
          e.seal == seal) {
        return e.plain;
      }
    }
  }
  ++shard.misses;
  return std::nullopt;
}

void OpenedValueCache::put(Shard& shard, std::uint64_t where, Entry&& entry) {
  const std::size_t first = bucket(shard, where);
  std::size_t target = first + kWays;
  for (std::size_t i = first; i != first + kWays; ++i) {
    const Entry& e = shard.entries[i];
    // The same place sealed again replaces its older sealing.
    if (shard.checks[i] != 0 && e.id == entry.id && e.key == entry.key &&
        e.entity == entry.entity) {
      target = i;
      break;
    }
    if (shard.checks[i] == 0 && target == first + kWays) target = i;
  }
  if (target == first + kWays) target = first + (shard.victim++ % kWays);
  shard.checks[target] = check_of(where, entry.seal);
  shard.entries[target] = std::move(entry);
}

void OpenedValueCache::grow(Shard& shard) {
  std::vector<std::uint64_t> old_checks(shard.checks.size() * 2);
  std::vector<Entry> old_entries(shard.entries.size() * 2);
  old_checks.swap(shard.checks);
  old_entries.swap(shard.entries);
  for (std::size_t i = 0; i < old_entries.size(); ++i) {
    Entry& e = old_entries[i];
    if (old_checks[i] != 0) put(shard, place(e.entity, e.id, e.key), std::move(e));
  }
  shard.misses = 0;
}

void OpenedValueCache::remember(SealedEntity entity, std::uint64_t id, NodeId subject,
                                PropertyKeyId key, const Sealed& sealed, const Value& plain) {
  if (max_entries_per_shard_ == 0 || sealed.box.size() < kMinBoxBytes) return;
  const std::uint64_t where = place(entity, id, key);
  Entry entry{.id = id,
              .subject = subject,
              .key = key,
              .entity = entity,
              .seal = seal_of(sealed),
              .plain = plain};
  Shard& shard = shards_[where % kShards];
  std::lock_guard lock(shard.mutex);
  if (shard.entries.empty()) {
    shard.entries.resize(std::min(kFirstEntries, max_entries_per_shard_));
    shard.checks.assign(shard.entries.size(), 0);
  } else if (2 * shard.misses > shard.entries.size() &&
             shard.entries.size() < max_entries_per_shard_) {
    grow(shard);
  }
  put(shard, where, std::move(entry));
}

void OpenedValueCache::clear() {
  for (Shard& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    std::vector<std::uint64_t>().swap(shard.checks);
    std::vector<Entry>().swap(shard.entries);
    shard.misses = 0;
  }
}

}  // namespace guanxi::storage
