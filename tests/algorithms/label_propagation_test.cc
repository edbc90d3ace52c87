#include "algorithms/community/label_propagation.h"

#include <gtest/gtest.h>

#include <atomic>

#include "tests/algorithms/community_reference.h"
#include "tests/algorithms/graphalytics.h"

namespace guanxi::algorithms {
namespace {

class CdlpGraphalytics : public testing::TestWithParam<const char*> {};

TEST_P(CdlpGraphalytics, EqualsReference) {
  const auto d = graphalytics::load(GetParam());
  const auto expected = graphalytics::expected_integers(d, "CDLP");
  LabelPropagationConfig config;
  config.max_iterations = d.iterations("cdlp");
  const LabelPropagationResult r = label_propagation(d.graph, config);
  ASSERT_EQ(r.community.size(), expected.size());
  // Local ids ascend with the original ids, so the smallest-label rule agrees.
  for (Vertex v = 0; v < d.graph.vertex_count(); ++v) {
    EXPECT_EQ(d.original_ids[r.community[v]], expected[v])
        << GetParam() << " vertex " << d.original_ids[v];
  }
  EXPECT_LE(r.iterations, config.max_iterations);
}

INSTANTIATE_TEST_SUITE_P(Graphs, CdlpGraphalytics,
                         testing::Values("example-directed", "example-undirected",
                                         "test-cdlp-directed", "test-cdlp-undirected"));

TEST(LabelPropagation, RelationshipsTakeTheSmallestLabelAndIsolatedVerticesKeepTheirs) {
  // Star centre 0 sees labels 11, 12, 13 once each: it takes 11. Leaves see
  // only the centre. Vertex 4 has no neighbours.
  CsrBuilder b(5, true);
  b.add(0, 1);
  b.add(0, 2);
  b.add(0, 3);
  b.set_node_ids({10, 13, 12, 11, 99});
  const LabelPropagationResult r =
      label_propagation(b.build(), LabelPropagationConfig{.max_iterations = 1});
  EXPECT_EQ(r.community, (std::vector<std::uint64_t>{11, 10, 10, 10, 99}));
  EXPECT_EQ(r.iterations, 1);
  EXPECT_FALSE(r.converged);
}

TEST(LabelPropagation, DirectedCountsBothDirectionsTwice) {
  // Vertex 0: arcs 0→1 and 1→0 (label 1 counted twice), 2→0 and 3→0 once each.
  CsrBuilder b(4, false);
  b.add(0, 1);
  b.add(1, 0);
  b.add(2, 0);
  b.add(3, 0);
  const LabelPropagationResult r =
      label_propagation(b.build(), LabelPropagationConfig{.max_iterations = 1});
  EXPECT_EQ(r.community[0], 1u);
}

TEST(LabelPropagation, CliquesConvergeToOneLabelEach) {
  // Two 5-cliques joined by one relationship: each settles on one label, and stops early.
  CsrBuilder b(10, true);
  for (Vertex base : {0u, 5u})
    for (Vertex i = 0; i < 5; ++i)
      for (Vertex j = i + 1; j < 5; ++j) b.add(base + i, base + j);
  b.add(4, 5);
  const LabelPropagationResult r =
      label_propagation(b.build(), LabelPropagationConfig{.max_iterations = 50});
  EXPECT_TRUE(r.converged);
  EXPECT_LT(r.iterations, 50);
  for (Vertex v = 1; v < 5; ++v) EXPECT_EQ(r.community[v], r.community[0]);
  for (Vertex v = 6; v < 10; ++v) EXPECT_EQ(r.community[v], r.community[5]);
}

TEST(LabelPropagation, DeterministicAcrossThreadCounts) {
  const CsrGraph g =
      community_test::planted_partition(100, 100, 6, 2, 7);  // large enough to run in parallel
  const auto one =
      label_propagation(g, LabelPropagationConfig{.max_iterations = 10, .concurrency = 1});
  const auto two =
      label_propagation(g, LabelPropagationConfig{.max_iterations = 10, .concurrency = 2});
  EXPECT_EQ(one.community, two.community);
  EXPECT_EQ(one.community_count, two.community_count);
}

TEST(LabelPropagation, BadConfigNamesTheKey) {
  const CsrGraph g = community_test::random_graph(10, 10, true, 1);
  try {
    label_propagation(g, LabelPropagationConfig{.max_iterations = 0});
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "maxIterations");
  }
  try {
    label_propagation(g, LabelPropagationConfig{.concurrency = -1});
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "concurrency");
  }
}

TEST(LabelPropagation, Cancellation) {
  std::atomic<bool> stop{true};
  EXPECT_THROW(
      label_propagation(community_test::random_graph(1000, 3000, true, 1), {}, Cancellation(&stop)),
      Cancelled);
}

}  // namespace
}  // namespace guanxi::algorithms
