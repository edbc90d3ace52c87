#include "bench/generator/rmat.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "bench/generator/csv_writer.h"
#include "bench/generator/seeded_random.h"

namespace guanxi::bench {

namespace {

// Streams of the seed, one per phase.
constexpr std::uint64_t kRelationshipStream = 1;
constexpr std::uint64_t kPermutationStream = 2;

void validate(const RmatOptions& o) {
  if (o.scale < 1 || o.scale > 40) {
    throw std::invalid_argument("R-MAT scale must be within 1..40, not " + std::to_string(o.scale));
  }
  if (o.relationships_per_node < 1) {
    throw std::invalid_argument("R-MAT relationships per node must be positive, not " +
                                std::to_string(o.relationships_per_node));
  }
  if (o.a < 0 || o.b < 0 || o.c < 0 || o.a + o.b + o.c > 1.0 + 1e-12) {
    throw std::invalid_argument("R-MAT probabilities a, b, c must be >= 0 with a + b + c <= 1");
  }
}

// A seeded uniformly random permutation of 0..n-1 (Fisher-Yates).
std::vector<std::uint64_t> permutation(std::uint64_t n, std::uint64_t seed) {
  std::vector<std::uint64_t> p(n);
  for (std::uint64_t i = 0; i < n; ++i) p[i] = i;
  SeededRandom rng(seed, kPermutationStream);
  for (std::uint64_t i = n; i > 1; --i) std::swap(p[i - 1], p[rng.below(i)]);
  return p;
}

}  // namespace

std::vector<RmatRelationship> generate_rmat(const RmatOptions& o) {
  validate(o);
  // Quadrant choice on 32-bit draws: two levels per 64-bit random number.
  const double scale32 = 4294967296.0;
  const auto ta = static_cast<std::uint64_t>(std::llround(o.a * scale32));
  const auto tab = static_cast<std::uint64_t>(std::llround((o.a + o.b) * scale32));
  const auto tabc = static_cast<std::uint64_t>(std::llround((o.a + o.b + o.c) * scale32));

  SeededRandom rng(o.seed, kRelationshipStream);
  std::vector<RmatRelationship> relationships(o.relationship_count());
  for (auto& relationship : relationships) {
    std::uint64_t src = 0, dst = 0;
    std::uint64_t bits = 0;
    for (int level = 0; level < o.scale; ++level) {
      if ((level & 1) == 0) bits = rng.next();
      const std::uint64_t u = (level & 1) ? (bits >> 32) : (bits & 0xffffffffULL);
      src <<= 1;
      dst <<= 1;
      if (u < ta) {
      } else if (u < tab) {
        dst |= 1;
      } else if (u < tabc) {
        src |= 1;
      } else {
        src |= 1;
        dst |= 1;
      }
    }
    relationship = {src, dst};
  }
  if (o.scramble_ids) {
    const auto p = permutation(o.node_count(), o.seed);
    for (auto& relationship : relationships)
      relationship = {p[relationship.src], p[relationship.dst]};
  }
  return relationships;
}

RmatFiles write_rmat_csv(const RmatOptions& o, const std::vector<RmatRelationship>& relationships,
                         const std::filesystem::path& dir, bool with_names) {
  return write_graph_csv(o.node_count(), relationships, dir, with_names);
}

RmatFiles write_graph_csv(std::uint64_t node_count,
                          const std::vector<RmatRelationship>& relationships,
                          const std::filesystem::path& dir, bool with_names) {
  std::filesystem::create_directories(dir);
  RmatFiles files{dir / "nodes.csv", dir / "relationships.csv"};

  CsvWriter nodes(files.nodes);
  nodes.field(std::string_view("id:ID(Node)"));
  if (with_names) nodes.field(std::string_view("name:string"));
  nodes.end_row();
  std::string name;
  for (std::uint64_t id = 0; id < node_count; ++id) {
    nodes.field(id);
    if (with_names) {
      name = "node-" + std::to_string(id);
      nodes.field(std::string_view(name));
    }
    nodes.end_row();
  }
  nodes.close();

  CsvWriter out(files.relationships);
  out.field(std::string_view(":START_ID(Node)"));
  out.field(std::string_view(":END_ID(Node)"));
  out.end_row();
  for (const auto& relationship : relationships) {
    out.field(relationship.src);
    out.field(relationship.dst);
    out.end_row();
  }
  out.close();
  return files;
}

}  // namespace guanxi::bench
