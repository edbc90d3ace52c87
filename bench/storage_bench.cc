// Storage benchmarks: Guanxi's storage engine against a raw LMDB
// baseline over the same relationships, measured in the same run.
//
// The graph is R-MAT (a=0.57 b=0.19 c=0.19 d=0.05, seed 1) with 2^scale nodes
// and 16 * 2^scale relationships; scale comes from --scale=N or GUANXI_BENCH_SCALE
// (default 20: 1,048,576 nodes, 16,777,216 relationships). Both sides run with
// MDB_NOSYNC (Guanxi: EnvironmentOptions{.durable = false}) and the same map
// size. Databases live in a fresh directory under $TMPDIR (or /tmp), removed
// at exit. After the benchmarks a summary prints each ratio and its target.
// See bench/README.md.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bench/bench_measurements.h"
#include "bench/bench_summary.h"
#include "bench/bench_world.h"
#include "bench/checked_run.h"
#include "bench/paired_rounds.h"
#include "bench/scale_flag.h"
#include "bench/two_hop.h"
#include "storage/index_key_codec.h"

namespace {

namespace fs = std::filesystem;
namespace st = guanxi::storage;
using guanxi::bench::RawLmdbBaseline;
using guanxi::bench::RawPair;
using guanxi::bench::RawReader;
using Clock = std::chrono::steady_clock;

using guanxi::bench::kRelationshipsPerNode;
using guanxi::bench::median_batch_ns;
using guanxi::bench::median_of;
using guanxi::bench::paired_round;
using guanxi::bench::PairedFigure;
using guanxi::bench::process_cpu_seconds;
using guanxi::bench::record;
using guanxi::bench::seconds;
using guanxi::bench::two_hop;
using guanxi::bench::World;

int g_scale = 20;

// Set when a benchmark sees a wrong result (lost relationships, a missed key, 2-hop
// counts that differ); the program then exits 1, so a smoke run is a test.
bool g_failed = false;
void fail(benchmark::State& state, const char* why) {
  g_failed = true;
  state.SkipWithError(why);
}

std::unique_ptr<World> g_world;
World& world() {
  if (!g_world) g_world = std::make_unique<World>(g_scale);
  return *g_world;
}

// ---------------------------------------------------------------- 1. import

// Where the size per relationship goes: the pages of each plain sub-database per relationship,
// and the rest of the file (the out and in tables, whose DUPSORT sub-pages
// mdb_stat does not count, plus any free pages) as "adjacency_and_free".
void table_sizes(st::Graph& graph, std::uint64_t relationships, benchmark::State& state) {
  auto txn = graph.read();
  const st::Dbis& d = graph.env().dbi();
  const std::pair<const char*, MDB_dbi> tables[] = {
      {"nodes", d.nodes},       {"edges", d.relationships}, {"index", d.index},
      {"postings", d.postings}, {"dict", d.dict},           {"meta", d.meta},
      {"idspace", d.id_spaces}};
  double rest = static_cast<double>(graph.env().used_bytes());
  auto note = [&](const std::string& name, double bytes) {
    state.counters["bytes_per_relationship_" + name] = bytes / static_cast<double>(relationships);
    record("size.table." + name, bytes / static_cast<double>(relationships));
  };
  for (const auto& [name, dbi] : tables) {
    MDB_stat stat;
    if (mdb_stat(txn.raw(), dbi, &stat) != MDB_SUCCESS) continue;
    const double bytes =
        static_cast<double>(stat.ms_branch_pages + stat.ms_leaf_pages + stat.ms_overflow_pages) *
        stat.ms_psize;
    rest -= bytes;
    if (bytes >= static_cast<double>(relationships) / 10) note(name, bytes);
  }
  note("adjacency_and_free", rest);
}

void BM_Import_Guanxi(benchmark::State& state) {
  World& w = world();
  for (auto _ : state) {
    state.PauseTiming();
    const fs::path dir = w.fresh_dir("guanxi");
    state.ResumeTiming();
    const auto start = Clock::now();
    const double cpu_start = process_cpu_seconds();
    st::ImportReport report;
    auto graph = w.import_guanxi(dir, &report);
    const double s = seconds(Clock::now() - start);
    const double cpu = process_cpu_seconds() - cpu_start;
    state.PauseTiming();
    if (report.relationships != w.relationships()) fail(state, "import lost relationships");
    const double bytes_per_relationship =
        static_cast<double>(graph->env().used_bytes()) / w.relationships();
    table_sizes(*graph, w.relationships(), state);
    record("import.guanxi.s", s);
    record("import.guanxi.cpu_s", cpu);
    state.counters["cpu_seconds"] = cpu;
    record("size.guanxi.bytes_per_relationship", bytes_per_relationship);
    state.counters["bytes_per_relationship"] = bytes_per_relationship;
    state.counters["relationships_per_second"] = w.relationships() / s;
    w.offer(std::move(graph));
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.relationships()));
  state.SetBytesProcessed(
      static_cast<std::int64_t>(state.iterations() * (fs::file_size(w.files().nodes) +
                                                      fs::file_size(w.files().relationships))));
}

