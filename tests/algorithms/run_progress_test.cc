// Every long-running kernel reports its phase (named as CALL names the
// algorithm) and how far it got, through the Cancellation it is given: after
// a run, the phase is the kernel's and its step has reached the end.
#include "algorithms/run_progress.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "algorithms/community/kcore.h"
#include "algorithms/community/leiden.h"
#include "algorithms/community/scc.h"
#include "algorithms/community/triangles.h"
#include "algorithms/community/wcc.h"
#include "algorithms/paths/bfs.h"
#include "algorithms/paths/dijkstra.h"
#include "algorithms/paths/khop.h"
#include "algorithms/similarity/link_prediction.h"
#include "algorithms/similarity/node_similarity.h"
#include "tests/algorithms/community_reference.h"

namespace guanxi::algorithms {
namespace {

using community_test::random_graph;

struct Reported {
  std::string phase;
  std::uint64_t step = 0;
  std::uint64_t steps = 0;
};

Reported run(const std::function<void(Cancellation)>& kernel) {
  RunProgress progress;
  kernel(Cancellation(nullptr, &progress));
  const RunProgress::Snapshot s = progress.snapshot();
  return {s.phase ? s.phase : "", s.step, s.steps};
}

// 20,000 vertices: more than one block of the kernels that report per 4,096.
const CsrGraph& undirected_graph() {
  static const CsrGraph g = random_graph(20000, 80000, true, 7);
  return g;
}
const CsrGraph& directed_graph() {
  static const CsrGraph g = random_graph(20000, 80000, false, 11);
  return g;
}

TEST(RunProgressTest, Wcc) {
  const Reported r = run([](Cancellation c) { wcc(directed_graph(), {}, c); });
  EXPECT_EQ(r.phase, "wcc");
  EXPECT_GT(r.steps, 1u);
  EXPECT_EQ(r.step, r.steps);
}

TEST(RunProgressTest, Scc) {
  const Reported r = run([](Cancellation c) { scc(directed_graph(), {}, c); });
  EXPECT_EQ(r.phase, "scc");
  EXPECT_EQ(r.steps, 20000u);
  EXPECT_GT(r.step, 0u);
  EXPECT_LE(r.step, r.steps);
}

TEST(RunProgressTest, KCore) {
  const Reported r = run([](Cancellation c) { kcore(undirected_graph(), {}, c); });
  EXPECT_EQ(r.phase, "kcore");
  EXPECT_EQ(r.steps, 20000u);
  EXPECT_GT(r.step, 0u);
  EXPECT_LE(r.step, r.steps);
}

TEST(RunProgressTest, TriangleCount) {
  const Reported r = run([](Cancellation c) { triangle_count(undirected_graph(), {}, c); });
  EXPECT_EQ(r.phase, "triangleCount");
  EXPECT_EQ(r.steps, 20000u);
  EXPECT_EQ(r.step, r.steps);
}

TEST(RunProgressTest, Leiden) {
  const Reported r = run([](Cancellation c) { leiden(undirected_graph(), {}, c); });
  EXPECT_EQ(r.phase, "leiden");
  EXPECT_GE(r.step, 1u);
  EXPECT_LE(r.step, r.steps);
}

TEST(RunProgressTest, NodeSimilarity) {
  const Reported all = run([](Cancellation c) { node_similarity(directed_graph(), {}, c); });
  EXPECT_EQ(all.phase, "nodeSimilarity");
  EXPECT_EQ(all.steps, 20000u);
  EXPECT_EQ(all.step, all.steps);
  const std::vector<Vertex> sources = {3, 5, 8};
  const Reported some =
      run([&](Cancellation c) { node_similarity_for(directed_graph(), sources, {}, c); });
  EXPECT_EQ(some.phase, "nodeSimilarity");
  EXPECT_EQ(some.steps, 3u);
  EXPECT_EQ(some.step, 3u);
}

TEST(RunProgressTest, LinkPrediction) {
  const Reported all = run([](Cancellation c) { link_suggestions(undirected_graph(), {}, c); });
  EXPECT_EQ(all.phase, "linkPrediction");
  EXPECT_EQ(all.steps, 20000u);
  EXPECT_EQ(all.step, all.steps);
  const std::vector<Vertex> sources = {1, 2};
  const Reported some =
      run([&](Cancellation c) { link_suggestions_for(undirected_graph(), sources, {}, c); });
  EXPECT_EQ(some.phase, "linkPrediction");
  EXPECT_EQ(some.step, 2u);
}

TEST(RunProgressTest, Paths) {
  const Reported b = run([](Cancellation c) { bfs(directed_graph(), BfsConfig{}, c); });
  EXPECT_EQ(b.phase, "bfs");
  EXPECT_GT(b.step, 0u);
  EXPECT_LE(b.step, b.steps);
  const Reported d = run([](Cancellation c) { dijkstra(directed_graph(), DijkstraConfig{}, c); });
  EXPECT_EQ(d.phase, "dijkstra");
  EXPECT_LE(d.step, d.steps);
  KhopConfig khop;
  khop.source_nodes = {1, 2, 3, 4};
  const Reported k = run([&](Cancellation c) { khop_reach(directed_graph(), khop, c); });
  EXPECT_EQ(k.phase, "khopReach");
  EXPECT_EQ(k.steps, 4u);
  EXPECT_EQ(k.step, 4u);
}

}  // namespace
}  // namespace guanxi::algorithms
