// Query benchmarks, through the public C++ API (include/guanxi/).
//
// The graph is the storage benchmarks' R-MAT graph (a=0.57 b=0.19 c=0.19,
// seed 1, 2^scale nodes, 16 * 2^scale relationships; --scale=N or GUANXI_BENCH_SCALE,
// default 20), imported as :Customer nodes with properties id (unique
// constraint) and segment, and :KNOWS relationships. Before the database is opened
// through the API, the storage-level 2-hop kernel of storage_bench runs on
// it, so the query figure has its baseline from the same run and files.
//
//   query_bench [--scale=N] [Google Benchmark flags]
//
// Figures (printed in a summary after the benchmarks):
//   - prepared MATCH (a:Customer {id: $id})-[:KNOWS]->()-[:KNOWS]->(c)
//     RETURN count(DISTINCT c) from 1,000 random starts, against the storage
//     2-hop over the same starts (target: within 3x);
//   - point query by indexed key, median latency prepared (target <= 20 us)
//     and unprepared through the plan cache (target <= 60 us);
//   - time to the first row of MATCH (n) RETURN n LIMIT 1 (target < 1 ms);
//   - ORDER BY ... LIMIT 10 over all nodes: time and peak memory growth;
//   - MATCH (a)-[:KNOWS]->(b) RETURN b.segment, count(*): relationships per second;
//   - MERGE of 100,000 customers by unique key through UNWIND against the
//     same CREATE (target: at most 2x).

#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bench/checked_run.h"
#include "bench/generator/rmat.h"
#include "bench/generator/seeded_random.h"
#include "bench/scale_flag.h"
#include "bench/two_hop.h"
#include "guanxi/guanxi.h"
#include "query/executor/unknown_names.h"
#include "storage/bulk_import.h"
#include "storage/graph.h"
#include "tests/support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
namespace st = guanxi::storage;
using Clock = std::chrono::steady_clock;

int g_scale = 20;
bool g_failed = false;
constexpr std::size_t kStarts = 1000;
constexpr int kMergeCustomers = 100000;
const char* const kSegments[] = {"retail", "smb", "enterprise", "vip"};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

long max_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Samples per figure, for the summary's medians.
std::map<std::string, std::vector<double>> g_samples;

// The database, built once per run under a temp directory removed at exit.
class QueryWorld {
 public:
  explicit QueryWorld(int scale) {
    const auto start = Clock::now();
    guanxi::bench::RmatOptions options{.scale = scale, .relationships_per_node = 16, .seed = 1};
    nodes_ = options.node_count();
    const auto relationships = guanxi::bench::generate_rmat(options);
    relationships_ = relationships.size();
    const auto files = guanxi::bench::write_rmat_csv(options, relationships, root_ / "csv");
    // Nodes with a segment, in the ID space of the relationship file.
    const fs::path nodes_csv = root_ / "csv" / "customers.csv";
    {
      std::ofstream out(nodes_csv);
      out << "id:ID(Node),segment:string\n";
      for (std::uint64_t i = 0; i < nodes_; ++i)
        out << i << ',' << kSegments[(i * 2654435761u >> 7) % 4] << '\n';
    }
    guanxi::bench::SeededRandom rng(1, 7);
    for (std::size_t i = 0; i < kStarts; ++i) starts_.push_back(rng.below(nodes_));
    for (std::size_t i = 0; i < 4096; ++i) lookups_.push_back(rng.below(nodes_));

    st::EnvironmentOptions env;
    env.durable = false;
    env.initial_map_size = std::size_t{16} << 30;
    {
      auto graph = st::Graph::open(root_ / "db", env);
      st::bulk_import(*graph, {{"Customer", {nodes_csv}, {}}},
                      {{"KNOWS", {files.relationships}, {}}});
      storage_two_hop(*graph);
    }
    std::fprintf(
        stderr, "[world] scale %d: %llu nodes, %llu relationships imported in %.1f s under %s\n",
        scale, static_cast<unsigned long long>(nodes_),
        static_cast<unsigned long long>(relationships_), seconds_since(start), root_.c_str());
    guanxi::Options db_options;
    db_options.durable = false;
    db_options.map_size = env.initial_map_size;
    db_ = std::make_unique<guanxi::Database>(
        guanxi::Database::open((root_ / "db").string(), db_options));
    session_ = std::make_unique<guanxi::Session>(db_->session({.purpose = "", .user = "bench"}));
    const auto index_start = Clock::now();
    // The import indexed the ids; a constraint takes the index's place.
    session_->execute("DROP INDEX index_Customer_id");
    session_->execute("CREATE CONSTRAINT FOR (c:Customer) REQUIRE c.id IS UNIQUE");
    std::fprintf(stderr, "[world] unique constraint on :Customer(id) built in %.1f s\n",
                 seconds_since(index_start));
  }
  ~QueryWorld() {
    session_.reset();
    db_.reset();
  }

