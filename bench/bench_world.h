// The shared state of the storage benchmarks (bench/storage_bench.cc): the
// seeded R-MAT graph, its CSV files, its relationships as sorted raw pairs, the seeded
// lookup keys and 2-hop starts, and the two databases the read benchmarks
// use, all under one temp directory removed with the World.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/generator/rmat.h"
#include "bench/generator/seeded_random.h"
#include "bench/raw_lmdb_baseline.h"
#include "storage/bulk_import.h"
#include "storage/graph.h"
#include "tests/support/temp_dir.h"

namespace guanxi::bench {

inline constexpr int kRelationshipsPerNode = 16;
inline constexpr std::uint64_t kSeed = 1;
inline constexpr std::size_t kTwoHopStarts = 1000;
inline constexpr std::size_t kLookupKeys = 1 << 16;  // a power of two: keys are picked by masking
// Same starting map for both sides, big enough that neither grows mid-import
// (the file only takes the pages in use).
inline constexpr std::size_t kMapSize = std::size_t{64} << 30;

// EnvironmentOptions of every Guanxi database of the benchmarks.
inline storage::EnvironmentOptions guanxi_options() {
  storage::EnvironmentOptions o;
  o.durable = false;  // MDB_NOSYNC, as the raw side
  o.initial_map_size = kMapSize;
  return o;
}

// Built once per run. The import benchmarks hand it the first database they
// build; a read benchmark run without them imports on first need (untimed).
class World {
 public:
  explicit World(int scale) {
    const auto start = std::chrono::steady_clock::now();
    options_ = {.scale = scale, .relationships_per_node = kRelationshipsPerNode, .seed = kSeed};
    std::fprintf(stderr, "[world] R-MAT scale %d: %llu nodes, %llu relationships, under %s\n",
                 scale, static_cast<unsigned long long>(options_.node_count()),
                 static_cast<unsigned long long>(options_.relationship_count()), root_.c_str());
    auto relationships = generate_rmat(options_);
    files_ = write_rmat_csv(options_, relationships, root_ / "csv");
    pairs_.reserve(relationships.size());
    for (std::uint64_t i = 0; i < relationships.size(); ++i)
      pairs_.push_back({relationships[i].src, relationships[i].dst, i});
    relationships = {};
    std::sort(pairs_.begin(), pairs_.end());

    // Lookup keys: random nodes that have out-relationships, so the raw mdb_get finds them.
    std::vector<std::uint64_t> with_out;
    for (std::size_t i = 0; i < pairs_.size(); ++i) {
      if (i == 0 || pairs_[i].src != pairs_[i - 1].src) with_out.push_back(pairs_[i].src);
    }
    SeededRandom rng(kSeed, 99);
    for (std::size_t i = 0; i < kLookupKeys; ++i)
      lookup_ids_.push_back(with_out[rng.below(with_out.size())]);
    for (std::size_t i = 0; i < kTwoHopStarts; ++i)
      starts_.push_back(rng.below(options_.node_count()));
    std::fprintf(stderr,
                 "[world] generated and written in %.1f s; %zu nodes have out-relationships\n",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                 with_out.size());
  }
  ~World() {
    graph_.reset();
    raw_.reset();
  }

  const RmatOptions& options() const { return options_; }
  const RmatFiles& files() const { return files_; }
  const std::vector<RawPair>& pairs() const { return pairs_; }
  const std::vector<std::uint64_t>& lookup_ids() const { return lookup_ids_; }
  const std::vector<std::uint64_t>& starts() const { return starts_; }
  std::uint64_t relationships() const { return pairs_.size(); }

  std::filesystem::path fresh_dir(const char* prefix) {
    std::filesystem::path dir = root_ / (std::string(prefix) + "-" + std::to_string(next_dir_++));
    std::filesystem::create_directories(dir);
    return dir;
  }

  std::unique_ptr<storage::Graph> import_guanxi(const std::filesystem::path& dir,
                                                storage::ImportReport* report) {
    auto graph = storage::Graph::open(dir, guanxi_options());
    *report = storage::bulk_import(*graph, {{"Node", {files_.nodes}}},
                                   {{"LINK", {files_.relationships}}});
    return graph;
  }
  std::unique_ptr<RawLmdbBaseline> load_raw(const std::filesystem::path& dir) {
    auto raw = std::make_unique<RawLmdbBaseline>(dir, kMapSize);
    raw->load(pairs_);
    return raw;
  }

  // Keeps the first database each import benchmark built; drops the others.
  void offer(std::unique_ptr<storage::Graph> graph) {
    if (graph_) {
      const std::filesystem::path dir = graph->env().path();
      graph.reset();
      std::filesystem::remove_all(dir);
    } else {
      graph_ = std::move(graph);
    }
  }
  void offer(std::unique_ptr<RawLmdbBaseline> raw, const std::filesystem::path& dir) {
    if (raw_) {
      raw.reset();
      std::filesystem::remove_all(dir);
    } else {
      raw_ = std::move(raw);
    }
  }

  storage::Graph& graph() {
    if (!graph_) {
      storage::ImportReport report;
      graph_ = import_guanxi(fresh_dir("guanxi"), &report);
    }
    return *graph_;
  }
  RawLmdbBaseline& raw() {
    if (!raw_) raw_ = load_raw(fresh_dir("raw"));
    return *raw_;
  }

  // The index on :Node(id), which the import creates (its size is in the
  // import's figures).
  storage::IndexInfo id_index() {
    storage::Graph& g = graph();
    if (!index_) {
      auto txn = g.read();
      const auto label = g.dictionary().find(txn, storage::NameKind::kLabel, "Node");
      const auto key = g.dictionary().find(txn, storage::NameKind::kPropertyKey, "id");
      if (label && key) index_ = g.indexes().find(txn, *label, *key);
      if (!index_) throw std::runtime_error("the import made no index on :Node(id)");
    }
    return *index_;
  }

 private:
  test_support::TempDir root_dir_{"guanxi-bench"};  // removed with the World
  const std::filesystem::path& root_ = root_dir_.path();
  int next_dir_ = 0;
  RmatOptions options_;
  RmatFiles files_;
  std::vector<RawPair> pairs_;
  std::vector<std::uint64_t> lookup_ids_;
  std::vector<std::uint64_t> starts_;
  std::unique_ptr<storage::Graph> graph_;
  std::unique_ptr<RawLmdbBaseline> raw_;
  std::optional<storage::IndexInfo> index_;
};

}  // namespace guanxi::bench
