// A database in a fresh temporary directory, removed when the test ends.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "storage/graph.h"

namespace guanxi::storage::testing {

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("guanxi-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline EnvironmentOptions fast_options() {
  EnvironmentOptions o;
  o.durable = false;
  o.initial_map_size = std::size_t{64} << 20;
  return o;
}

class TempGraph {
 public:
  explicit TempGraph(EnvironmentOptions options = fast_options()) : options_(options) { reopen(); }
  Graph& operator*() { return *graph_; }
  Graph* operator->() { return graph_.get(); }
  void reopen() {
    graph_.reset();
    graph_ = Graph::open(dir_.path() / "db", options_);
  }
  void close() { graph_.reset(); }
  std::filesystem::path path() const { return dir_.path() / "db"; }

 private:
  TempDir dir_;
  EnvironmentOptions options_;
  std::unique_ptr<Graph> graph_;
};

}  // namespace guanxi::storage::testing
