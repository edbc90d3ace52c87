// The graph scale of a benchmark program: GUANXI_BENCH_SCALE, overridden by
// a --scale=N argument, which is taken out of argv before Google Benchmark
// sees it (it refuses flags it does not know).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace guanxi::bench {

// Returns the scale (`fallback` when neither is given) and removes
// --scale=N from argv; a scale outside 4..30 (or not a number) ends the
// program with status 2, naming `program`.
inline int take_scale_flag(const char* program, int* argc, char** argv, int fallback) {
  int scale = fallback;
  if (const char* env = std::getenv("GUANXI_BENCH_SCALE"); env && *env) scale = std::atoi(env);
  int out = 1;
  for (int i = 1; i < *argc; ++i) {
    if (std::strncmp(argv[i], "--scale=", 8) == 0) {
      scale = std::atoi(argv[i] + 8);
    } else {
      argv[out++] = argv[i];
    }
  }
  *argc = out;
  if (scale < 4 || scale > 30) {
    std::fprintf(stderr, "%s: scale must be within 4..30, not %d\n", program, scale);
    std::exit(2);
  }
  return scale;
}

}  // namespace guanxi::bench