void BM_Import_Raw(benchmark::State& state) {
  World& w = world();
  for (auto _ : state) {
    state.PauseTiming();
    const fs::path dir = w.fresh_dir("raw");
    state.ResumeTiming();
    const auto start = Clock::now();
    const double cpu_start = process_cpu_seconds();
    auto raw = w.load_raw(dir);
    const double s = seconds(Clock::now() - start);
    const double cpu = process_cpu_seconds() - cpu_start;
    state.PauseTiming();
    const double bytes_per_relationship =
        static_cast<double>(raw->used_bytes()) / w.relationships();
    record("import.raw.s", s);
    record("import.raw.cpu_s", cpu);
    state.counters["cpu_seconds"] = cpu;
    record("size.raw.bytes_per_relationship", bytes_per_relationship);
    state.counters["bytes_per_relationship"] = bytes_per_relationship;
    state.counters["relationships_per_second"] = w.relationships() / s;
    w.offer(std::move(raw), dir);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.relationships()));
}

// ------------------------------------------------------------------ 2. scan

// Runs `pass` (which returns the relationships it read) once untimed, so both sides are
// measured with their pages mapped and cached, then once per iteration,
// recording relationships per second of each pass.
template <typename Pass>
void run_scan(benchmark::State& state, const char* name, Pass&& pass) {
  World& w = world();
  if (pass() != w.relationships()) fail(state, "the scan did not see every relationship");
  for (auto _ : state) {
    const auto start = Clock::now();
    const std::uint64_t count = pass();
    record(name, static_cast<double>(count) / seconds(Clock::now() - start));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.relationships()));
}

// Scans every node's out-list through AdjacencyCursor::for_each_batch; with
// `typed` it names the one relationship type, which turns the per-node range seek and
// end-of-node probe into one exact-key seek (an information point).
void scan_guanxi(benchmark::State& state, bool typed) {
  World& w = world();
  st::Graph& g = w.graph();
  auto txn = g.read();
  std::vector<st::TypeId> types;
  if (typed) types.push_back(*g.dictionary().find(txn, st::NameKind::kType, "LINK"));
  st::AdjacencyCursor cursor(txn, st::Direction::kOut);
  const std::uint64_t nodes = w.options().node_count();
  run_scan(state,
           typed ? "scan.guanxi_typed.relationships_per_s" : "scan.guanxi.relationships_per_s",
           [&] {
             std::uint64_t count = 0, sum = 0;
             for (st::NodeId n = 0; n < nodes; ++n) {
               cursor.for_each_batch(n, types,
                                     [&](st::TypeId, std::span<const st::AdjacencyEntry> batch) {
                                       for (const auto& e : batch) sum += e.other();
                                       count += batch.size();
                                     });
             }
             benchmark::DoNotOptimize(sum);
             return count;
           });
}