  guanxi::Session& session() { return *session_; }
  guanxi::Database& database() { return *db_; }
  const std::vector<std::uint64_t>& starts() const { return starts_; }
  const std::vector<std::uint64_t>& lookups() const { return lookups_; }
  std::uint64_t nodes() const { return nodes_; }
  std::uint64_t relationships() const { return relationships_; }
  double storage_two_hop_seconds() const { return storage_two_hop_seconds_; }
  fs::path fresh_dir(const char* name) {
    return root_ / (std::string(name) + std::to_string(next_++));
  }

 private:
  // The storage_bench 2-hop kernel over the same starts: one warm-up pass,
  // then the median of five.
  void storage_two_hop(st::Graph& graph) {
    auto txn = graph.read();
    st::AdjacencyCursor cursor(txn, st::Direction::kOut);
    std::vector<std::uint32_t> mark(nodes_, 0);
    std::uint32_t epoch = 0;
    std::uint64_t entries = 0;
    auto expand = [&](std::uint64_t node, auto&& visit) {
      cursor.for_each_batch(node, {}, [&](st::TypeId, std::span<const st::AdjacencyEntry> batch) {
        for (const auto& e : batch) visit(e.other());
      });
    };
    guanxi::bench::two_hop(starts_, mark, epoch, &entries, expand);
    std::vector<double> passes;
    for (int i = 0; i < 5; ++i) {
      const auto start = Clock::now();
      guanxi::bench::two_hop(starts_, mark, epoch, &entries, expand);
      passes.push_back(seconds_since(start));
    }
    storage_two_hop_seconds_ = median(passes);
  }

  guanxi::test_support::TempDir root_dir_{"guanxi-query-bench"};  // removed with the world
  const fs::path& root_ = root_dir_.path();
  std::uint64_t nodes_ = 0, relationships_ = 0;
  std::vector<std::uint64_t> starts_, lookups_;
  double storage_two_hop_seconds_ = 0;
  std::unique_ptr<guanxi::Database> db_;
  std::unique_ptr<guanxi::Session> session_;
  int next_ = 0;
};

std::unique_ptr<QueryWorld> g_world;
QueryWorld& world() {
  if (!g_world) g_world = std::make_unique<QueryWorld>(g_scale);
  return *g_world;
}

void fail(benchmark::State& state, const std::string& why) {
  g_failed = true;
  state.SkipWithError(why.c_str());
}

void BM_TwoHop_Prepared(benchmark::State& state) {
  QueryWorld& w = world();
  auto statement = w.session().prepare(
      "MATCH (a:Customer {id: $id})-[:KNOWS]->()-[:KNOWS]->(c) RETURN count(DISTINCT c) AS n");
  std::int64_t total = 0;
  auto pass = [&] {
    total = 0;
    for (std::uint64_t id : w.starts()) {
      for (const auto& row : statement.query({{"id", id}})) total += row[0].as_int();
    }
  };
  pass();  // warm
  for (auto _ : state) {
    const auto start = Clock::now();
    pass();
    g_samples["twohop.query.s"].push_back(seconds_since(start));
  }
  state.counters["distinct_sum"] = static_cast<double>(total);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.starts().size()));
}

void point_query(benchmark::State& state, bool prepared) {
  QueryWorld& w = world();
  const char* text = "MATCH (c:Customer {id: $id}) RETURN c.segment AS segment";
  auto statement = w.session().prepare(text);
  std::size_t i = 0;
  auto& samples = g_samples[prepared ? "point.prepared.s" : "point.unprepared.s"];
  for (auto _ : state) {
    const std::uint64_t id = w.lookups()[i++ % w.lookups().size()];
    const auto start = Clock::now();
    auto result = prepared ? statement.query({{"id", id}}) : w.session().query(text, {{"id", id}});
    guanxi::Row row;
    const bool found = result.next(row);
    samples.push_back(seconds_since(start));
    if (!found) return fail(state, "point query found no customer with id " + std::to_string(id));
    benchmark::DoNotOptimize(row);
  }
}
void BM_PointQuery_Prepared(benchmark::State& state) { point_query(state, true); }
void BM_PointQuery_Unprepared(benchmark::State& state) { point_query(state, false); }

