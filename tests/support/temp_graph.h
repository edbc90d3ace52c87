// TempGraph: a storage::Graph in a fresh temporary directory, removed when
// the test ends; it can be closed and reopened in between.
#pragma once

#include <filesystem>
#include <memory>
#include <utility>

#include "storage/graph.h"
#include "tests/support/temp_dir.h"

namespace guanxi::test_support {

// No fsync and a small starting map: fast, and enough for every test.
inline storage::EnvironmentOptions fast_options() {
  storage::EnvironmentOptions o;
  o.durable = false;
  o.initial_map_size = std::size_t{64} << 20;
  return o;
}

class TempGraph {
 public:
  explicit TempGraph(storage::EnvironmentOptions options = fast_options())
      : options_(std::move(options)) {
    reopen();
  }
  storage::Graph& operator*() { return *graph_; }
  storage::Graph* operator->() { return graph_.get(); }
  void reopen() {
    graph_.reset();
    graph_ = storage::Graph::open(path(), options_);
  }
  void close() { graph_.reset(); }
  std::filesystem::path path() const { return dir_.path() / "db"; }

 private:
  TempDir dir_{"guanxi-graph"};
  storage::EnvironmentOptions options_;
  std::unique_ptr<storage::Graph> graph_;
};

}  // namespace guanxi::test_support
