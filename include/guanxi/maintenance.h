// Looking after a database: its integrity check (guanxi::verify on a
// directory, what `guanxi verify DB` runs, or Database::verify on an open
// database), its statistics (Database::statistics, what `guanxi stats DB`
// shows) and its compaction (guanxi::compact, what `guanxi compact DB` runs).
//
//   guanxi::VerifyReport report = guanxi::verify("customers.gx");
//   if (!report.ok())
//     for (const auto& p : report.problems) std::cerr << p.table << ": " << p.message << '\n';
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace guanxi {

// ------------------------------------------------------------------- verify

// One inconsistency found by Database::verify.
struct VerifyProblem {
  // The part of the database it is in: "nodes", "edges", "out", "in",
  // "postings", "index", "idspace", "meta"; for damaged pages also "meta
  // pages", "catalog" (the list of tables) or "free list".
  std::string table;
  // What is wrong, naming the record: "relationship 17: no entry in 'in' for node 4".
  std::string message;
};

struct VerifyOptions {
  // Keep at most this many problems (all are counted).
  std::size_t max_problems = 1000;
  // Called now and then with the phase ("nodes", "relationships", ...) and
  // the items of it checked so far.
  std::function<void(const std::string& phase, std::uint64_t done)> progress;
};

struct VerifyReport {
  std::vector<VerifyProblem> problems;  // at most max_problems kept
  std::uint64_t problem_count = 0;      // all found
  std::uint64_t nodes_checked = 0;
  std::uint64_t relationships_checked = 0;
  std::uint64_t adjacency_checked = 0;
  std::uint64_t index_entries_checked = 0;
  // False when the data file's meta pages, its size, its table catalog or
  // its meta table are damaged: the database could not be opened, and the
  // problems are those of the page check alone.
  bool tables_opened = true;
  bool ok() const { return problem_count == 0; }
};

// Checks the database in directory `path` without opening it first: the
// B-tree pages of its data file are walked without LMDB (meta pages, file
// size, page headers and bounds, child pages, key order), so damage that
// would crash or refuse an open is reported, not hit. When the meta pages,
// the file size, the table catalog and the meta table are sound, the
// database is then opened read-only and checked as Database::verify does,
// skipping the reads that need a table with damaged pages. Damage is
// reported in the VerifyReport, not thrown. Throws Error: kNotFound (nothing
// at `path`), kStorage (the data file cannot be read at all; no data.mdb).
VerifyReport verify(const std::string& path, const VerifyOptions& options = {});

// ------------------------------------------------------------------ compact

struct CompactReport {
  std::uint64_t bytes_before = 0;            // the data file's size before
  std::uint64_t bytes_after = 0;             // and after
  std::uint64_t key_store_bytes_before = 0;  // the key store's (0: none)
  std::uint64_t key_store_bytes_after = 0;
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
  std::chrono::duration<double> elapsed{};
};

// Rewrites the database in directory `path` into a data file holding only
// what its tables hold now. The data file never shrinks by itself, and the
// pages that deletes and rewrites free keep what they held until a later
// write reuses them: deleted records, and values written in the clear before
// a tag covered them (CREATE TAG seals such values in new pages). After
// compact() neither is in the file, and it takes the room of its live pages.
// The key store beside the database (GUANXI_KEY_FILE's, else `path`.key's)
// is compacted too: erasure deletes a subject's wrapped key, whose bytes
// stay in the store's free pages, where the master key would still unwrap
// them, until then.
//
// No process may have the database open, this one included: a Database on it
// anywhere is detected and refused. The new file is written beside the
// database while writers wait, synced, opened and checked to be the same
// database (id, format, counts), then moved into place in one atomic rename:
// on any failure, or if the process is killed, the database is as before.
// It needs free room for a copy of the pages in use. Throws Error: kNotFound
// (no database at `path`), kInvalidArgument (open in a process; the
// directory holds other files), kStorage (an older format, which `upgrade`
// brings forward first; a newer one; damage; no room; I/O; or the database
// was compacted but its key store could not be, which the message says).
CompactReport compact(const std::string& path);

// --------------------------------------------------------------- statistics

// A distribution of node degrees.
struct DegreeDistribution {
  std::uint64_t min = 0;
  std::uint64_t max = 0;
  double mean = 0;
  std::uint64_t median = 0;
  std::uint64_t p90 = 0;
  std::uint64_t p99 = 0;
  // Buckets by powers of two, [0,1), [1,2), [2,4), [4,8), ..., as {exclusive
  // upper bound, nodes}; empty buckets are left out (bound 1 is degree 0).
  std::vector<std::pair<std::uint64_t, std::uint64_t>> histogram;
};

// One table of the data file: what it holds and how full its pages are.
struct TableStatistics {
  std::string name;  // "out", "in", "edges", "nodes", "index", ...
  std::uint64_t entries = 0;
  std::uint64_t branch_pages = 0;
  std::uint64_t leaf_pages = 0;
  std::uint64_t overflow_pages = 0;
  std::uint64_t bytes = 0;  // its pages' bytes
  // The share of its pages' bytes that hold headers and entries (1: every
  // page full). Pages split by writes out of key order stay about half full.
  double fill = 0;
};

struct Statistics {
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
  // {label, nodes} and {type, relationships}, largest first; labels and
  // types without members are left out.
  std::vector<std::pair<std::string, std::uint64_t>> labels;
  std::vector<std::pair<std::string, std::uint64_t>> types;
  std::vector<std::string> indexes;  // ":Label(key)" or ":Label(key) UNIQUE", by name
  DegreeDistribution out_degree;
  DegreeDistribution in_degree;
  std::uint64_t bytes_on_disk = 0;
  // The tables that hold anything, largest first. Found by reading every
  // page of the snapshot: statistics() reads the whole data file.
  std::vector<TableStatistics> tables;
};

}  // namespace guanxi
