#include "storage/opened_record_cache.h"

#include <algorithm>
#include <limits>

namespace guanxi::storage {

namespace {
// Offsets within a block are 32 bits.
constexpr std::size_t kMaxBlockBytes = std::numeric_limits<std::uint32_t>::max();
}  // namespace

OpenedRecordCache::OpenedRecordCache(std::size_t budget_bytes)
    : shard_budget_(budget_bytes / kShards) {}

OpenedRecordCache::~OpenedRecordCache() {
  std::atomic<Page*>* table = pages_.load(std::memory_order_acquire);
  if (!table) return;
  for (std::size_t i = 0; i < kPages; ++i) delete table[i].load(std::memory_order_relaxed);
  delete[] table;
}

bool OpenedRecordCache::held(NodeId id) const {
  const std::atomic<Page*>* table = pages_.load(std::memory_order_acquire);
  if (!table || id >= kPages * kPageIds) return false;
  const Page* p = table[id / kPageIds].load(std::memory_order_acquire);
  if (!p) return false;
  return (p->held[(id % kPageIds) / 64].load(std::memory_order_relaxed) >> (id % 64)) & 1;
}

OpenedRecordCache::Page& OpenedRecordCache::page(NodeId id) {
  std::atomic<Page*>* table = pages_.load(std::memory_order_acquire);
  if (!table) {
    std::unique_ptr<std::atomic<Page*>[]> made(new std::atomic<Page*>[kPages]());
    if (pages_.compare_exchange_strong(table, made.get(), std::memory_order_acq_rel))
      table = made.release();
  }
  std::atomic<Page*>& place = table[id / kPageIds];
  Page* p = place.load(std::memory_order_acquire);
  if (!p) {
    auto made = std::make_unique<Page>();
    if (place.compare_exchange_strong(p, made.get(), std::memory_order_acq_rel)) p = made.release();
  }
  return *p;
}

void OpenedRecordCache::reset(Shard& shard, std::uint64_t snapshot) {
  for (const auto& block : shard.blocks) {
    Page& p = page(block->first);
    for (std::size_t i = 0; i < kBlockIds; ++i) {
      if (block->length[i] == 0) continue;
      const NodeId id = block->first + i;
      p.held[(id % kPageIds) / 64].fetch_and(~(std::uint64_t{1} << (id % 64)),
                                             std::memory_order_relaxed);
    }
    p.blocks[(block->first % kPageIds) / kBlockIds] = nullptr;
  }
  shard.blocks.clear();
  shard.snapshot = snapshot;
  shard.bytes = 0;
  shard.full = false;
}

bool OpenedRecordCache::find(std::uint64_t snapshot, NodeId id, NodeRecord* out) {
  if (!held(id)) return false;
  Shard& shard = shard_of(id);
  std::lock_guard lock(shard.mutex);
  if (shard.snapshot != snapshot) return false;
  const Block* block = page(id).blocks[(id % kPageIds) / kBlockIds];
  if (!block) return false;
  const std::size_t i = id % kBlockIds;
  if (block->length[i] == 0) return false;
  *out = decode_node(std::string_view(block->bytes).substr(block->offset[i], block->length[i]), id);
  return true;
}

void OpenedRecordCache::remember(std::uint64_t snapshot, NodeId id, const NodeRecord& opened) {
  if (shard_budget_ == 0 || id >= kPages * kPageIds) return;
  const std::string bytes = encode_node(opened);
  Shard& shard = shard_of(id);
  std::lock_guard lock(shard.mutex);
  if (snapshot < shard.snapshot) return;
  if (snapshot > shard.snapshot) reset(shard, snapshot);
  if (shard.full) return;
  Page& p = page(id);
  Block*& block = p.blocks[(id % kPageIds) / kBlockIds];
  const std::size_t i = id % kBlockIds;
  if (block && block->length[i] != 0) return;  // one snapshot, one record
  // A block's buffer grows by doubling; count what it reserves.
  const std::size_t before = block ? sizeof(Block) + block->bytes.capacity() : 0;
  const std::size_t size = block ? block->bytes.size() : 0;
  const std::size_t capacity = block ? block->bytes.capacity() : 0;
  const std::size_t after =
      sizeof(Block) +
      (size + bytes.size() > capacity ? std::max(2 * capacity, size + bytes.size()) : capacity);
  if (shard.bytes - before + after > shard_budget_ || size + bytes.size() > kMaxBlockBytes) {
    shard.full = true;
    return;
  }
  if (!block) {
    shard.blocks.push_back(std::make_unique<Block>());
    block = shard.blocks.back().get();
    block->first = id - i;
  }
  // In id order: the record goes before the next one held.
  std::size_t at = block->bytes.size();
  for (std::size_t j = i + 1; j < kBlockIds; ++j) {
    if (block->length[j] == 0) continue;
    if (at == block->bytes.size()) at = block->offset[j];
    block->offset[j] += static_cast<std::uint32_t>(bytes.size());
  }
  block->bytes.insert(at, bytes);
  block->offset[i] = static_cast<std::uint32_t>(at);
  block->length[i] = static_cast<std::uint32_t>(bytes.size());
  shard.bytes = shard.bytes - before + sizeof(Block) + block->bytes.capacity();
  p.held[(id % kPageIds) / 64].fetch_or(std::uint64_t{1} << (id % 64), std::memory_order_relaxed);
}

void OpenedRecordCache::clear() {
  for (Shard& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    reset(shard, shard.snapshot);
  }
}

}  // namespace guanxi::storage
