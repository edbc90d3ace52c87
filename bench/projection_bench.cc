// Projection benchmark: builds the CSR snapshot (algorithms/projection.h) of
// the seeded R-MAT graph "L" (2^scale nodes, 16 * 2^scale relationships; scale from
// GUANXI_BENCH_SCALE, default 20) imported with storage::bulk_import.
// Target: projection of L in at most 0.6 s on 2 cores.
//
//   GUANXI_BENCH_SCALE=20 build/bench/projection_bench
//
// The import and the R-MAT generation are untimed setup. Reported per case:
// wall time, CPU seconds of all threads per projection (cpu_s), arcs per
// second, and the peak resident set of the process so far.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "algorithms/projection.h"
#include "bench/generator/rmat.h"
#include "storage/bulk_import.h"
#include "tests/support/temp_dir.h"

namespace {

using guanxi::algorithms::CsrGraph;
using guanxi::algorithms::Orientation;
using guanxi::algorithms::ProjectionConfig;

int scale() {
  const char* env = std::getenv("GUANXI_BENCH_SCALE");
  return env && *env ? std::atoi(env) : 20;
}

// The imported database, built on first use and removed at exit.
class Database {
 public:
  Database() {
    guanxi::bench::RmatOptions options;
    options.scale = scale();
    const auto relationships = guanxi::bench::generate_rmat(options);
    const auto files = guanxi::bench::write_rmat_csv(options, relationships, root_ / "csv");
    guanxi::storage::EnvironmentOptions env;
    env.durable = false;
    env.initial_map_size = std::size_t{64} << 30;
    graph_ = guanxi::storage::Graph::open(root_ / "db", env);
    const auto report = guanxi::storage::bulk_import(*graph_, {{"Node", {files.nodes}}},
                                                     {{"LINK", {files.relationships}}});
    std::filesystem::remove_all(root_ / "csv");
    std::fprintf(stderr,
                 "[projection_bench] scale %d: %llu nodes, %llu relationships imported in %.1f s\n",
                 options.scale, static_cast<unsigned long long>(report.nodes),
                 static_cast<unsigned long long>(report.relationships), report.elapsed.count());
    // The first projection in a process also faults the database's pages into
    // its memory map; the timed runs measure the warm case.
    const auto start = std::chrono::steady_clock::now();
    guanxi::algorithms::project(*graph_, ProjectionConfig{});
    std::fprintf(stderr, "[projection_bench] first projection after opening: %.3f s\n",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  ~Database() { graph_.reset(); }
  guanxi::storage::Graph& graph() { return *graph_; }

 private:
  guanxi::test_support::TempDir root_dir_{"guanxi-projection-bench"};
  const std::filesystem::path& root_ = root_dir_.path();
  std::unique_ptr<guanxi::storage::Graph> graph_;
};

Database& database() {
  static Database db;
  return db;
}

// CPU seconds of every thread of the process so far (user + system): on a
// shared machine the wall time depends on the other load, this does not.
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto s = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6;
  };
  return s(u.ru_utime) + s(u.ru_stime);
}

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

void run(benchmark::State& state, ProjectionConfig config) {
  auto& graph = database().graph();
  config.concurrency = static_cast<int>(state.range(0));
  // The thread count asked for, at every scale: this is where the crossover
  // that second_thread_relationships encodes is measured.
  config.second_thread_relationships = 0;
  std::uint64_t arcs = 0;
  const double cpu_before = cpu_seconds();
  for (auto _ : state) {
    CsrGraph g = guanxi::algorithms::project(graph, config);
    arcs = g.arc_count();
    benchmark::DoNotOptimize(g);
  }
  state.counters["cpu_s"] = (cpu_seconds() - cpu_before) / static_cast<double>(state.iterations());
  state.counters["arcs"] = static_cast<double>(arcs);
  state.counters["arcs_per_s"] =
      benchmark::Counter(static_cast<double>(arcs) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
  state.counters["peak_rss_mb"] = peak_rss_mb();
}

void BM_ProjectNatural(benchmark::State& state) { run(state, ProjectionConfig{}); }

void BM_ProjectUndirected(benchmark::State& state) {
  ProjectionConfig config;
  config.orientation = Orientation::kUndirected;
  run(state, config);
}

void BM_ProjectLabelAndType(benchmark::State& state) {
  ProjectionConfig config;
  config.labels = {"Node"};
  config.types = {"LINK"};
  run(state, config);
}

BENCHMARK(BM_ProjectNatural)
    ->Arg(2)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(2.0);
BENCHMARK(BM_ProjectUndirected)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_ProjectLabelAndType)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
