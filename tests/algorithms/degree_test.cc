#include "algorithms/centrality/degree.h"

#include <gtest/gtest.h>

#include <atomic>

#include "tests/algorithms/centrality_reference.h"

namespace guanxi::algorithms {
namespace {

// 0 -> 1 twice (parallel), 0 -> 2, 2 -> 0, 3 -> 3 (self-loop), 4 isolated.
CsrGraph small_directed(bool weighted) {
  CsrBuilder b(5, false);
  if (weighted) {
    b.add(0, 1, 1.5);
    b.add(0, 1, 2.0);
    b.add(0, 2, 0.25);
    b.add(2, 0, 4.0);
    b.add(3, 3, 3.0);
  } else {
    b.add(0, 1);
    b.add(0, 1);
    b.add(0, 2);
    b.add(2, 0);
    b.add(3, 3);
  }
  return b.build();
}

TEST(Degree, DirectedOrientationsCountParallelRelationshipsAndSelfLoops) {
  const CsrGraph g = small_directed(false);
  EXPECT_EQ(degree(g, {DegreeOrientation::kOut}).scores, (std::vector<double>{3, 0, 1, 1, 0}));
  EXPECT_EQ(degree(g, {DegreeOrientation::kIn}).scores, (std::vector<double>{1, 2, 1, 1, 0}));
  EXPECT_EQ(degree(g, {DegreeOrientation::kBoth}).scores, (std::vector<double>{4, 2, 2, 2, 0}));
}

TEST(Degree, WeightedSumsWeightsUnlessTurnedOff) {
  const CsrGraph g = small_directed(true);
  EXPECT_EQ(degree(g, {DegreeOrientation::kOut}).scores, (std::vector<double>{3.75, 0, 4, 3, 0}));
  EXPECT_EQ(degree(g, {DegreeOrientation::kIn}).scores, (std::vector<double>{4, 3.5, 0.25, 3, 0}));
  EXPECT_EQ(degree(g, {DegreeOrientation::kBoth}).scores,
            (std::vector<double>{7.75, 3.5, 4.25, 6, 0}));
  EXPECT_EQ(degree(g, {DegreeOrientation::kOut, /*weighted=*/false}).scores,
            (std::vector<double>{3, 0, 1, 1, 0}));
}

TEST(Degree, UndirectedCountsEachRelationshipOnceInEveryOrientation) {
  const CsrGraph g = centrality_test::load_relationships("karate");
  for (auto o : {DegreeOrientation::kOut, DegreeOrientation::kIn, DegreeOrientation::kBoth}) {
    const auto scores = degree(g, {o}).scores;
    ASSERT_EQ(scores.size(), 34u);
    EXPECT_EQ(scores[0], 16);  // networkx: karate_club_graph().degree(0)
    EXPECT_EQ(scores[33], 17);
    EXPECT_EQ(scores[11], 1);
    double total = 0;
    for (double s : scores) total += s;
    EXPECT_EQ(total, 2 * 78);  // 78 relationships
  }
}

TEST(Degree, WeightedUndirectedIsStrength) {
  const CsrGraph g = centrality_test::load_relationships("lesmis");
  const auto scores = degree(g, {DegreeOrientation::kBoth}).scores;
  // Sum of all strengths is twice the total weight of the relationships.
  double total_weight = 0;
  for (Vertex v = 0; v < g.vertex_count(); ++v) {
    for (double w : g.out_weights(v)) total_weight += w;
  }
  double total = 0;
  for (double s : scores) total += s;
  EXPECT_EQ(total, total_weight);
  EXPECT_GT(total, 2.0 * 254);  // lesmis has 254 relationships, most weighted above 1
}

TEST(Degree, CancelledRunThrows) {
  std::atomic<bool> flag{true};
  EXPECT_THROW(degree(small_directed(false), {}, Cancellation(&flag)), Cancelled);
}

}  // namespace
}  // namespace guanxi::algorithms
