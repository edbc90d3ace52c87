#include "algorithms/similarity/link_prediction.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "tests/algorithms/similarity_reference.h"

namespace guanxi::algorithms {
namespace {

using namespace similarity_testing;

struct Measure {
  const char* file;
  LinkMeasure measure;
};
constexpr Measure kMeasures[] = {{"common_neighbors", LinkMeasure::kCommonNeighbors},
                                 {"jaccard", LinkMeasure::kJaccard},
                                 {"adamic_adar", LinkMeasure::kAdamicAdar},
                                 {"resource_allocation", LinkMeasure::kResourceAllocation}};

void expect_reference(const CsrGraph& g, const std::string& graph) {
  for (const Measure& m : kMeasures) {
    SCOPED_TRACE(graph + "." + m.file);
    const auto rows = reference(graph, m.file);
    std::vector<std::pair<Vertex, Vertex>> pairs;
    pairs.reserve(rows.size());
    for (const auto& r : rows) pairs.push_back({r.u, r.v});
    LinkPredictionConfig config;
    config.measure = m.measure;
    const auto scores = link_scores(g, pairs, config);
    ASSERT_EQ(scores.size(), rows.size());
    int positive = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      EXPECT_TRUE(close(scores[i], rows[i].value))
          << "(" << rows[i].u << ", " << rows[i].v << "): " << scores[i] << " vs " << rows[i].value;
      positive += rows[i].value > 0;
    }
    EXPECT_GT(positive, 10);
  }
}

TEST(LinkPrediction, NetworkxReferenceOnClassicGraphs) {
  for (const char* name : {"karate", "florentine", "lesmis"}) expect_reference(classic(name), name);
}

TEST(LinkPrediction, NetworkxReferenceOnFacebookSample) {
  expect_reference(facebook(), "facebook");
}

TEST(LinkPrediction, DirectedParallelAndSelfLoopRelationshipsReadAsSimpleUndirected) {
  // 0 -> 1, 1 -> 0, 2 -> 1 twice, 1 -> 1, 3 -> 1: N(1) = {0, 2, 3}.
  CsrBuilder b(4, false);
  for (auto [s, d] : {std::pair{0, 1}, {1, 0}, {2, 1}, {2, 1}, {1, 1}, {3, 1}}) b.add(s, d);
  const CsrGraph g = b.build();
  const std::pair<Vertex, Vertex> pairs[] = {{0, 2}, {2, 3}, {0, 1}};
  LinkPredictionConfig config;
  config.measure = LinkMeasure::kCommonNeighbors;
  EXPECT_EQ(link_scores(g, pairs, config), (std::vector<double>{1, 1, 0}));
  config.measure = LinkMeasure::kResourceAllocation;
  EXPECT_EQ(link_scores(g, pairs, config)[0], 1.0 / 3);
  config.measure = LinkMeasure::kJaccard;
  EXPECT_EQ(link_scores(g, pairs, config)[2], 0.0);  // N(0) = {1}, N(1) = {0, 2, 3}
}

// Suggestions are exactly the best non-adjacent pairs by the pair scores.
TEST(LinkPrediction, SuggestionsAreTheTopScoringNonAdjacentPairs) {
  const CsrGraph g = classic("lesmis");
  const Vertex n = g.vertex_count();
  for (const Measure& m : kMeasures) {
    SCOPED_TRACE(m.file);
    LinkPredictionConfig config;
    config.measure = m.measure;
    config.top_k = 3;
    const auto got = link_suggestions(g, config);
    std::vector<std::pair<Vertex, Vertex>> pairs;  // every non-adjacent (u, v), by u then v
    for (Vertex u = 0; u < n; ++u) {
      const auto nb = g.out(u);
      for (Vertex v = 0; v < n; ++v) {
        if (v != u && !std::binary_search(nb.begin(), nb.end(), v)) pairs.push_back({u, v});
      }
    }
    const auto scores = link_scores(g, pairs, config);
    std::vector<ScoredPair> want;
    for (std::size_t i = 0; i < pairs.size();) {
      std::vector<ScoredPair> mine;
      const Vertex u = pairs[i].first;
      for (; i < pairs.size() && pairs[i].first == u; ++i) {
        if (scores[i] > 0) mine.push_back({u, pairs[i].second, scores[i]});
      }
      std::stable_sort(mine.begin(), mine.end(),
                       [](auto& a, auto& b) { return a.score > b.score; });
      mine.resize(std::min<std::size_t>(mine.size(), 3));
      want.insert(want.end(), mine.begin(), mine.end());
    }
    EXPECT_EQ(got, want);
    config.concurrency = 1;
    EXPECT_EQ(link_suggestions(g, config), got);
  }
}

// For chosen sources, exactly the rows of link_suggestions whose node1 is one
// of them, scores equal to the last bit, for every measure, on directed
// multigraphs with self-loops.
TEST(LinkPrediction, SuggestionsForSourcesAreTheirRowsOfTheWholeResult) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    std::mt19937_64 rng(seed);
    const Vertex n = 90;
    CsrBuilder b(n, seed % 2 == 0);
    for (int i = 0; i < 300; ++i)
      b.add(static_cast<Vertex>(rng() % n), static_cast<Vertex>(rng() % n));
    b.add(5, 5);
    const CsrGraph g = b.build();
    for (const Measure& m : kMeasures) {
      LinkPredictionConfig config;
      config.measure = m.measure;
      config.top_k = 1 + static_cast<int>(seed % 5);
      const std::vector<Vertex> sources = {static_cast<Vertex>(rng() % n), 5, 5,
                                           static_cast<Vertex>(rng() % n), 0};
      std::vector<ScoredPair> want;
      for (const ScoredPair& p : link_suggestions(g, config))
        if (std::find(sources.begin(), sources.end(), p.node1) != sources.end()) want.push_back(p);
      EXPECT_FALSE(want.empty()) << "seed " << seed << " " << m.file;
      EXPECT_EQ(link_suggestions_for(g, sources, config), want) << "seed " << seed << " " << m.file;
    }
  }
  const CsrGraph g = CsrBuilder(3, false).build();
  const std::vector<Vertex> outside = {3};
  EXPECT_THROW(link_suggestions_for(g, outside), ConfigError);
}

TEST(LinkPrediction, BadConfigNamesTheKey) {
  try {
    parse_link_measure("katz");
    ADD_FAILURE();
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "measure");
  }
  EXPECT_EQ(parse_link_measure("adamicAdar"), LinkMeasure::kAdamicAdar);
  EXPECT_EQ(parse_link_measure("CommonNeighbors"), LinkMeasure::kCommonNeighbors);
  const CsrGraph g = classic("florentine");
  LinkPredictionConfig config;
  config.top_k = 0;
  EXPECT_THROW(link_suggestions(g, config), ConfigError);
  config.top_k = 1;
  const std::pair<Vertex, Vertex> bad[] = {{0, 15}};
  try {
    link_scores(g, bad, config);
    ADD_FAILURE();
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "pairs");
  }
}

}  // namespace
}  // namespace guanxi::algorithms
