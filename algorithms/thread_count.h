// The number of OpenMP threads an algorithm runs with, from its GDS-style
// `concurrency` setting (0 = every core OpenMP offers).
#pragma once

#include <string>

#include "algorithms/algorithm_error.h"

#ifdef _OPENMP
#include <omp.h>
#endif

namespace guanxi::algorithms {

// Throws ConfigError naming "concurrency" for a negative value.
inline void validate_concurrency(const std::string& algorithm, int concurrency) {
  if (concurrency < 0) {
    throw ConfigError(algorithm, "concurrency",
                      "must be at least 0 (0 = all cores), got " + std::to_string(concurrency));
  }
}

inline int thread_count(int concurrency) {
  if (concurrency > 0) return concurrency;
#ifdef _OPENMP
  return omp_get_max_threads();
#else
  return 1;
#endif
}

// `work`: the operations of the run (e.g. arcs times iterations). Below about
// a million, threads cost more than they save (each parallel region has a
// barrier, and on a loaded machine a barrier can wait a whole time slice), so
// small runs take one thread.
inline int thread_count(int concurrency, double work) {
  return work < 1e6 ? 1 : thread_count(concurrency);
}

}  // namespace guanxi::algorithms
