#include "bench/generator/clustered_graph.h"

#include <algorithm>
#include <cmath>

#include "bench/generator/seeded_random.h"

namespace guanxi::bench {

namespace {

// Index drawn with probability proportional to weight, by binary search over
// the cumulative weights of [begin, end).
std::uint64_t draw(const std::vector<double>& cumulative, std::size_t begin, std::size_t end,
                   SeededRandom& random) {
  const double low = begin == 0 ? 0 : cumulative[begin - 1];
  const double x = low + random.uniform() * (cumulative[end - 1] - low);
  const auto it = std::upper_bound(cumulative.begin() + static_cast<std::ptrdiff_t>(begin),
                                   cumulative.begin() + static_cast<std::ptrdiff_t>(end), x);
  return std::min<std::size_t>(static_cast<std::size_t>(it - cumulative.begin()), end - 1);
}

}  // namespace

std::vector<RmatRelationship> generate_clustered(const ClusteredOptions& options) {
  const std::size_t n = options.nodes;
  SeededRandom random(options.seed);
  std::vector<std::size_t> community_end;
  for (std::size_t at = 0; at < n;) {
    const double size = 20 * std::pow(1 - random.uniform(), -1 / 1.5);
    at = std::min<std::size_t>(n, at + static_cast<std::size_t>(std::min(size, 2000.0)));
    community_end.push_back(at);
  }
  std::vector<std::size_t> community_of(n);
  std::vector<double> cumulative(n);
  double sum = 0;
  for (std::size_t c = 0, v = 0; c < community_end.size(); ++c) {
    for (; v < community_end[c]; ++v) {
      community_of[v] = c;
      sum += std::pow(1 - random.uniform(), -1 / 1.5);
      cumulative[v] = sum;
    }
  }
  std::vector<RmatRelationship> relationships;
  relationships.reserve(options.relationships);
  for (std::size_t i = 0; i < options.relationships; ++i) {
    const std::uint64_t u = draw(cumulative, 0, n, random);
    const std::size_t c = community_of[u];
    const std::uint64_t v =
        random.chance(options.inside)
            ? draw(cumulative, c == 0 ? 0 : community_end[c - 1], community_end[c], random)
            : draw(cumulative, 0, n, random);
    relationships.push_back({u, v});
  }
  return relationships;
}

}  // namespace guanxi::bench
