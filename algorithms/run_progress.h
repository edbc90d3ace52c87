// RunProgress: how far a long algorithm run has got, the phase it is in and
// its step within that phase, published for a reader on another thread (a
// progress display, through guanxi::Session::progress). The run writes with
// relaxed atomic stores, cheap enough for every iteration or every source of
// a parallel loop; a reader sees each field's latest value, the three
// possibly a moment apart.
#pragma once

#include <atomic>
#include <cstdint>

namespace guanxi::algorithms {

class RunProgress {
 public:
  struct Snapshot {
    const char* phase = nullptr;  // null outside any phase
    std::uint64_t step = 0;       // steps done (1-based iteration) within the phase
    std::uint64_t steps = 0;      // steps the phase takes at most; 0 when unknown
  };

  // The run entered `phase`, which must be a string literal (readers keep
  // the pointer), of at most `steps` steps (0: unknown).
  void enter(const char* phase, std::uint64_t steps) {
    step_.store(0, std::memory_order_relaxed);
    steps_.store(steps, std::memory_order_relaxed);
    phase_.store(phase, std::memory_order_relaxed);
  }
  // The run is at step `step` of its phase (an iteration, 1-based).
  void at(std::uint64_t step) { step_.store(step, std::memory_order_relaxed); }
  // `steps` more steps done; safe from the threads of a parallel loop.
  void advance(std::uint64_t steps = 1) { step_.fetch_add(steps, std::memory_order_relaxed); }
  // No phase: the run is over (or has not started).
  void clear() { enter(nullptr, 0); }

  Snapshot snapshot() const {
    return {phase_.load(std::memory_order_relaxed), step_.load(std::memory_order_relaxed),
            steps_.load(std::memory_order_relaxed)};
  }

 private:
  std::atomic<const char*> phase_{nullptr};
  std::atomic<std::uint64_t> step_{0};
  std::atomic<std::uint64_t> steps_{0};
};

}  // namespace guanxi::algorithms