void BM_Scan_Guanxi(benchmark::State& state) { scan_guanxi(state, false); }
void BM_Scan_GuanxiTyped(benchmark::State& state) { scan_guanxi(state, true); }

// Information point: Guanxi's `out` table walked in key order, one block
// after another (AdjacencyCursor::for_each_block, no per-node seek): what
// the projection's sequential scan reads.
void BM_Scan_GuanxiSequential(benchmark::State& state) {
  st::Graph& g = world().graph();
  auto txn = g.read();
  st::AdjacencyCursor cursor(txn, st::Direction::kOut);
  run_scan(state, "scan.guanxi_sequential.relationships_per_s", [&] {
    std::uint64_t count = 0, sum = 0;
    cursor.for_each_block(0, std::numeric_limits<st::NodeId>::max(),
                          [&](st::NodeId, st::TypeId, std::span<const st::AdjacencyEntry> block) {
                            for (const auto& e : block) sum += e.other();
                            count += block.size();
                          });
    benchmark::DoNotOptimize(sum);
    return count;
  });
}

void BM_Scan_Raw(benchmark::State& state) {
  RawReader reader(world().raw());
  run_scan(state, "scan.raw.relationships_per_s", [&] {
    std::uint64_t count = 0, sum = 0;
    reader.scan([&](std::uint64_t, const char* entries, std::size_t n) {
      for (std::size_t i = 0; i < n; ++i) sum += st::get_be64(entries + 16 * i);
      count += n;
    });
    benchmark::DoNotOptimize(sum);
    return count;
  });
}

// --------------------------------------------------------- 3. point lookups

// Each iteration times a batch of kLookupBatch lookups over the seeded keys
// (one clock pair per batch keeps the clock's own ~20 ns out of the figure).
// Reports the median and 99th percentile of the per-lookup batch averages.
constexpr std::size_t kLookupBatch = 8;

template <typename Lookup>
void run_lookups(benchmark::State& state, const char* name, Lookup&& lookup) {
  const auto& ids = world().lookup_ids();
  std::vector<double> latencies;
  latencies.reserve(1 << 20);
  std::size_t i = 0, misses = 0;
  for (auto _ : state) {
    const auto start = Clock::now();
    for (std::size_t j = 0; j < kLookupBatch; ++j) misses += !lookup(ids[i++ & (ids.size() - 1)]);
    const auto ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count();
    if (latencies.size() < latencies.capacity()) latencies.push_back(ns / kLookupBatch);
  }
  if (misses) fail(state, "a lookup did not find its key");
  std::sort(latencies.begin(), latencies.end());
  const double median = latencies.empty() ? 0 : latencies[latencies.size() / 2];
  const double p99 = latencies.empty() ? 0 : latencies[latencies.size() * 99 / 100];
  state.counters["median_ns"] = median;
  state.counters["p99_ns"] = p99;
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kLookupBatch));
  record(std::string("lookup.") + name + ".median_ns", median, state.iterations());
}

// The storage API's point lookup: a node by its id.
struct GetNode {
  st::Graph& g;
  const st::Transaction& txn;
  bool operator()(std::uint64_t id) const {
    auto node = g.get_node(txn, id);
    benchmark::DoNotOptimize(node);
    return node.has_value();
  }
};

// The raw baseline's point lookup: mdb_get of a key of the raw table.
struct RawKeyGet {
  RawReader& reader;
  bool operator()(std::uint64_t id) const {
    MDB_val v;
    const bool found = reader.get(id, &v);
    benchmark::DoNotOptimize(v.mv_data);
    return found;
  }
};

void BM_Lookup_GuanxiById(benchmark::State& state) {
  st::Graph& g = world().graph();
  auto txn = g.read();
  run_lookups(state, "guanxi_by_id", GetNode{g, txn});
}

