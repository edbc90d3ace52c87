#include "tests/algorithms/graphalytics.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "tests/support/temp_dir.h"

namespace guanxi::algorithms::graphalytics {
namespace {

std::vector<std::int64_t> original_out(const Dataset& d, std::int64_t v) {
  std::vector<std::int64_t> out;
  for (Vertex w : d.graph.out(d.local(v))) out.push_back(d.original_ids[w]);
  return out;
}

TEST(Graphalytics, ExampleDirectedFromRelationshipFiles) {
  const Dataset d = load("example-directed");
  EXPECT_TRUE(d.directed);
  EXPECT_EQ(d.graph.vertex_count(), 10u);
  EXPECT_EQ(d.graph.arc_count(), 17u);
  ASSERT_TRUE(d.graph.weighted());
  EXPECT_EQ(original_out(d, 3), (std::vector<std::int64_t>{1, 5, 8, 10}));
  EXPECT_EQ(d.graph.out_weights(d.local(3))[0], 0.53);
  EXPECT_EQ(d.graph.out_degree(d.local(4)), 0u);
  EXPECT_EQ(d.graph.in_degree(d.local(4)), 5u);
  EXPECT_EQ(d.source("bfs"), d.local(1));
  EXPECT_EQ(d.source("sssp"), d.local(1));
  EXPECT_EQ(d.iterations("pr"), 2);
  EXPECT_EQ(d.iterations("cdlp"), 2);
  EXPECT_DOUBLE_EQ(d.damping(), 0.85);

  const auto bfs = expected_integers(d, "BFS");
  ASSERT_EQ(bfs.size(), 10u);
  EXPECT_EQ(bfs[d.local(1)], 0);
  EXPECT_EQ(bfs[d.local(2)], kUnreachable);
  EXPECT_EQ(bfs[d.local(4)], 2);
  const auto sssp = expected_reals(d, "SSSP");
  EXPECT_TRUE(std::isinf(sssp[d.local(2)]));
  EXPECT_DOUBLE_EQ(sssp[d.local(4)], 0.83);
}

TEST(Graphalytics, UndirectedFormatsAgreeAndMirrorRelationships) {
  const Dataset e = load("example-undirected", true);
  const Dataset a = load("example-undirected", false);
  EXPECT_FALSE(e.directed);
  EXPECT_TRUE(e.graph.undirected());
  EXPECT_EQ(e.graph.vertex_count(), 9u);
  EXPECT_EQ(e.graph.arc_count(), 24u);  // 12 relationships, each in both lists
  EXPECT_TRUE(e.graph.weighted());
  EXPECT_FALSE(a.graph.weighted());
  ASSERT_EQ(a.original_ids, e.original_ids);
  ASSERT_EQ(a.graph.arc_count(), e.graph.arc_count());
  for (std::int64_t v : e.original_ids)
    EXPECT_EQ(original_out(a, v), original_out(e, v)) << "vertex " << v;
  EXPECT_EQ(original_out(e, 6), (std::vector<std::int64_t>{5, 7, 8, 9, 10}));
  EXPECT_EQ(e.source("bfs"), e.local(2));
}

TEST(Graphalytics, EveryTestGraphLoadsWithCompleteExpectedOutput) {
  struct Case {
    const char* algo;
    const char* upper;
  };
  for (const Case c : {Case{"bfs", "BFS"}, Case{"cdlp", "CDLP"}, Case{"lcc", "LCC"},
                       Case{"pr", "PR"}, Case{"sssp", "SSSP"}, Case{"wcc", "WCC"}}) {
    for (const char* kind : {"directed", "undirected"}) {
      const std::string name = std::string("test-") + c.algo + "-" + kind;
      SCOPED_TRACE(name);
      const Dataset d = load(name);
      EXPECT_EQ(d.directed, std::string(kind) == "directed");
      EXPECT_GT(d.graph.arc_count(), 0u);
      // The reader checks that every vertex has exactly one value.
      const auto values = expected_reals(d, c.upper);
      EXPECT_EQ(values.size(), d.graph.vertex_count());
    }
  }
  const Dataset sssp = load("test-sssp-undirected");
  EXPECT_TRUE(sssp.graph.weighted());
  EXPECT_EQ(sssp.graph.vertex_count(), 12u);
  EXPECT_EQ(original_out(sssp, 12), (std::vector<std::int64_t>{11}));  // listed once as "11 12 3.4"
  EXPECT_EQ(sssp.graph.out_weights(sssp.local(12))[0], 3.4);
  EXPECT_TRUE(std::isinf(expected_reals(sssp, "SSSP")[sssp.local(12)]));
  const Dataset bfs = load("test-bfs-undirected");
  EXPECT_EQ(bfs.graph.vertex_count(), 10u);
  EXPECT_EQ(original_out(bfs, 10), (std::vector<std::int64_t>{9}));
  EXPECT_EQ(expected_integers(bfs, "BFS")[bfs.local(10)], kUnreachable);
}

TEST(Graphalytics, MalformedInputNamesFileAndLine) {
  namespace fs = std::filesystem;
  const test_support::TempDir dir("guanxi-graphalytics");
  const fs::path& root = dir.path();
  fs::create_directories(root / "properties");
  fs::create_directories(root / "validation-graphs" / "bfs");
  std::ofstream(root / "properties" / "test-bfs-directed.properties")
      << "graph.test-bfs-directed.directed = true\n";
  std::ofstream(root / "validation-graphs" / "bfs" / "dir-input") << "1 2\n2 x3\n";
  try {
    load("test-bfs-directed", true, root.string());
    ADD_FAILURE() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("dir-input:2: bad vertex id 'x3'"), std::string::npos)
        << e.what();
  }
  std::ofstream(root / "validation-graphs" / "bfs" / "dir-input") << "1 2\n";
  std::ofstream(root / "validation-graphs" / "bfs" / "dir-output") << "1 0\n";
  const Dataset d = load("test-bfs-directed", true, root.string());
  try {
    expected_integers(d, "BFS", root.string());
    ADD_FAILURE() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no value for vertex 2"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace guanxi::algorithms::graphalytics