// The check every run makes of the names a statement reads against the
// dictionary (unknown_names.h), for the point query's three names: its cost
// beside the whole prepared point query above. Its own small database: LMDB
// lets a process open an environment once, and the world's is open.
void BM_UnknownNameCheck(benchmark::State& state) {
  QueryWorld& w = world();
  st::EnvironmentOptions env;
  env.durable = false;
  auto graph = st::Graph::open(w.fresh_dir("names"), env);
  graph->write([&](st::WriteTransaction& txn) {
    graph->dictionary().intern(txn, st::NameKind::kLabel, "Customer");
    graph->dictionary().intern(txn, st::NameKind::kPropertyKey, "id");
    graph->dictionary().intern(txn, st::NameKind::kPropertyKey, "segment");
  });
  using Kind = guanxi::query::NameReference::Kind;
  const std::vector<guanxi::query::NameReference> reads = {{Kind::kLabel, "Customer", {}},
                                                           {Kind::kPropertyKey, "id", {}},
                                                           {Kind::kPropertyKey, "segment", {}}};
  auto txn = graph->read();
  auto& samples = g_samples["name_check.s"];
  for (auto _ : state) {
    const auto start = Clock::now();
    auto notifications = guanxi::query::unknown_name_notifications(reads, *graph, txn);
    samples.push_back(seconds_since(start));
    if (!notifications.empty()) return fail(state, "a known name was reported unknown");
    benchmark::DoNotOptimize(notifications);
  }
}

void BM_FirstRow(benchmark::State& state) {
  QueryWorld& w = world();
  for (auto _ : state) {
    const auto start = Clock::now();
    auto result = w.session().query("MATCH (n) RETURN n LIMIT 1");
    guanxi::Row row;
    if (!result.next(row)) return fail(state, "MATCH (n) RETURN n LIMIT 1 gave no row");
    g_samples["first_row.s"].push_back(seconds_since(start));
  }
}

void BM_TopK(benchmark::State& state) {
  QueryWorld& w = world();
  const long rss_before = max_rss_kib();
  for (auto _ : state) {
    const auto start = Clock::now();
    auto rows = w.session()
                    .query(
                        "MATCH (c:Customer) RETURN c.id AS id, c.segment AS segment "
                        "ORDER BY c.segment DESC, c.id DESC LIMIT 10")
                    .all();
    g_samples["topk.s"].push_back(seconds_since(start));
    if (rows.size() != 10) return fail(state, "ORDER BY ... LIMIT 10 did not give 10 rows");
  }
  state.counters["max_rss_growth_mib"] = static_cast<double>(max_rss_kib() - rss_before) / 1024.0;
  g_samples["topk.rss_growth_mib"].push_back(static_cast<double>(max_rss_kib() - rss_before) /
                                             1024.0);
}

void BM_SegmentCount(benchmark::State& state) {
  QueryWorld& w = world();
  for (auto _ : state) {
    const auto start = Clock::now();
    std::int64_t relationships = 0;
    for (const auto& row : w.session().query("MATCH (a)-[:KNOWS]->(b) RETURN b.segment, count(*)"))
      relationships += row[1].as_int();
    const double s = seconds_since(start);
    g_samples["segment_count.relationships_per_s"].push_back(static_cast<double>(relationships) /
                                                             s);
    if (static_cast<std::uint64_t>(relationships) != w.relationships())
      return fail(state, "segment counts do not sum to the relationships");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w.relationships()));
}