// The lookup of a node by its imported id: a seek of the index the import
// creates, then the node record.
struct IndexSeekGetNode {
  st::Graph& g;
  const st::Transaction& txn;
  st::IndexInfo index;
  bool operator()(std::uint64_t id) const {
    const auto hits = g.indexes().seek_equal(txn, index, st::Value(static_cast<std::int64_t>(id)));
    if (hits.size() != 1) return false;
    auto node = g.get_node(txn, hits[0]);
    benchmark::DoNotOptimize(node);
    return node.has_value();
  }
};

void BM_Lookup_GuanxiByIndexedProperty(benchmark::State& state) {
  World& w = world();
  st::Graph& g = w.graph();
  auto txn = g.read();
  run_lookups(state, "guanxi_by_index", IndexSeekGetNode{g, txn, w.id_index()});
}

// The same lookups as above in paired rounds (paired_rounds.h) of
// kPairedRound lookups a side. The two sides of a round look up different
// keys, so neither finds pages the other brought into the cache.
constexpr std::size_t kPairedRound = 4096;

template <typename Ours, typename Raw>
void run_paired_lookups(benchmark::State& state, const char* name, Ours&& ours, Raw&& raw) {
  const auto& ids = world().lookup_ids();
  const PairedFigure figure(name, "median_ns");
  std::vector<double> scratch;
  std::size_t from = 0, misses = 0;
  std::uint64_t round = 0;
  for (auto _ : state) {
    paired_round(round++, figure, [&](int side) {
      const std::size_t keys = from + (side == 0 ? 0 : kPairedRound);
      return side == 0
                 ? median_batch_ns(ours, ids, keys, kPairedRound, kLookupBatch, &misses, scratch)
                 : median_batch_ns(raw, ids, keys, kPairedRound, kLookupBatch, &misses, scratch);
    });
    from += 2 * kPairedRound;
  }
  if (misses) fail(state, "a lookup did not find its key");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * 2 * kPairedRound));
}

void BM_LookupPaired_ById(benchmark::State& state) {
  st::Graph& g = world().graph();
  auto txn = g.read();
  RawReader reader(world().raw());
  run_paired_lookups(state, "lookup_by_id", GetNode{g, txn}, RawKeyGet{reader});
}

void BM_LookupPaired_ByIndex(benchmark::State& state) {
  World& w = world();
  st::Graph& g = w.graph();
  auto txn = g.read();
  RawReader reader(w.raw());
  run_paired_lookups(state, "lookup_by_index", IndexSeekGetNode{g, txn, w.id_index()},
                     RawKeyGet{reader});
}

// Information point: the same lookup against its floor, two raw mdb_get
// (Guanxi's `index` table, then its `nodes` table, no decoding), in paired
// rounds: what Guanxi adds to the two B-tree descents the lookup needs,
// where the raw baseline's key lookup needs one.
void BM_LookupPaired_IndexVsTwoRawGets(benchmark::State& state) {
  World& w = world();
  st::Graph& g = w.graph();
  auto txn = g.read();
  const st::IndexInfo index = w.id_index();
  std::string key;
  run_paired_lookups(state, "lookup_by_index_floor", IndexSeekGetNode{g, txn, index},
                     [&](std::uint64_t id) {
                       key.assign(4, '\0');
                       st::put_be32(key.data(), index.id);
                       key += st::encode_index_key(st::Value(static_cast<std::int64_t>(id)));
                       MDB_val k = st::to_val(key), v;
                       if (mdb_get(txn.raw(), g.env().dbi().index, &k, &v) != MDB_SUCCESS)
                         return false;
                       const st::IdKey node(st::get_be64(v.mv_data));
                       MDB_val nk = st::to_val(node.view()), record;
                       return mdb_get(txn.raw(), g.env().dbi().nodes, &nk, &record) == MDB_SUCCESS;
                     });
}

void BM_Lookup_RawMdbGet(benchmark::State& state) {
  RawReader reader(world().raw());
  run_lookups(state, "raw_mdb_get", RawKeyGet{reader});
}

