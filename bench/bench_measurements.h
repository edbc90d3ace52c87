// Measurements of the storage benchmarks: clocks, and the book of figures
// the closing summary compares (bench/storage_bench.cc).
#pragma once

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace guanxi::bench {

// CPU seconds of the whole process (all threads: the importer parses and
// sorts on several), user + system.
inline double process_cpu_seconds() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  auto tv = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return tv(u.ru_utime) + tv(u.ru_stime);
}

inline double seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

// Measurements kept for the closing summary: name -> (value, iterations) per
// run. Google Benchmark calls a function several times while it settles the
// iteration count; only the runs with the most iterations count.
struct Measurement {
  double value;
  std::uint64_t iterations;
};
// The book of one run.
inline std::map<std::string, std::vector<Measurement>> g_book;
inline void record(const std::string& name, double value, std::uint64_t iterations = 0) {
  g_book[name].push_back({value, iterations});
}
// The median of the runs with the most iterations.
inline double median_of(const std::vector<Measurement>& runs) {
  std::uint64_t most = 0;
  for (const auto& m : runs) most = std::max(most, m.iterations);
  std::vector<double> v;
  for (const auto& m : runs) {
    if (m.iterations == most) v.push_back(m.value);
  }
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace guanxi::bench
