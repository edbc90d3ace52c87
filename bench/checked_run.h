// The end of a benchmark program that also checks results: run what is
// registered, print the summary, tear the data down, and exit 1 when a
// benchmark threw or saw a wrong result.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdio>
#include <exception>
#include <functional>

namespace guanxi::bench {

// `failed` is read after the run (benchmarks set it on a wrong result);
// `teardown` runs before benchmark::Shutdown, whether or not the run threw.
inline int run_checked_benchmarks(const char* program, const std::function<void()>& summary,
                                  const std::function<void()>& teardown, const bool& failed) {
  int rc = 0;
  try {
    benchmark::RunSpecifiedBenchmarks();
    summary();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", program, e.what());
    rc = 1;
  }
  teardown();
  benchmark::Shutdown();
  if (failed) {
    std::fprintf(stderr, "%s: a benchmark saw a wrong result (see above)\n", program);
    rc = 1;
  }
  return rc;
}

}  // namespace guanxi::bench
