// OpenedValueCache: the sealed values this process has opened, remembered
// so that a value read again is not decrypted again.
//
// Why: opening a sealed value (value_cipher.h) costs a key lookup and one
// XChaCha20-Poly1305 decryption, about 0.6 us on the reference machine: as
// much as the rest of a row of a scan, so a statement that returns a tagged
// value per row ran 1.7x slower than the same statement over plain values,
// and a 2-hop expansion, whose rows meet the same hubs again and again,
// 2.5x. A database that encrypts pages decrypts a page into its buffer pool
// once and serves every later read from memory; this is the same for
// values: the first statement that meets a value pays for it.
//
// An entry is found only for the very same sealing: the entity, the
// subject whose key opened it, the property, and the first bytes of the
// box's nonce (random for every value written) and of its authentication
// tag. A value written since, or deleted and written again, is a new
// sealing and is opened afresh, so the cache needs no invalidation on
// writes; erasing a subject clears it (value_cipher.cc), and what it holds
// is no more than the subject keys this process already holds in memory
// could open.
//
// Set-associative (four entries per bucket), split into shards that each
// have their own lock and grow, by doubling, each time their misses reach
// half their size (so a working set that fits stays below half full, where
// four ways lose few entries to full buckets), up to the byte budget given
// at construction. Thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

#include "storage/ids.h"
#include "storage/value.h"

namespace guanxi::storage {

class OpenedValueCache {
 public:
  // `budget_bytes` bounds the entries' memory (a string value's characters
  // beyond the inline ones come on top); 0 remembers nothing.
  explicit OpenedValueCache(std::size_t budget_bytes);

  // What `sealed`, the value of property `key` of entity `id`, opened to
  // under `subject`'s key when it was remembered; nullopt when it was not
  // (or no longer is).
  std::optional<Value> find(SealedEntity entity, std::uint64_t id, NodeId subject,
                            PropertyKeyId key, const Sealed& sealed);
  // Remembers that `sealed` opened to `plain`. `sealed.box` holds at least
  // a nonce and a tag.
  void remember(SealedEntity entity, std::uint64_t id, NodeId subject, PropertyKeyId key,
                const Sealed& sealed, const Value& plain);
  // Forgets every value.
  void clear();

 private:
  static constexpr std::size_t kShards = 64, kWays = 4;
  // What identifies a sealing: the box's first 8 nonce bytes (random) and
  // first 8 tag bytes.
  using Seal = std::array<std::uint64_t, 2>;
  struct Entry {
    std::uint64_t id = 0;
    NodeId subject = 0;
    PropertyKeyId key = 0;
    SealedEntity entity = SealedEntity::kNode;
    Seal seal{};
    Value plain;
  };
  // A bucket's four checks (a hash of place and seal; 0: empty) share one
  // cache line, so a lookup reads that line and the one entry it points
  // to: the table is far larger than the processor's caches, and reading
  // four whole entries cost three times as much.
  struct Shard {
    std::mutex mutex;
    std::vector<std::uint64_t> checks;  // allocated at the first remember
    std::vector<Entry> entries;
    std::uint64_t misses = 0;  // since it last grew
    std::uint32_t victim = 0;  // turns through the ways of a full bucket
  };

  static std::uint64_t place(SealedEntity entity, std::uint64_t id, PropertyKeyId key);
  static Seal seal_of(const Sealed& sealed);
  static std::uint64_t check_of(std::uint64_t place, const Seal& seal);
  // The index of the first slot of the bucket of `place` in `shard`.
  static std::size_t bucket(const Shard& shard, std::uint64_t place);
  void grow(Shard& shard);
  static void put(Shard& shard, std::uint64_t place, Entry&& entry);

  std::size_t max_entries_per_shard_;
  std::array<Shard, kShards> shards_;
};

}  // namespace guanxi::storage
