// The PropertyReader hot path (every property a query reads passes
// through it), against the storage-level read it wraps.
//
// A database of 65,536 customers with 8 properties each (ints, strings, a
// float, a bool, a date), in a temporary directory. Each benchmark reads in
// one read transaction, walking the nodes in a fixed pseudo-random order so
// that the record cache only helps where a query would be helped by it:
//
//  - RawStorageRead: txn.get + decode_node + find_property (the floor).
//  - ByName / ById: one property per node, `n.name` (resolved per call, as
//    an unbound query would) and by key id (as a bound one does).
//  - FourOfOneNode: `n.a, n.b, n.c, n.d` on one row: one decode for four reads.
//  - ExpandRows: `a.name, b.name` over rows where each `a` has 16 `b`s (an
//    Expand): `a` decodes once per 16 rows.
//  - AllProperties: `properties(n)`, a sorted map by name.
//  - LabelsOfNode: `labels(n)`.
// Items per second = property values read.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "query/property_reader.h"
#include "storage/graph.h"
#include "storage/keys.h"
#include "tests/support/temp_dir.h"

namespace {

using guanxi::SessionOptions;
using guanxi::query::NodeRef;
using guanxi::query::PropertyReader;
namespace storage = guanxi::storage;

constexpr std::uint64_t kNodes = 1 << 16;

struct Fixture {
  guanxi::test_support::TempDir dir{"guanxi-reader-bench"};
  std::unique_ptr<storage::Graph> graph;
  std::vector<storage::NodeId> order;  // a fixed pseudo-random visiting order
  storage::PropertyKeyId name_key = 0, city_key = 0, age_key = 0, score_key = 0;

  Fixture() {
    storage::EnvironmentOptions options;
    options.durable = false;
    graph = storage::Graph::open(dir.path() / "db", options);
    graph->write([&](storage::WriteTransaction& txn) {
      auto& dict = graph->dictionary();
      const auto customer = dict.intern(txn, storage::NameKind::kLabel, "Customer");
      const auto vip = dict.intern(txn, storage::NameKind::kLabel, "Vip");
      auto key = [&](const char* n) {
        return dict.intern(txn, storage::NameKind::kPropertyKey, n);
      };
      name_key = key("name");
      city_key = key("city");
      age_key = key("age");
      score_key = key("score");
      const auto id_key = key("id"), email_key = key("email"), vip_key = key("vip"),
                 since_key = key("since");
      static const char* kCities[] = {"Oslo", "Rome", "Lima", "Pune",
                                      "Kyiv", "Doha", "Graz", "Baku"};
      for (std::uint64_t i = 0; i < kNodes; ++i) {
        storage::PropertyList props = {
            {id_key, storage::Value(static_cast<std::int64_t>(i))},
            {name_key, storage::Value("Customer " + std::to_string(i))},
            {email_key, storage::Value("customer" + std::to_string(i) + "@example.com")},
            {city_key, storage::Value(kCities[i % 8])},
            {age_key, storage::Value(static_cast<std::int64_t>(18 + i % 60))},
            {score_key, storage::Value(static_cast<double>(i % 1000) / 7.0)},
            {vip_key, storage::Value(i % 10 == 0)},
            {since_key,
             storage::Value(storage::Date{static_cast<std::int64_t>(18000 + i % 2000)})}};
        std::vector<storage::LabelId> labels{customer};
        if (i % 10 == 0) labels.push_back(vip);
        graph->create_node(txn, std::move(labels), std::move(props));
      }
    });
    order.resize(kNodes);
    std::uint64_t x = 88172645463325252ull;
    for (auto& id : order) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      id = x % kNodes;
    }
  }
  ~Fixture() { graph.reset(); }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_RawStorageRead(benchmark::State& state) {
  Fixture& f = fixture();
  auto txn = f.graph->read();
  const MDB_dbi nodes = f.graph->env().dbi().nodes;
  std::size_t i = 0;
  for (auto _ : state) {
    const storage::NodeId id = f.order[i++ % kNodes];
    auto bytes = txn.get(nodes, storage::IdKey(id).view());
    const storage::NodeRecord record = storage::decode_node(*bytes, id);
    benchmark::DoNotOptimize(storage::find_property(record.properties, f.name_key));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_ReaderByName(benchmark::State& state) {
  Fixture& f = fixture();
  PropertyReader reader(*f.graph, SessionOptions{});
  auto txn = f.graph->read();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(reader.node_property(txn, NodeRef{f.order[i++ % kNodes]}, "name"));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_ReaderById(benchmark::State& state) {
  Fixture& f = fixture();
  PropertyReader reader(*f.graph, SessionOptions{});
  auto txn = f.graph->read();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(reader.node_property(txn, NodeRef{f.order[i++ % kNodes]}, f.name_key));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_ReaderFourOfOneNode(benchmark::State& state) {
  Fixture& f = fixture();
  PropertyReader reader(*f.graph, SessionOptions{});
  auto txn = f.graph->read();
  std::size_t i = 0;
  for (auto _ : state) {
    const NodeRef node{f.order[i++ % kNodes]};
    benchmark::DoNotOptimize(reader.node_property(txn, node, "name"));
    benchmark::DoNotOptimize(reader.node_property(txn, node, "city"));
    benchmark::DoNotOptimize(reader.node_property(txn, node, "age"));
    benchmark::DoNotOptimize(reader.node_property(txn, node, "score"));
  }
  state.SetItemsProcessed(state.iterations() * 4);
}

void BM_ReaderExpandRows(benchmark::State& state) {
  Fixture& f = fixture();
  PropertyReader reader(*f.graph, SessionOptions{});
  auto txn = f.graph->read();
  std::size_t i = 0;
  for (auto _ : state) {
    const NodeRef a{f.order[(i / 16) % kNodes]};
    const NodeRef b{f.order[i % kNodes]};
    ++i;
    benchmark::DoNotOptimize(reader.node_property(txn, a, "name"));
    benchmark::DoNotOptimize(reader.node_property(txn, b, "name"));
  }
  state.SetItemsProcessed(state.iterations() * 2);
}

void BM_ReaderAllProperties(benchmark::State& state) {
  Fixture& f = fixture();
  PropertyReader reader(*f.graph, SessionOptions{});
  auto txn = f.graph->read();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(reader.node_properties(txn, NodeRef{f.order[i++ % kNodes]}));
  }
  state.SetItemsProcessed(state.iterations() * 8);
}

void BM_ReaderLabelsOfNode(benchmark::State& state) {
  Fixture& f = fixture();
  PropertyReader reader(*f.graph, SessionOptions{});
  auto txn = f.graph->read();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(reader.node_labels(txn, NodeRef{f.order[i++ % kNodes]}));
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_RawStorageRead);
BENCHMARK(BM_ReaderByName);
BENCHMARK(BM_ReaderById);
BENCHMARK(BM_ReaderFourOfOneNode);
BENCHMARK(BM_ReaderExpandRows);
BENCHMARK(BM_ReaderAllProperties);
BENCHMARK(BM_ReaderLabelsOfNode);

}  // namespace

BENCHMARK_MAIN();
