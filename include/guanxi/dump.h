// The logical dump: a database as a readable, stable Cypher script that loads
// back into the same graph. What `guanxi dump` and `guanxi load` run.
//
//   std::ofstream out("customers.cypher");
//   db.dump(out);                                        // or db.dump_to_file(...)
//   guanxi::load("copy.gx", "customers.cypher");         // fast, one transaction
//
// Values are read under a session's purpose, as a query reads them: a dump
// never holds more than a query under the same purpose returns. Everything
// is read from one snapshot, and the same database gives the same text.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace guanxi {

struct DumpProgress {
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
  std::uint64_t nodes_total = 0;
  std::uint64_t relationships_total = 0;
};

struct DumpOptions {
  std::size_t batch_size = 1000;  // rows per UNWIND statement
  std::string purpose;            // read the values under this purpose (privacy)
  std::string user;               // for the audit log
  // Database::dump_to_file: replace an existing file.
  bool overwrite = false;
  std::function<void(const DumpProgress&)> progress;
};

struct DumpReport {
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
  std::uint64_t indexes = 0;  // indexes and constraints
  std::uint64_t bytes = 0;
  std::chrono::duration<double> elapsed{};
};

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

// Loads the dump in `file` (read through zstd when its name ends in .zst)
// into the database in directory `path`, creating it when missing, with no
// other handle on it in this process. Database::load loads into an open
// database. Throws Error: kNotFound (no such file), kStorage ("file:line:
// reason" for a statement that is not part of a dump), kConstraint (an index
// the dump creates finds duplicate values), kInvalidArgument (an index of
// that name exists on another label or property). A load is one transaction:
// on failure the database is as before, and removed again when this call
// created it.
LoadReport load(const std::string& path, const std::string& file, const LoadOptions& options = {});

}  // namespace guanxi
