// OpenedRecordCache: node records that held sealed values, kept with those
// values opened, for the read snapshot they were read in.
//
// Why: the opened value cache (opened_value_cache.h) spares a tagged read
// its decryption, but not the rest of what makes it dearer than a plain
// one: the record is about twice as large (a fingerprint, a nonce and a tag
// beside each tagged value), so fetching it from LMDB touches more pages
// and its checksum and decoding cost more, and finding the opened value
// costs two more misses of the processor's caches. A 2-hop statement that
// reads a tagged value per row ran 1.7x as long as over plain values. A
// record remembered here, keyed by node id within one snapshot, is read
// with one lookup and no LMDB access, decryption or checksum of the stored
// record at all.
//
// A read snapshot never changes, so an entry needs no invalidation: it
// belongs to the snapshot (the LMDB transaction id every reader of that
// snapshot shares, in this process or another) it was read in, and a
// record remembered for a newer snapshot drops the older ones of its shard.
// So after a write commits, the first statement that reads a tagged value
// of a record opens it again (the opened value cache makes that cheap).
// Write transactions never use it: they read their own writes.
//
// Entries are the records' encodings (record_codec.h), kept in blocks of
// 256 consecutive node ids, each block's encodings in id order in one
// buffer, and in front of them a bitmap of the node ids held, indexed by id.
// A scan meets all of these in id order, as it meets LMDB's pages: a
// lookup of a record that is not held (most records of a scan that reads
// no tagged value) costs a bit from a cache line the previous lookup
// brought in and no lock, and a record that is held is read from beside
// the one before it. (Entries placed by hash cost a scan two misses of the
// processor's caches per record: a segment scan over records a 2-hop had
// opened ran 1.5x as long as over plain records from LMDB.) Nodes with ids
// from 2^30 on are not kept. A shard stops taking records when its share of
// the byte budget is spent, until the next snapshot or clear().
// Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/ids.h"
#include "storage/record_codec.h"

namespace guanxi::storage {

class OpenedRecordCache {
 public:
  // `budget_bytes` bounds the blocks' memory (their tables and encodings);
  // the bitmap pages come on top, 10 KiB per 65,536 node ids that ever had
  // a record here. 0 keeps nothing.
  explicit OpenedRecordCache(std::size_t budget_bytes);
  ~OpenedRecordCache();
  OpenedRecordCache(const OpenedRecordCache&) = delete;
  OpenedRecordCache& operator=(const OpenedRecordCache&) = delete;

  // Decodes into `*out` node `id`'s record as remembered for read snapshot
  // `snapshot` and returns true; false (leaving `*out` alone) when it is
  // not held for that snapshot.
  bool find(std::uint64_t snapshot, NodeId id, NodeRecord* out);
  // Remembers `opened`, node `id`'s record in read snapshot `snapshot` with
  // every sealed value opened (or, when it did not open, removed). A
  // snapshot older than the shard's is not remembered.
  void remember(std::uint64_t snapshot, NodeId id, const NodeRecord& opened);
  // Forgets every record.
  void clear();

 private:
  static constexpr std::size_t kShards = 16;
  static constexpr std::size_t kBlockIds = 256;
  static constexpr std::size_t kPageIds = std::size_t{1} << 16;
  static constexpr std::size_t kPages = std::size_t{1} << 14;  // ids below 2^30
  // The records of ids [first, first + 256) held, encodings in id order.
  struct Block {
    NodeId first = 0;
    std::array<std::uint32_t, kBlockIds> offset{};
    std::array<std::uint32_t, kBlockIds> length{};  // 0: not held
    std::string bytes;
  };
  // The blocks of ids [n * 65,536, (n + 1) * 65,536), made on first use and
  // kept. A block pointer is read and written under its shard's lock; the
  // bit of every id held is read without one, so a stale bit costs a locked
  // lookup that finds nothing, never a wrong answer.
  struct Page {
    std::array<std::atomic<std::uint64_t>, kPageIds / 64> held{};
    std::array<Block*, kPageIds / kBlockIds> blocks{};
  };
  // Block b (ids from b * 256) belongs to shard b % kShards.
  struct Shard {
    std::mutex mutex;
    std::uint64_t snapshot = 0;
    std::vector<std::unique_ptr<Block>> blocks;
    std::size_t bytes = 0;  // the blocks' memory
    bool full = false;      // the budget is spent: take nothing until reset
  };

  Shard& shard_of(NodeId id) { return shards_[(id / kBlockIds) % kShards]; }
  bool held(NodeId id) const;
  // The page of `id`, made (with the page table) on first use.
  Page& page(NodeId id);
  // Empties `shard` (its lock held) for `snapshot`.
  void reset(Shard& shard, std::uint64_t snapshot);

  std::size_t shard_budget_;
  std::array<Shard, kShards> shards_;
  // The page table (kPages entries), made with the first record remembered,
  // never replaced: 128 KiB that a process reading no tagged value never
  // touches. Zeroing it at every open was a tenth of the page faults of
  // `guanxi DB -c "RETURN 1"`, whose faults cost most of its time.
  std::atomic<std::atomic<Page*>*> pages_{nullptr};
};

}  // namespace guanxi::storage