// Reference point: mdb_get on Guanxi's own `nodes` table without decoding,
// which separates the B-tree walk from the record decoding.
void BM_Lookup_RawMdbGetOnGuanxiNodes(benchmark::State& state) {
  st::Graph& g = world().graph();
  auto txn = g.read();
  const MDB_dbi nodes = g.env().dbi().nodes;
  run_lookups(state, "raw_get_guanxi_nodes", [&](std::uint64_t id) {
    const st::IdKey key(id);
    MDB_val k = st::to_val(key.view()), v;
    const int rc = mdb_get(txn.raw(), nodes, &k, &v);
    benchmark::DoNotOptimize(v.mv_data);
    return rc == MDB_SUCCESS;
  });
}

// --------------------------------------------------- 4. distinct 2-hop reach

std::uint64_t g_two_hop_distinct[2] = {0, 0};  // guanxi, raw: must agree

// One untimed pass (pages mapped and cached, as in the scans), then one pass
// per iteration; records seconds per pass of 1,000 starts.
template <typename Expand>
void run_two_hop(benchmark::State& state, const char* name, std::uint64_t* distinct_out,
                 Expand&& expand) {
  World& w = world();
  std::vector<std::uint32_t> mark(w.options().node_count(), 0);
  std::uint32_t epoch = 0;
  std::uint64_t entries = 0;
  std::uint64_t distinct = two_hop(w.starts(), mark, epoch, &entries, expand);
  entries = 0;
  for (auto _ : state) {
    const auto start = Clock::now();
    distinct = two_hop(w.starts(), mark, epoch, &entries, expand);
    record(name, seconds(Clock::now() - start));
  }
  *distinct_out = distinct;
  state.counters["distinct_per_pass"] = static_cast<double>(distinct);
  state.counters["entries_per_second"] =
      benchmark::Counter(static_cast<double>(entries), benchmark::Counter::kIsRate);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.starts().size()));
}

// Each side's out-neighbours of a node, the `expand` of two_hop().
struct GuanxiOutNeighbours {
  st::AdjacencyCursor& cursor;
  template <typename Visit>
  void operator()(std::uint64_t node, Visit&& visit) {
    cursor.for_each_others_batch(node, {}, [&](st::TypeId, std::span<const st::NodeId> others) {
      for (const st::NodeId other : others) visit(other);
    });
  }
};
struct RawOutNeighbours {
  RawReader& reader;
  template <typename Visit>
  void operator()(std::uint64_t node, Visit&& visit) {
    reader.for_each_batch(node, [&](const char* batch, std::size_t n) {
      for (std::size_t i = 0; i < n; ++i) visit(st::get_be64(batch + 16 * i));
    });
  }
};

void BM_TwoHop_Guanxi(benchmark::State& state) {
  st::Graph& g = world().graph();
  auto txn = g.read();
  st::AdjacencyCursor cursor(txn, st::Direction::kOut);
  run_two_hop(state, "twohop.guanxi.s", &g_two_hop_distinct[0], GuanxiOutNeighbours{cursor});
}

void BM_TwoHop_Raw(benchmark::State& state) {
  RawReader reader(world().raw());
  run_two_hop(state, "twohop.raw.s", &g_two_hop_distinct[1], RawOutNeighbours{reader});
}

// One Guanxi pass and one raw 2-hop pass per iteration, in paired rounds
// (paired_rounds.h).
void BM_TwoHopPaired(benchmark::State& state) {
  World& w = world();
  st::Graph& g = w.graph();
  auto txn = g.read();
  st::AdjacencyCursor cursor(txn, st::Direction::kOut);
  RawReader reader(w.raw());
  std::vector<std::uint32_t> mark(w.options().node_count(), 0);
  std::uint32_t epoch = 0;
  std::uint64_t entries = 0, distinct[2] = {0, 0};
  auto guanxi_pass = [&] {
    return two_hop(w.starts(), mark, epoch, &entries, GuanxiOutNeighbours{cursor});
  };
  auto raw_pass = [&] {
    return two_hop(w.starts(), mark, epoch, &entries, RawOutNeighbours{reader});
  };
  guanxi_pass();  // pages mapped and cached, as in the passes above
  raw_pass();
  const PairedFigure figure("twohop", "s");
  std::uint64_t round = 0;
  for (auto _ : state) {
    paired_round(round++, figure, [&](int side) {
      const auto start = Clock::now();
      distinct[side] = side == 0 ? guanxi_pass() : raw_pass();
      return seconds(Clock::now() - start);
    });
  }
  if (distinct[0] != distinct[1]) fail(state, "the two sides' 2-hop counts disagree");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * 2 * w.starts().size()));
}

}  // namespace

