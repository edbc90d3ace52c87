// LiveProgress: how far the statement running on a session has got — the
// rows it has produced and, inside an algorithm, its phase and step — kept
// by the session and written by the statement's run, so that another thread
// may read it while the statement runs (guanxi::Session::progress, the
// shell's progress line). Nothing here waits, locks or reads a clock: a
// statement pays one relaxed store per row and per algorithm step.
#pragma once

#include <atomic>
#include <cstdint>

#include "algorithms/run_progress.h"

namespace guanxi::query {

struct LiveProgress {
  std::atomic<std::uint64_t> rows{0};  // rows the statement has produced
  algorithms::RunProgress algorithm;   // the algorithm running, if any

  // A statement starts: nothing produced, no phase.
  void reset() {
    rows.store(0, std::memory_order_relaxed);
    algorithm.clear();
  }
  // One more row. Only the statement's thread writes, so no read-modify-write
  // is needed.
  void add_row() {
    rows.store(rows.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  }
};

}  // namespace guanxi::query
