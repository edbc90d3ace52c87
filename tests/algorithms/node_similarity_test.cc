#include "algorithms/similarity/node_similarity.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "tests/algorithms/similarity_reference.h"

namespace guanxi::algorithms {
namespace {

using namespace similarity_testing;

TEST(NodeSimilarity, NetworkxJaccardTopTenOnClassicGraphs) {
  for (const char* name : {"karate", "florentine", "lesmis"}) {
    SCOPED_TRACE(name);
    const auto want = reference(name, "node_similarity");
    const NodeSimilarityResult got = node_similarity(classic(name));
    ASSERT_EQ(got.pairs.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      EXPECT_EQ(got.pairs[i].node1, want[i].u) << i;
      EXPECT_EQ(got.pairs[i].node2, want[i].v) << i;
      EXPECT_EQ(got.pairs[i].similarity, want[i].value) << i;  // the same integer division
    }
  }
}

// Brute force over out-neighbour sets of a random directed multigraph.
TEST(NodeSimilarityProperty, EqualsBruteForceWithCutoffs) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    std::mt19937_64 rng(seed);
    const Vertex n = 60;
    CsrBuilder b(n, false);
    for (int i = 0; i < 240; ++i)
      b.add(static_cast<Vertex>(rng() % n), static_cast<Vertex>(rng() % 12));
    const CsrGraph g = b.build();
    NodeSimilarityConfig config;
    config.top_k = 1 + static_cast<int>(seed % 4);
    config.similarity_cutoff = 0.1 * static_cast<double>(seed % 3);
    config.degree_cutoff = 1 + static_cast<int>(seed % 3);
    std::vector<std::set<Vertex>> sets(n);
    for (Vertex v = 0; v < n; ++v) sets[v].insert(g.out(v).begin(), g.out(v).end());
    std::vector<SimilarPair> want;
    for (Vertex u = 0; u < n; ++u) {
      if (sets[u].size() < static_cast<std::size_t>(config.degree_cutoff)) continue;
      std::vector<SimilarPair> row;
      for (Vertex v = 0; v < n; ++v) {
        if (v == u || sets[v].size() < static_cast<std::size_t>(config.degree_cutoff)) continue;
        std::size_t common = 0;
        for (Vertex w : sets[u]) common += sets[v].count(w);
        if (common == 0) continue;
        const double j = static_cast<double>(common) /
                         static_cast<double>(sets[u].size() + sets[v].size() - common);
        if (j >= config.similarity_cutoff) row.push_back({u, v, j});
      }
      std::stable_sort(row.begin(), row.end(),
                       [](auto& x, auto& y) { return x.similarity > y.similarity; });
      row.resize(std::min<std::size_t>(row.size(), static_cast<std::size_t>(config.top_k)));
      want.insert(want.end(), row.begin(), row.end());
    }
    const auto got = node_similarity(g, config);
    EXPECT_EQ(got.pairs, want) << "seed " << seed;
    config.concurrency = 1;
    EXPECT_EQ(node_similarity(g, config).pairs, want);
  }
}

// For chosen sources, the rows of the whole computation whose node1 is one
// of them, in the same order, and nothing else.
TEST(NodeSimilarityProperty, SourcesGiveTheirRowsOfTheWholeResult) {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    std::mt19937_64 rng(seed);
    const Vertex n = 80;
    CsrBuilder b(n, seed % 2 == 0);
    for (int i = 0; i < 400; ++i)
      b.add(static_cast<Vertex>(rng() % n), static_cast<Vertex>(rng() % 20));
    const CsrGraph g = b.build();
    NodeSimilarityConfig config;
    config.top_k = 1 + static_cast<int>(seed % 4);
    config.degree_cutoff = 1 + static_cast<int>(seed % 2);
    const std::vector<Vertex> sources = {static_cast<Vertex>(rng() % n), 3, 3, 79,
                                         static_cast<Vertex>(rng() % n)};
    std::vector<SimilarPair> want;
    for (const SimilarPair& p : node_similarity(g, config).pairs)
      if (std::find(sources.begin(), sources.end(), p.node1) != sources.end()) want.push_back(p);
    EXPECT_FALSE(want.empty()) << "seed " << seed;
    EXPECT_EQ(node_similarity_for(g, sources, config).pairs, want) << "seed " << seed;
  }
  const CsrGraph g = CsrBuilder(3, false).build();
  const std::vector<Vertex> outside = {7};
  EXPECT_THROW(node_similarity_for(g, outside), ConfigError);
}

TEST(NodeSimilarity, BadConfigNamesTheKey) {
  const CsrGraph g = classic("florentine");
  for (auto [key, change] : std::vector<std::pair<std::string, void (*)(NodeSimilarityConfig&)>>{
           {"topK", [](NodeSimilarityConfig& c) { c.top_k = 0; }},
           {"similarityCutoff", [](NodeSimilarityConfig& c) { c.similarity_cutoff = 1.5; }},
           {"degreeCutoff", [](NodeSimilarityConfig& c) { c.degree_cutoff = 0; }},
           {"concurrency", [](NodeSimilarityConfig& c) { c.concurrency = -1; }}}) {
    NodeSimilarityConfig config;
    change(config);
    try {
      node_similarity(g, config);
      ADD_FAILURE() << key;
    } catch (const ConfigError& e) {
      EXPECT_EQ(e.key(), key);
    }
  }
}

}  // namespace
}  // namespace guanxi::algorithms
