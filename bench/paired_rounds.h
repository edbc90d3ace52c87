// Paired rounds: the two sides of a storage figure (Guanxi and the raw
// baseline) measured alternately inside one benchmark, so that load from
// elsewhere on the machine falls on both sides alike.
//
// Measured one benchmark after the other, the two sides' medians moved by up
// to 17% between runs of the same binary on the shared 2-core machine (2-hop
// read 1.06x in one run and 1.31x in the next). Here each round measures both
// sides, the side that goes first alternating from round to round, and gives
// one ratio; the summary quotes the median of those ratios
// (bench_summary.h: print_paired).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bench/bench_measurements.h"

namespace guanxi::bench {

// Where a paired figure's rounds are recorded: "paired.<figure>.guanxi.<unit>",
// "paired.<figure>.raw.<unit>" and "paired.<figure>.ratio".
struct PairedFigure {
  PairedFigure(const std::string& figure, const std::string& unit)
      : guanxi("paired." + figure + ".guanxi." + unit),
        raw("paired." + figure + ".raw." + unit),
        ratio("paired." + figure + ".ratio") {}
  std::string guanxi, raw, ratio;
};

// Measures round number `round`: measure(0) (Guanxi) and measure(1) (raw),
// in that order on even rounds and the other on odd ones, and records both
// values and their ratio under `figure`.
template <typename Measure>
void paired_round(std::uint64_t round, const PairedFigure& figure, Measure&& measure) {
  double value[2];
  for (std::uint64_t k = 0; k < 2; ++k) {
    const int side = static_cast<int>((round + k) % 2);
    value[side] = measure(side);
  }
  record(figure.guanxi, value[0]);
  record(figure.raw, value[1]);
  record(figure.ratio, value[0] / value[1]);
}

// The median latency, in ns, of `count` lookups of keys[from...] (wrapping;
// keys.size() is a power of two) timed in batches of `batch` (one clock pair
// per batch keeps the clock's own cost out). Adds the keys not found to
// *misses. `scratch` holds the batch times, so rounds allocate nothing.
template <typename Lookup>
double median_batch_ns(Lookup& lookup, const std::vector<std::uint64_t>& keys, std::size_t from,
                       std::size_t count, std::size_t batch, std::size_t* misses,
                       std::vector<double>& scratch) {
  using Clock = std::chrono::steady_clock;
  scratch.clear();
  for (std::size_t b = 0; b < count; b += batch) {
    const auto start = Clock::now();
    for (std::size_t j = 0; j < batch; ++j)
      *misses += !lookup(keys[(from + b + j) & (keys.size() - 1)]);
    scratch.push_back(std::chrono::duration<double, std::nano>(Clock::now() - start).count() /
                      static_cast<double>(batch));
  }
  const auto middle = scratch.begin() + static_cast<std::ptrdiff_t>(scratch.size() / 2);
  std::nth_element(scratch.begin(), middle, scratch.end());
  return *middle;
}

}  // namespace guanxi::bench
