// A clustered power-law graph: the "M" graph of the algorithm benchmarks
// (100k nodes, 500k relationships by default).
//
// A planted partition whose nodes have power-law expected degrees (Pareto,
// degree exponent 2.5) and whose communities have power-law sizes between 20
// and 2,000; each relationship stays inside the community of its first end with
// probability `inside`, else lands anywhere. Seeded and deterministic: the
// same options give the same relationships on every machine (SeededRandom).
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "bench/generator/rmat.h"

namespace guanxi::bench {

struct ClusteredOptions {
  std::uint64_t nodes = 100'000;
  std::uint64_t relationships = 500'000;
  double inside = 0.6;
  std::uint64_t seed = 2024;
};

// The relationships in generation order (src, dst as node ids 0..nodes-1).
std::vector<RmatRelationship> generate_clustered(const ClusteredOptions& options);

// Its files are written by write_graph_csv (rmat.h).

}  // namespace guanxi::bench
