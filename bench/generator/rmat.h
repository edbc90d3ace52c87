// R-MAT: a seeded generator of skewed synthetic graphs (Chakrabarti, Zhan and
// Faloutsos, 2004), as used by Graph500 and the storage benchmarks.
//
// Each relationship picks its (src, dst) cell of the 2^S x 2^S adjacency matrix by
// descending S levels of quadrants chosen with probabilities a, b, c, d
// (classic 0.57, 0.19, 0.19, 0.05). That gives power-law degrees and a
// community-like structure. Node ids are then scrambled by a seeded
// permutation (as Graph500 does) so that the hubs are not simply the lowest
// ids. Self loops and repeated pairs are kept: the graph is a multigraph with
// exactly relationships_per_node * 2^S relationships, and every relationship is a distinct
// relationship.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace guanxi::bench {

struct RmatOptions {
  int scale = 20;                   // 2^scale nodes
  int relationships_per_node = 16;  // relationships = relationships_per_node * 2^scale
  std::uint64_t seed = 1;
  double a = 0.57;
  double b = 0.19;
  double c = 0.19;  // d = 1 - a - b - c
  bool scramble_ids = true;

  std::uint64_t node_count() const { return std::uint64_t{1} << scale; }
  std::uint64_t relationship_count() const {
    return node_count() * static_cast<std::uint64_t>(relationships_per_node);
  }
};

struct RmatRelationship {
  std::uint64_t src = 0;
  std::uint64_t dst = 0;
  friend bool operator==(const RmatRelationship&, const RmatRelationship&) = default;
};

// The relationships of the graph in generation order (the order written to CSV, so relationship
// i of the result is relationship i of the file). Deterministic for equal options.
// Throws std::invalid_argument for a scale outside 1..40, a non-positive relationship
// factor, or probabilities that are negative or sum past 1.
std::vector<RmatRelationship> generate_rmat(const RmatOptions& options);

struct RmatFiles {
  std::filesystem::path nodes;          // header `id:ID(Node)` (+ `,name:string`)
  std::filesystem::path relationships;  // header `:START_ID(Node),:END_ID(Node)`
};

// Writes nodes.csv (every id 0..2^scale-1; with `with_names` also a name
// "node-<id>") and relationships.csv into `dir` (created if missing), in neo4j-admin
// import format. Throws std::runtime_error naming the file on an I/O error.
RmatFiles write_rmat_csv(const RmatOptions& options,
                         const std::vector<RmatRelationship>& relationships,
                         const std::filesystem::path& dir, bool with_names = false);

// The same for any graph of `node_count` nodes (ids 0..node_count-1).
RmatFiles write_graph_csv(std::uint64_t node_count,
                          const std::vector<RmatRelationship>& relationships,
                          const std::filesystem::path& dir, bool with_names = false);

}  // namespace guanxi::bench
