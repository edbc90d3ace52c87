// Loading a dump (dump_format.h) fast: `guanxi load DB FILE`.
//
// The loader reads the statements a dump is made of without the query
// engine (cypher_literal.h parses the values) and writes what they describe
// the way the bulk importer does: node records appended in id order, label
// postings once per label, relationship records and both adjacency tables
// appended in key order, the indexes built after the data. Everything happens
// in one write transaction: a load lands whole, or a bad statement, a full
// disk or a killed process leaves the database exactly as it was.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "storage/graph.h"

namespace guanxi::exchange {

struct LoadProgress {
  std::string phase;  // "reading" (statements parsed), "writing" (relationships, indexes)
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
};

struct LoadOptions {
  std::function<void(const LoadProgress&)> progress;
};

struct LoadReport {
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
  std::uint64_t indexes = 0;  // indexes and constraints created
  std::chrono::duration<double> elapsed{};
};

// Loads the dump in `file` (read through zstd when it ends in `.zst`) into
// `graph`, adding to what is there. Throws storage::StorageError: kNotFound
// (no such file), kImport ("file:line: reason" for a statement that is not
// part of a dump, or a bad value), kConstraint (an index the dump creates
// finds duplicate values), kInvalidArgument (an index of that name exists
// on another label or property); the database is then unchanged.
LoadReport load_dump(storage::Graph& graph, const std::filesystem::path& file,
                     const LoadOptions& options = {});

// The same for a dump held in memory; `name` stands for the file in errors
// ("name:line: reason").
LoadReport load_dump_text(storage::Graph& graph, std::string_view text, const std::string& name,
                          const LoadOptions& options = {});

}  // namespace guanxi::exchange
