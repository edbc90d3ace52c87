// reduce() with a growing accumulator, through the public C++ API.
//
//   reduce_bench [Google Benchmark flags]
//
//  - Append/N: `reduce(a = [], x IN range(1, N) | a + [x])`, the form the
//    evaluator grows in place: time linear in N.
//  - AppendCopying/N: the same list built by `CASE WHEN true THEN a + [x]
//    END`, which reads the accumulator as any other expression does and so
//    copies it at every step, as every reduce() did before: time quadratic
//    in N. The pair shows what the in-place path saves.
//  - Concat/N: `reduce(s = '', x IN range(1, N) | s + 'ab')`, a string
//    accumulator, in place too.
// Items per second = reduce() steps.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "guanxi/guanxi.h"
#include "tests/support/temp_dir.h"

namespace {

using guanxi::test_support::TempDir;

void run(benchmark::State& state, const std::string& body) {
  TempDir dir;
  guanxi::Options options;
  options.durable = false;
  guanxi::Database db = guanxi::Database::open(dir.path() / "db", options);
  guanxi::Session session = db.session();
  const std::int64_t n = state.range(0);
  const std::string text = "RETURN size(reduce(a = " + std::string(body[0] == 's' ? "''" : "[]") +
                           ", x IN range(1, " + std::to_string(n) + ") | " + body.substr(2) +
                           ")) AS n";
  for (auto _ : state) {
    auto rows = session.query(text).all();
    if (rows.at(0)["n"].as_int() < n) state.SkipWithError("wrong size");
  }
  state.SetItemsProcessed(state.iterations() * n);
}

void Append(benchmark::State& state) { run(state, "l:a + [x]"); }
void AppendCopying(benchmark::State& state) { run(state, "l:CASE WHEN true THEN a + [x] END"); }
void Concat(benchmark::State& state) { run(state, "s:a + 'ab'"); }

BENCHMARK(Append)->Arg(10000)->Arg(30000)->Arg(300000)->Unit(benchmark::kMillisecond);
BENCHMARK(AppendCopying)->Arg(3000)->Arg(10000)->Arg(30000)->Unit(benchmark::kMillisecond);
BENCHMARK(Concat)->Arg(30000)->Arg(300000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