int main(int argc, char** argv) {
  g_scale = guanxi::bench::take_scale_flag("storage_bench", &argc, argv, g_scale);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  using benchmark::kMillisecond;
  using benchmark::kNanosecond;
  // Whole-graph passes take a second or so at scale 20: give each benchmark
  // several passes so the medians stand on more than one.
  // (At small scales --benchmark_min_time decides, so smoke runs stay short.)
  auto passes = [](benchmark::internal::Benchmark* b) {
    if (g_scale >= 18) b->MinTime(3.0);
    return b->Unit(benchmark::kMillisecond)->UseRealTime();
  };
  benchmark::RegisterBenchmark("Import/guanxi_csv", BM_Import_Guanxi)
      ->Iterations(1)
      ->Unit(kMillisecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark("Import/raw_appenddup", BM_Import_Raw)
      ->Iterations(1)
      ->Unit(kMillisecond)
      ->UseRealTime();
  passes(benchmark::RegisterBenchmark("Scan/guanxi_adjacency_cursor", BM_Scan_Guanxi));
  passes(
      benchmark::RegisterBenchmark("Scan/guanxi_adjacency_cursor_one_type", BM_Scan_GuanxiTyped));
  passes(
      benchmark::RegisterBenchmark("Scan/guanxi_out_table_sequential", BM_Scan_GuanxiSequential));
  passes(benchmark::RegisterBenchmark("Scan/raw_get_multiple", BM_Scan_Raw));
  benchmark::RegisterBenchmark("Lookup/guanxi_get_node", BM_Lookup_GuanxiById)->Unit(kNanosecond);
  benchmark::RegisterBenchmark("Lookup/guanxi_index_seek_get_node",
                               BM_Lookup_GuanxiByIndexedProperty)
      ->Unit(kNanosecond);
  benchmark::RegisterBenchmark("Lookup/raw_mdb_get", BM_Lookup_RawMdbGet)->Unit(kNanosecond);
  benchmark::RegisterBenchmark("Lookup/paired_get_node_vs_raw", BM_LookupPaired_ById)
      ->Unit(kNanosecond);
  benchmark::RegisterBenchmark("Lookup/paired_index_seek_get_node_vs_raw", BM_LookupPaired_ByIndex)
      ->Unit(kNanosecond);
  benchmark::RegisterBenchmark("Lookup/paired_index_seek_get_node_vs_two_raw_gets",
                               BM_LookupPaired_IndexVsTwoRawGets)
      ->Unit(kNanosecond);
  benchmark::RegisterBenchmark("Lookup/raw_mdb_get_on_guanxi_nodes",
                               BM_Lookup_RawMdbGetOnGuanxiNodes)
      ->Unit(kNanosecond);
  passes(benchmark::RegisterBenchmark("TwoHop/guanxi_1000_starts", BM_TwoHop_Guanxi));
  passes(benchmark::RegisterBenchmark("TwoHop/raw_1000_starts", BM_TwoHop_Raw));
  passes(benchmark::RegisterBenchmark("TwoHop/paired_1000_starts", BM_TwoHopPaired));

  return guanxi::bench::run_checked_benchmarks(
      "storage_bench",
      [] {
        guanxi::bench::print_summary(g_scale, kRelationshipsPerNode, g_two_hop_distinct, &g_failed);
      },
      [] { g_world.reset(); }, g_failed);
}