// 100,000 customers into a fresh database with a unique constraint on key,
// by CREATE or by MERGE, in batches of 10,000 through UNWIND.
void write_customers(benchmark::State& state, bool merge) {
  QueryWorld& w = world();
  for (auto _ : state) {
    // Setup and teardown count in Google Benchmark's time; the figure is the
    // writes alone (the summary's medians).
    const fs::path dir = w.fresh_dir(merge ? "merge" : "create");
    std::int64_t created = 0;
    {
      guanxi::Options options;
      options.durable = false;
      auto db = guanxi::Database::open(dir.string(), options);
      auto session = db.session();
      session.execute("CREATE CONSTRAINT FOR (p:Person) REQUIRE p.key IS UNIQUE");
      auto statement =
          session.prepare(merge ? "UNWIND range($from, $to) AS k MERGE (p:Person {key: k}) "
                                  "ON CREATE SET p.segment = 'retail'"
                                : "UNWIND range($from, $to) AS k "
                                  "CREATE (:Person {key: k, segment: 'retail'})");
      const auto start = Clock::now();
      for (int from = 0; from < kMergeCustomers; from += 10000)
        created += statement.execute({{"from", from}, {"to", from + 9999}}).nodes_created;
      g_samples[merge ? "merge.s" : "create.s"].push_back(seconds_since(start));
    }
    fs::remove_all(dir);
    if (created != kMergeCustomers) return fail(state, "wrong number of customers created");
  }
}
void BM_Create100k(benchmark::State& state) { write_customers(state, false); }
void BM_Merge100k(benchmark::State& state) { write_customers(state, true); }

void print_summary() {
  QueryWorld& w = world();
  auto med = [](const char* key) { return median(g_samples[key]); };
  std::printf("\nQuery figures at scale %d (%llu nodes, %llu relationships), medians:\n", g_scale,
              static_cast<unsigned long long>(w.nodes()),
              static_cast<unsigned long long>(w.relationships()));
  const double q = med("twohop.query.s"), s = w.storage_two_hop_seconds();
  std::printf(
      "  2-hop count(DISTINCT), 1,000 starts: query %.3f s, storage kernel %.3f s: %.2fx (target "
      "<= 3x)\n",
      q, s, s > 0 ? q / s : 0.0);
  std::printf(
      "  point query by indexed key: prepared %.1f us (target <= 20), unprepared %.1f us (target "
      "<= 60)\n",
      med("point.prepared.s") * 1e6, med("point.unprepared.s") * 1e6);
  const double names = med("name_check.s"), point = med("point.prepared.s");
  std::printf("  its check of 3 names for notifications: %.3f us, %.1f%% of the prepared query\n",
              names * 1e6, point > 0 ? 100 * names / point : 0.0);
  std::printf("  MATCH (n) RETURN n LIMIT 1, first row: %.3f ms (target < 1 ms)\n",
              med("first_row.s") * 1e3);
  std::printf("  ORDER BY ... LIMIT 10 over all nodes: %.3f s, peak memory growth %.1f MiB\n",
              med("topk.s"), med("topk.rss_growth_mib"));
  std::printf("  MATCH (a)-[:KNOWS]->(b) RETURN b.segment, count(*): %.2f M relationships/s\n",
              med("segment_count.relationships_per_s") / 1e6);
  const double c = med("create.s"), m = med("merge.s");
  std::printf("  100,000 customers via UNWIND: CREATE %.3f s, MERGE %.3f s: %.2fx (target <= 2x)\n",
              c, m, c > 0 ? m / c : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  g_scale = guanxi::bench::take_scale_flag("query_bench", &argc, argv, g_scale);
  benchmark::Initialize(&argc, argv);
  using benchmark::kMicrosecond;
  using benchmark::kMillisecond;
  benchmark::RegisterBenchmark("Query/two_hop_prepared_1000_starts", BM_TwoHop_Prepared)
      ->Unit(kMillisecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark("Query/point_indexed_prepared", BM_PointQuery_Prepared)
      ->Unit(kMicrosecond);
  benchmark::RegisterBenchmark("Query/point_indexed_unprepared", BM_PointQuery_Unprepared)
      ->Unit(kMicrosecond);
  benchmark::RegisterBenchmark("Query/unknown_name_check_3_names", BM_UnknownNameCheck)
      ->Unit(kMicrosecond);
  benchmark::RegisterBenchmark("Query/first_row_match_all_limit_1", BM_FirstRow)
      ->Unit(kMicrosecond);
  benchmark::RegisterBenchmark("Query/order_by_limit_10_all_nodes", BM_TopK)
      ->Unit(kMillisecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark("Query/knows_by_segment_count", BM_SegmentCount)
      ->Unit(kMillisecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark("Write/create_100k_unwind", BM_Create100k)
      ->Unit(kMillisecond)
      ->UseRealTime()
      ->Iterations(3);
  benchmark::RegisterBenchmark("Write/merge_100k_unwind", BM_Merge100k)
      ->Unit(kMillisecond)
      ->UseRealTime()
      ->Iterations(3);
  return guanxi::bench::run_checked_benchmarks(
      "query_bench", print_summary, [] { g_world.reset(); }, g_failed);
}
