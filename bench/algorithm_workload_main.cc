// guanxi-algo-workload: the end-to-end figures of the algorithm procedures.
//
//   guanxi-algo-workload prepare --graph L --db /tmp/L.gx     # generate + import (untimed setup)
//   guanxi-algo-workload run --db /tmp/L.gx --name pagerank --repeat 3
//       "CALL algo.pagerank.stats({maxIterations: 20, tolerance: 0.0})"
//
// `run` opens the database, then runs the statement `repeat` times through
// the query engine (parse, projection, algorithm, result rows), and prints
// one JSON line: every wall time, the median, the first row and the
// process's peak resident set. The engine keeps projections
// (query/procedures/projection_cache.h) as a shell does, so the first run
// projects and the later ones reuse it; `--projection-cache 0` projects in
// every run (the cold figure). L is the R-MAT graph of the storage
// benchmarks (scale 20, 16 relationships per node); M the clustered graph
// (bench/generator/clustered_graph.h). Both import as (:Node)-[:LINK]->(:Node).
#include <fmt/format.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/workload_graphs.h"
#include "query/engine.h"
#include "query/query_error.h"
#include "storage/bulk_import.h"
#include "storage/graph.h"

namespace {

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

int prepare(const std::string& which, int scale, const std::filesystem::path& db) {
  auto workload = guanxi::bench::workload_graph(which, scale);
  if (!workload) {
    std::fprintf(stderr, "guanxi-algo-workload: --graph must be L or M\n");
    return 2;
  }
  std::filesystem::path csv = db.string() + "-csv";
  auto files = guanxi::bench::write_graph_csv(workload->nodes, workload->relationships, csv);
  workload.reset();
  guanxi::storage::EnvironmentOptions options;
  options.durable = false;
  auto graph = guanxi::storage::Graph::open(db, options);
  auto report = guanxi::storage::bulk_import(*graph, {{"Node", {files.nodes}}},
                                             {{"LINK", {files.relationships}}});
  std::filesystem::remove_all(csv);
  std::printf(
      "{\"prepared\": \"%s\", \"nodes\": %llu, \"relationships\": %llu, \"import_seconds\": "
      "%.3f}\n",
      which.c_str(), static_cast<unsigned long long>(report.nodes),
      static_cast<unsigned long long>(report.relationships), report.elapsed.count());
  return 0;
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<int>(c));
      continue;
    }
    out += c;
  }
  return out + "\"";
}

int run(const std::filesystem::path& db, const std::string& name, int repeat,
        const std::string& statement, std::size_t projection_cache) {
  auto graph = guanxi::storage::Graph::open(db);
  guanxi::query::EngineOptions engine_options;
  engine_options.projection_cache_bytes = projection_cache;
  guanxi::query::Engine engine(*graph, engine_options);
  guanxi::query::Session session(engine, {});
  std::vector<double> seconds;
  std::string first_row;
  std::uint64_t rows = 0;
  for (int i = 0; i < repeat; ++i) {
    auto start = std::chrono::steady_clock::now();
    auto result = session.run(statement);
    std::vector<guanxi::query::Value> row;
    rows = 0;
    while (result->next(row)) {
      if (rows++ == 0) {
        first_row.clear();
        for (std::size_t c = 0; c < row.size(); ++c)
          first_row += (c ? ", " : "") + result->columns()[c] + ": " + row[c].to_string();
      }
    }
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::vector<double> sorted = seconds;
  std::sort(sorted.begin(), sorted.end());
  std::string times;
  for (double s : seconds) times += fmt::format("{}{:.3f}", times.empty() ? "" : ", ", s);
  std::printf(
      "{\"name\": %s, \"median_seconds\": %.3f, \"seconds\": [%s], \"rows\": %llu, \"first_row\": "
      "%s, "
      "\"peak_rss_mb\": %.0f}\n",
      json_string(name).c_str(), sorted[sorted.size() / 2], times.c_str(),
      static_cast<unsigned long long>(rows), json_string(first_row).c_str(), peak_rss_mb());
  return 0;
}

}  // namespace

int main(int argc, char** argv) try {
  CLI::App app{"Guanxi algorithm workload: end-to-end timings of CALL algo.*"};
  app.require_subcommand(1);
  std::string which = "L";
  int scale = 20;
  std::string db;
  auto* prep = app.add_subcommand("prepare", "generate the L or M graph and import it");
  prep->add_option("--graph", which, "L (R-MAT) or M (clustered)")->required();
  prep->add_option("--scale", scale, "R-MAT scale of L");
  prep->add_option("--db", db, "database directory to create")->required();
  std::string name = "statement";
  int repeat = 3;
  std::string statement;
  auto* runner = app.add_subcommand("run", "run one statement several times and report wall times");
  runner->add_option("--db", db, "database directory")->required();
  runner->add_option("--name", name, "name for the report");
  runner->add_option("--repeat", repeat, "runs (the median is reported)")
      ->check(CLI::PositiveNumber);
  std::size_t projection_cache = guanxi::query::EngineOptions{}.projection_cache_bytes;
  runner->add_option("--projection-cache", projection_cache,
                     "bytes of projections kept between runs (0: project every run)");
  runner->add_option("statement", statement, "the statement, e.g. CALL algo.wcc.stats({})")
      ->required();
  CLI11_PARSE(app, argc, argv);
  try {
    if (*prep) return prepare(which, scale, db);
    return run(db, name, repeat, statement, projection_cache);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "guanxi-algo-workload: %s\n", e.what());
    return 1;
  }
} catch (...) {
  std::fprintf(stderr, "guanxi-algo-workload: unexpected error\n");
  return 1;
}
