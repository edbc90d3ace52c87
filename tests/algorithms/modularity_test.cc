#include "algorithms/community/modularity.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>

#include "tests/algorithms/community_reference.h"

namespace guanxi::algorithms {
namespace {

using community_test::random_graph;

std::map<std::string, double> reference_cases() {
  std::ifstream in(community_test::data_path("modularity.reference"));
  std::map<std::string, double> cases;
  std::string name;
  double q = 0;
  while (in >> name >> q) cases[name] = q;
  return cases;
}

void expect_close(double actual, double expected) {
  EXPECT_NEAR(actual, expected, 1e-9 * std::max(1.0, std::abs(expected)));
}

TEST(Modularity, EqualsNetworkxOnGivenPartitions) {
  const auto cases = reference_cases();
  ASSERT_EQ(cases.size(), 4u);
  {
    const CsrGraph g = community_test::classic_graph("lesmis", true);
    std::vector<std::uint64_t> mod3(g.vertex_count());
    for (Vertex v = 0; v < g.vertex_count(); ++v) mod3[v] = v % 3;
    expect_close(modularity(g, mod3, ModularityConfig{.resolution = 0.7}).modularity,
                 cases.at("lesmis_mod3_weighted_r0.7"));
  }
  {
    const CsrGraph g = community_test::classic_graph("karate");
    std::vector<std::uint64_t> club(g.vertex_count(), 1);
    for (Vertex v : {0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 16, 17, 19, 21}) club[v] = 0;
    const ModularityResult r = modularity(g, club);
    expect_close(r.modularity, cases.at("karate_club"));
    EXPECT_EQ(r.community_count, 2u);
  }
  {
    const CsrGraph g = community_test::email_eu_core();  // directed, with self-loops
    const auto department = community_test::values_at(
        community_test::real_data_path("snap-email-Eu-core/email-Eu-core-department-labels.txt"));
    ASSERT_EQ(department.size(), g.vertex_count());
    std::vector<std::uint64_t> labels(department.begin(), department.end());
    expect_close(modularity(g, labels).modularity, cases.at("email_departments"));
    expect_close(modularity(g, labels, ModularityConfig{.resolution = 1.5}).modularity,
                 cases.at("email_departments_r1.5"));
  }
}

TEST(Modularity, SingletonsAndOneCommunityByFormula) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    const bool undirected = seed % 2 == 0;
    const bool weighted = seed % 4 < 2;
    const double gamma = 0.5 + 0.25 * static_cast<double>(seed % 3);
    const CsrGraph g = random_graph(120, 500, undirected, seed, weighted);
    const Vertex n = g.vertex_count();
    // Degrees, loops and the total, straight from the arcs.
    std::vector<double> out(n, 0), in(n, 0), loop(n, 0);
    double total = 0;
    for (Vertex v = 0; v < n; ++v) {
      for (std::size_t i = 0; i < g.out(v).size(); ++i) {
        const Vertex u = g.out(v)[i];
        const double w = weighted ? g.out_weights(v)[i] : 1.0;
        if (u == v) loop[v] += w;
        const double ends = undirected && u == v ? 2 : 1;
        out[v] += ends * w;
        in[u] += ends * w;
        total += ends * w;
      }
    }
    double expected = 0;
    for (Vertex v = 0; v < n; ++v) {
      expected += undirected ? 2 * loop[v] / total - gamma * (out[v] / total) * (out[v] / total)
                             : loop[v] / total - gamma * out[v] * in[v] / (total * total);
    }
    std::vector<std::uint64_t> singletons(n), one(n, 7);
    for (Vertex v = 0; v < n; ++v) singletons[v] = 1000 + v;
    const ModularityConfig config{.resolution = gamma};
    expect_close(modularity(g, singletons, config).modularity, expected);
    EXPECT_EQ(modularity(g, singletons, config).community_count, n);
    expect_close(modularity(g, one, config).modularity, 1 - gamma);
  }
}

TEST(Modularity, GraphWithoutRelationshipsIsZero) {
  EXPECT_EQ(modularity(CsrBuilder(3, true).build(), {0, 0, 1}).modularity, 0.0);
}

TEST(Modularity, BadInputNamesTheProblem) {
  const CsrGraph g = random_graph(10, 20, true, 1);
  try {
    modularity(g, std::vector<std::uint64_t>(10, 0), ModularityConfig{.resolution = -1});
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "resolution");
  }
  EXPECT_THROW(modularity(g, std::vector<std::uint64_t>(9, 0)), std::invalid_argument);
}

}  // namespace
}  // namespace guanxi::algorithms
