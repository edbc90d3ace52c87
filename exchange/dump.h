// Logical dump: a database as a readable, stable Cypher script
// (dump_format.h) that `guanxi NEWDB -f dump.cypher` or, faster,
// `guanxi load NEWDB dump.cypher` (load.h) turns back into the same graph.
//
// Every property value is read through the query layer's PropertyReader
// under the given session, the one choke point for property values, so what
// a dump may contain follows the session's purpose exactly as a query does.
// Everything is read from one snapshot.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string_view>

#include "query/session_types.h"
#include "storage/graph.h"

namespace guanxi::exchange {

struct DumpProgress {
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
  std::uint64_t nodes_total = 0;
  std::uint64_t relationships_total = 0;
};

struct DumpOptions {
  // Rows per UNWIND statement.
  std::size_t batch_size = 1000;
  SessionOptions session;
  std::function<void(const DumpProgress&)> progress;
};

struct DumpReport {
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
  std::uint64_t indexes = 0;  // indexes and constraints
  std::uint64_t bytes = 0;
  std::chrono::duration<double> elapsed{};
};

// Writes the dump of `graph` as pieces of text to `sink`, in order. An
// exception from `sink` (a full disk) ends the dump and propagates.
DumpReport dump_database(storage::Graph& graph, const std::function<void(std::string_view)>& sink,
                         const DumpOptions& options = {});

}  // namespace guanxi::exchange
