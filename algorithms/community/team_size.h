// How many OpenMP threads a community algorithm uses for a given amount of
// work: on small graphs a parallel region costs more than it saves (and on a
// loaded machine waiting threads cost far more), so they run on one thread.
#pragma once

#include <cstdint>

#include "algorithms/thread_count.h"

namespace guanxi::algorithms {

// `work`: vertices plus arcs the parallel loops will touch.
inline int team_size(int concurrency, std::uint64_t work) {
  constexpr std::uint64_t kParallelWork = 1 << 16;
  return work < kParallelWork ? 1 : thread_count(concurrency);
}

}  // namespace guanxi::algorithms
