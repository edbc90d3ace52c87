// Looking after a database: its integrity check (Database::verify, what
// `guanxi verify DB` runs) and its statistics (Database::statistics, what
// `guanxi stats DB` shows).
//
//   guanxi::VerifyReport report = db.verify();
//   if (!report.ok())
//     for (const auto& p : report.problems) std::cerr << p.table << ": " << p.message << '\n';
#pragma once

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
  // "postings", "index", "idspace", "meta".
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
  bool ok() const { return problem_count == 0; }
};

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
};

}  // namespace guanxi
