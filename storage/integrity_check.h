// IntegrityCheck: walks a whole database and reports every inconsistency it
// finds, the base of `guanxi verify`.
//
// It checks the B-tree pages (page_check.h), then that every record decodes
// and its checksum holds; every adjacency block decodes in order; every
// relationship (an `out` entry) has existing endpoints, a unique id and its
// twin in `in`, and `in` nothing more; every relationship record (those with
// properties) its `out` entry; label postings match node records both ways;
// every property index matches the nodes (each entry has its node, each
// indexed node its entry, unique indexes hold one node per value); the
// counters match.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "storage/graph.h"
#include "storage/page_check.h"

namespace guanxi::storage {

struct IntegrityProblem {
  std::string table;    // "nodes", "edges", "out", "in", "postings", "index", "idspace", "privacy",
                        // "audit", "meta"
  std::string message;  // names the record, e.g. "relationship 17: no entry in 'in' for node 4"
};

struct IntegrityReport {
  std::vector<IntegrityProblem> problems;  // at most `max_problems` kept
  std::uint64_t problem_count = 0;         // all found, including those not kept
  std::uint64_t nodes_checked = 0;
  std::uint64_t relationships_checked = 0;
  std::uint64_t adjacency_checked = 0;
  std::uint64_t index_entries_checked = 0;
  bool ok() const { return problem_count == 0; }
};

struct IntegrityOptions {
  std::size_t max_problems = 1000;
  // Called now and then with a phase name and items done, for progress output.
  std::function<void(const std::string& phase, std::uint64_t done)> progress;
  // The page check of this database when already done (`verify` does it
  // before opening); nullptr to have check_integrity do it.
  const PageCheckReport* pages = nullptr;
};

// Checks everything in one read snapshot, pages first (page_check.h): the
// checks that need a table with damaged pages are skipped, the others run.
// Damage is reported, never thrown; only an unreadable environment throws.
IntegrityReport check_integrity(Graph& graph, const IntegrityOptions& options = {});

}  // namespace guanxi::storage
