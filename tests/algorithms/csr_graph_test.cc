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

TEST(CsrGraph, OutOfRangeArcIsRefused) {
  CsrBuilder b(2, false);
  b.add(0, 2);
  EXPECT_THROW(b.build(), std::invalid_argument);
}

}  // namespace
}  // namespace guanxi::algorithms
