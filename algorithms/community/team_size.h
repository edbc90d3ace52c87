// How many OpenMP threads a community algorithm uses for a given amount of
// work: on small graphs a parallel region costs more than it saves (and on a
// loaded machine waiting threads cost far more), so they run on one thread.
#pragma once

#include <cstdint>

#include "algorithms/thread_count.h"

namespace guanxi::algorithms {

// Where most community algorithms start using threads.
inline constexpr std::uint64_t kParallelWork = 1 << 16;

// Where triangle count and k-core do: their loops are memory-bound, and a
// second thread's share did not pay for starting and joining it on graphs
// far larger than kParallelWork. Projection cached, 2 cores, one thread
// against two: triangle count on the M graph (100,000 nodes, 500,000
// relationships) 0.043 s against 0.057-0.067 in every round; on the demo
// customer graph of 100,000
// customers (1.9M vertices plus arcs; medians of 15, twice) triangles 79 and
// 77 ms against 96 and 95, k-core 31 and 28 against 37 and 33. At 300,000
// customers (5.7M) two were faster: 312 ms against 343, 109 against 131.
// (WCC keeps kParallelWork: there the two were within a millisecond of each
// other, either way, at every size up to 100,000 customers.)
inline constexpr std::uint64_t kOnePassParallelWork = 1 << 22;

// `work`: vertices plus arcs the parallel loops will touch; one thread below
// `parallel_from`.
inline int team_size(int concurrency, std::uint64_t work,
                     std::uint64_t parallel_from = kParallelWork) {
  return work < parallel_from ? 1 : thread_count(concurrency);
}

}  // namespace guanxi::algorithms
