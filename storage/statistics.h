// Statistics of a database: counts per label and type, degree distribution,
// and size on disk. Counts come from counters and postings; the degree
// distribution reads only the counts in adjacency block headers, no records.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "storage/graph.h"

namespace guanxi::storage {

struct DegreeDistribution {
  std::uint64_t min = 0, max = 0;
  double mean = 0;
  std::uint64_t median = 0, p90 = 0, p99 = 0;
  // Buckets by powers of two, [0,1), [1,2), [2,4), [4,8), ..., as {exclusive
  // upper bound, nodes}; empty buckets are left out. Bound 1 is degree 0.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> histogram;
};

// One table of the data file (storage/environment.h names them).
struct TableStatistics {
  std::string name;
  std::uint64_t entries = 0;  // key/value pairs, each duplicate value counted
  std::uint64_t branch_pages = 0, leaf_pages = 0, overflow_pages = 0;
  std::uint64_t bytes = 0;  // its pages' bytes
  // Bytes of its pages holding headers and entries over their bytes: 1 is
  // every page full. LMDB fills pages written in key order to about 1 and
  // leaves pages split by writes in other orders about half full.
  double fill = 0;
};

struct GraphStatistics {
  std::uint64_t nodes = 0;
  std::uint64_t relationships = 0;
  std::vector<std::pair<std::string, std::uint64_t>> labels;  // name, nodes
  std::vector<std::pair<std::string, std::uint64_t>> types;   // name, relationships
  std::vector<std::string> indexes;                           // ":Label(key) [UNIQUE]"
  DegreeDistribution out_degree, in_degree;
  std::uint64_t bytes_on_disk = 0;
  std::vector<TableStatistics> tables;  // largest first; empty tables left out
};

// Reads everything in one snapshot. Labels and types with no members are left
// out; labels and types are sorted by count (largest first), indexes by name.
// The tables' page use comes from a walk of every page of the snapshot
// (storage/page_check.h), so this reads the whole data file.
GraphStatistics compute_statistics(Graph& graph);

// Min, max, mean, median, p90, p99 (nearest rank) and the power-of-two
// histogram of `degrees`; all zero for an empty input.
DegreeDistribution summarize_degrees(std::vector<std::uint64_t> degrees);

}  // namespace guanxi::storage
