#include "algorithms/csr_graph.h"

#include <gtest/gtest.h>

namespace guanxi::algorithms {
namespace {

std::vector<Vertex> list(std::span<const Vertex> s) { return {s.begin(), s.end()}; }

TEST(CsrGraph, DirectedListsAreSortedBothWays) {
  CsrBuilder b(4, false);
  b.add(0, 2);
  b.add(0, 1);
  b.add(2, 1);
  b.add(3, 3);
  CsrGraph g = b.build();
  EXPECT_EQ(g.vertex_count(), 4u);
  EXPECT_EQ(g.arc_count(), 4u);
  EXPECT_EQ(list(g.out(0)), (std::vector<Vertex>{1, 2}));
  EXPECT_EQ(list(g.in(1)), (std::vector<Vertex>{0, 2}));
  EXPECT_EQ(list(g.out(3)), (std::vector<Vertex>{3}));
  EXPECT_EQ(g.in_degree(3), 1u);
  EXPECT_FALSE(g.weighted());
}

TEST(CsrGraph, UndirectedMirrorsArcsAndKeepsWeights) {
  CsrBuilder b(3, true);
  b.add(0, 1, 2.5);
  b.add(1, 2, 4.0);
  b.add(2, 2, 1.0);
  CsrGraph g = b.build();
  EXPECT_TRUE(g.undirected());
  EXPECT_EQ(g.arc_count(), 5u);  // two mirrored relationships and one self-loop
  EXPECT_EQ(list(g.out(1)), (std::vector<Vertex>{0, 2}));
  EXPECT_EQ(g.out_weights(1)[0], 2.5);
  EXPECT_EQ(g.out_weights(1)[1], 4.0);
  EXPECT_EQ(list(g.in(1)), list(g.out(1)));
}

TEST(CsrGraph, NodeIdsMapBack) {
  CsrBuilder b(2, false);
  b.add(0, 1);
  b.set_node_ids({100, 7});
  CsrGraph g = b.build();
  EXPECT_EQ(g.node_id(0), 100u);
  EXPECT_EQ(g.node_id(1), 7u);
}

TEST(CsrGraph, ADirectedGraphMayGoWithoutInLists) {
  CsrGraph g = CsrBuilder::adopt(false, {0, 2, 2, 3}, {1, 2, 0}, {}, {}, {}, {}, {});
  EXPECT_FALSE(g.has_in_lists());
  EXPECT_EQ(list(g.out(0)), (std::vector<Vertex>{1, 2}));
  EXPECT_THROW(g.in(0), std::logic_error);
  EXPECT_THROW(g.in_degree(0), std::logic_error);
  EXPECT_THROW(g.in_weights(0), std::logic_error);
  // Half the in-arrays is no graph.
  EXPECT_THROW(CsrBuilder::adopt(false, {0, 2, 2, 3}, {1, 2, 0}, {}, {0, 1, 2, 3}, {}, {}, {}),
               std::invalid_argument);

  EXPECT_TRUE(CsrBuilder(2, false).build().has_in_lists());
  EXPECT_TRUE(CsrBuilder(2, true).build().has_in_lists());
}

TEST(CsrGraph, OutOfRangeArcIsRefused) {
  CsrBuilder b(2, false);
  b.add(0, 2);
  EXPECT_THROW(b.build(), std::invalid_argument);
}

}  // namespace
}  // namespace guanxi::algorithms
