// fuzz_import: bulk import of a node file and a relationship file cut from
// the input, then the integrity check.
//
// The input up to its first NUL byte is the node file (label Fuzz), the rest
// the relationship file (type REL; none when the input holds no NUL). Each
// input imports into a new database through the storage layer's importer,
// the one `guanxi import` and guanxi::import run (the storage layer alone
// keeps this target's instrumented build small). An import may fail
// (StorageError: then the database must be as before, empty) or succeed;
// either way the integrity check must find nothing wrong. Crashes, sanitizer
// reports, leaks and a failed check are findings.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "storage/bulk_import.h"
#include "storage/error.h"
#include "storage/graph.h"
#include "storage/integrity_check.h"

namespace {

namespace fs = std::filesystem;
using namespace guanxi::storage;

[[noreturn]] void finding(const std::string& what) {
  std::fprintf(stderr, "fuzz_import: %s\n", what.c_str());
  std::abort();
}

void write_file(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) finding("cannot write " + path.string());
}

fs::path scratch_path() {
  return fs::temp_directory_path() / ("guanxi-fuzz-import-" + std::to_string(::getpid()));
}

void remove_scratch_dir() {
  std::error_code ignored;
  fs::remove_all(scratch_path(), ignored);
}

// The process's scratch folder (under TMPDIR), removed at exit.
const fs::path& scratch_dir() {
  static const fs::path dir = [] {
    const fs::path d = scratch_path();
    fs::remove_all(d);
    fs::create_directories(d);
    std::atexit(remove_scratch_dir);
    return d;
  }();
  return dir;
}

void check(Graph& graph, const char* after) {
  const IntegrityReport report = check_integrity(graph);
  if (report.ok()) return;
  std::string problems;
  for (const auto& p : report.problems) problems += "\n  [" + p.table + "] " + p.message;
  finding(std::string("the integrity check failed after ") + after + ":" + problems);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t cut = input.find('\0');
  const fs::path& dir = scratch_dir();
  const fs::path nodes = dir / "nodes.csv", relationships = dir / "relationships.csv";
  const fs::path db = dir / "db";
  fs::remove_all(db);
  write_file(nodes, input.substr(0, cut));
  std::vector<ImportGroup> relationship_groups;
  if (cut != std::string_view::npos) {
    write_file(relationships, input.substr(cut + 1));
    relationship_groups.push_back({"REL", {relationships}, {}});
  }
  {
    EnvironmentOptions env;
    env.durable = false;
    auto graph = Graph::open(db, env);
    ImportOptions options;
    options.threads = 1;
    bool imported = true;
    try {
      bulk_import(*graph, {{"Fuzz", {nodes}, {}}}, relationship_groups, options);
    } catch (const StorageError&) {
      imported = false;  // a bad header or row: expected
    }
    if (!imported) {
      // Nothing of a failed import may have landed.
      const ReadTransaction txn = graph->read();
      if (graph->counters().node_count(txn) != 0 || graph->counters().relationship_count(txn) != 0)
        finding("a failed import left nodes or relationships behind");
    }
    check(*graph, imported ? "a successful import" : "a failed import");
  }
  fs::remove_all(db);
  return 0;
}
