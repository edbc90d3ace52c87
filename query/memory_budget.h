// MemoryBudget: how many bytes one statement may hold, and what it holds now.
//
// A statement that buffers (Sort, TopK, aggregation and collect(), DISTINCT,
// Eager, the paths of a variable-length expansion) or builds a large list
// (range(), list comprehensions, reduce()) counts the bytes it keeps here,
// and fails with a QueryError (kLimit) naming the budget as soon as it would
// need more: "the statement needs more than 2.0 GiB of memory (memory
// budget, --memory-budget)". It fails before the process is at risk, so one
// runaway ORDER BY cannot take the machine's memory from everything else.
//
// The sizes are estimates (value_footprint.h): close to what the allocator
// hands out, never exact. Counting must stay cheap on the hot path, so
// holders add their bytes in batches (MemoryCharge) and the budget is one
// counter per statement, used by the one thread that runs the statement.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace guanxi::query {

// The budget when none is configured: a quarter of the machine's physical
// memory, or of the container's (its control group's) limit when lower, at
// least kLeastDefaultMemoryBudget. Read at the first call; later calls
// return the same value.
std::uint64_t default_memory_budget();
inline constexpr std::uint64_t kLeastDefaultMemoryBudget = std::uint64_t{256} << 20;

// "2.0 GiB", "512.0 MiB", "1.5 KiB", "100 bytes": how errors name a budget.
std::string format_byte_size(std::uint64_t bytes);

// The bytes one heap block of `requested` bytes takes (0 for 0): the request
// with malloc's 8-byte header, rounded up to 16, at least 32.
constexpr std::uint64_t heap_block_bytes(std::uint64_t requested) {
  if (requested == 0) return 0;
  const std::uint64_t with_header = requested + 8;
  return with_header <= 32 ? 32 : (with_header + 15) & ~std::uint64_t{15};
}

class MemoryBudget {
 public:
  // `limit` bytes; 0 means default_memory_budget(), read only when a
  // statement holds more than the least it can be: the control group's
  // files it reads were a fortieth of a one-statement process.
  explicit MemoryBudget(std::uint64_t limit = 0);
  MemoryBudget(const MemoryBudget&) = delete;
  MemoryBudget& operator=(const MemoryBudget&) = delete;

  std::uint64_t limit() const;
  // The bytes held now, and the most held at once during the statement.
  std::uint64_t held() const { return held_; }
  std::uint64_t peak() const { return peak_; }

  // Counts `bytes` more as held. Throws QueryError (kLimit) when that would
  // pass the limit; nothing is counted then.
  void hold(std::uint64_t bytes) {
    if (bytes > limit_ - held_) make_room(bytes);
    held_ += bytes;
    if (held_ > peak_) peak_ = held_;
  }
  // Gives back bytes counted by hold(); at most what is held.
  void release(std::uint64_t bytes) { held_ -= bytes < held_ ? bytes : held_; }
  // Throws like hold() when `bytes` more would pass the limit, but counts
  // nothing: for a value that is built and handed on (a list range()
  // returns), which its holder counts if it keeps it.
  void check_room(std::uint64_t bytes) const {
    if (bytes > limit_ - held_) make_room(bytes);
  }

  // The kLimit error this budget fails with.
  [[noreturn]] void exceeded() const;

 private:
  // Throws like hold() unless `bytes` more fit under the default limit once
  // it is read.
  void make_room(std::uint64_t bytes) const;

  // The limit; while the default is unread, the least it can be.
  mutable std::uint64_t limit_;
  mutable bool default_unread_;
  std::uint64_t held_ = 0;
  std::uint64_t peak_ = 0;
};

// What one holder (an operator, an aggregator's group) has counted against
// a budget, given back by clear() and the destructor. add() collects bytes
// and passes them to the budget in batches of kBatch, so the hot path is an
// addition and a comparison; the budget may therefore be passed by up to
// kBatch bytes per holder before it fails. A charge without a budget counts
// nothing.
class MemoryCharge {
 public:
  static constexpr std::uint64_t kBatch = std::uint64_t{64} << 10;

  MemoryCharge() = default;
  explicit MemoryCharge(MemoryBudget* budget) : budget_(budget) {}
  MemoryCharge(const MemoryCharge&) = delete;
  MemoryCharge& operator=(const MemoryCharge&) = delete;
  ~MemoryCharge() { clear(); }

  // Counts against `budget` from now on (after clear()).
  void attach(MemoryBudget* budget) {
    clear();
    budget_ = budget;
  }

  void add(std::uint64_t bytes) {
    pending_ += bytes;
    if (pending_ >= kBatch) flush();
  }
  // Counts `bytes` at once (a large block, before it is allocated).
  void add_now(std::uint64_t bytes) {
    pending_ += bytes;
    flush();
  }
  // Gives back `bytes` of what was added (a block freed or shrunk).
  void remove(std::uint64_t bytes) {
    const std::uint64_t from_pending = bytes < pending_ ? bytes : pending_;
    pending_ -= from_pending;
    bytes -= from_pending;
    if (bytes == 0) return;
    if (bytes > held_) bytes = held_;
    held_ -= bytes;
    if (budget_ != nullptr) budget_->release(bytes);
  }
  // Gives back everything.
  void clear() {
    if (budget_ != nullptr) budget_->release(held_);
    held_ = 0;
    pending_ = 0;
  }
  std::uint64_t total() const { return held_ + pending_; }

 private:
  void flush() {
    if (budget_ != nullptr) budget_->hold(pending_);  // throws when over: pending stays
    held_ += pending_;
    pending_ = 0;
  }

  MemoryBudget* budget_ = nullptr;
  std::uint64_t held_ = 0;
  std::uint64_t pending_ = 0;
};

// Makes room in `v` for one more element. When the vector must grow, its
// larger block is counted on `charge` before it is allocated (old and new
// block exist together while the elements move) and the old block is given
// back afterwards.
template <typename T>
void reserve_one_more(std::vector<T>& v, MemoryCharge& charge) {
  if (v.size() < v.capacity()) return;
  const std::size_t old_capacity = v.capacity();
  const std::size_t grown = old_capacity < 16 ? 16 : old_capacity * 2;
  charge.add_now(heap_block_bytes(grown * sizeof(T)));
  v.reserve(grown);
  charge.remove(heap_block_bytes(old_capacity * sizeof(T)));
}

}  // namespace guanxi::query
