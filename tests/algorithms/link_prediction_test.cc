#include "algorithms/similarity/link_prediction.h"

#include <gtest/gtest.h>

#include <map>

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
