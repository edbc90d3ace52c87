// algo.degree, algo.pagerank, algo.eigenvector, algo.betweenness,
// algo.closeness, algo.harmonic: YIELD node, score.
#include <cctype>

#include "algorithms/centrality/betweenness.h"
#include "algorithms/centrality/closeness.h"
#include "algorithms/centrality/degree.h"
#include "algorithms/centrality/eigenvector.h"
#include "algorithms/centrality/pagerank.h"
#include "query/procedures/algorithm_call.h"
#include "query/procedures/algorithm_procedures.h"

namespace guanxi::query {

namespace {

using algorithms::CsrGraph;

NodeValues scores_of(std::vector<double> scores) { return NodeValues(std::move(scores)); }

// maxIterations, or its short form `iterations`.
int iterations_of(ConfigMap& config, int fallback) {
  std::int64_t iterations = config.integer("maxIterations", fallback);
  if (config.has("iterations")) {
    if (config.has("maxIterations"))
      config.fail("iterations", "and maxIterations are the same key: give one");
    iterations = config.integer("iterations", fallback);
  }
  if (iterations < 1 || iterations > 1'000'000)
    config.fail("maxIterations", "must be in [1, 1000000], got " + std::to_string(iterations));
  return static_cast<int>(iterations);
}

NodeAlgorithmResult run_degree(const CsrGraph& graph, ConfigMap& config,
                               ProcedureContext& context) {
  algorithms::DegreeConfig c;
  std::string direction = config.string("direction", "OUT");
  for (char& ch : direction) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (direction == "OUT") {
    c.orientation = algorithms::DegreeOrientation::kOut;
  } else if (direction == "IN") {
    c.orientation = algorithms::DegreeOrientation::kIn;
  } else if (direction == "BOTH") {
    c.orientation = algorithms::DegreeOrientation::kBoth;
  } else {
    config.fail("direction", "must be OUT, IN or BOTH, got '" + direction + "'");
  }
  c.weighted = config.boolean("weighted", true);
  concurrency_of(config);
  config.check_all_used();
  c.validate();
  return {scores_of(algorithms::degree(graph, c, cancellation_of(context)).scores), {}};
}

NodeAlgorithmResult run_pagerank(const CsrGraph& graph, ConfigMap& config,
                                 ProcedureContext& context) {
  algorithms::PageRankConfig c;
  c.damping_factor = config.number("dampingFactor", c.damping_factor);
  c.max_iterations = iterations_of(config, c.max_iterations);
  c.tolerance = config.number("tolerance", c.tolerance);
  c.weighted = config.boolean("weighted", true);
  if (auto sources = config.get("sourceNodes"))
    c.source_nodes = vertices_of(graph, *sources, config, "sourceNodes");
  c.concurrency = concurrency_of(config);
  config.check_all_used();
  c.validate();
  auto r = algorithms::pagerank(graph, c, cancellation_of(context));
  return {scores_of(std::move(r.scores)),
          {{"iterations", static_cast<std::int64_t>(r.iterations)}, {"converged", r.converged}}};
}

NodeAlgorithmResult run_eigenvector(const CsrGraph& graph, ConfigMap& config,
                                    ProcedureContext& context) {
  algorithms::EigenvectorConfig c;
  c.max_iterations = iterations_of(config, c.max_iterations);
  c.tolerance = config.number("tolerance", c.tolerance);
  c.weighted = config.boolean("weighted", true);
  c.concurrency = concurrency_of(config);
  config.check_all_used();
  c.validate();
  auto r = algorithms::eigenvector(graph, c, cancellation_of(context));
  return {scores_of(std::move(r.scores)),
          {{"iterations", static_cast<std::int64_t>(r.iterations)}, {"converged", r.converged}}};
}

NodeAlgorithmResult run_betweenness(const CsrGraph& graph, ConfigMap& config,
                                    ProcedureContext& context) {
  algorithms::BetweennessConfig c;
  if (config.has("samplingSize")) {
    std::int64_t size = config.integer("samplingSize", 0);
    if (size < 1) config.fail("samplingSize", "must be at least 1, got " + std::to_string(size));
    c.sampling_size = static_cast<std::uint64_t>(size);
  }
  std::int64_t seed = config.integer("samplingSeed", 0);
  c.sampling_seed = static_cast<std::uint64_t>(seed);
  c.normalized = config.boolean("normalized", c.normalized);
  c.weighted = config.boolean("weighted", true);
  c.concurrency = concurrency_of(config);
  config.check_all_used();
  c.validate();
  auto r = algorithms::betweenness(graph, c, cancellation_of(context));
  return {scores_of(std::move(r.scores)),
          {{"sourceCount", static_cast<std::int64_t>(r.sources.size())}}};
}

NodeAlgorithmResult run_closeness(const CsrGraph& graph, ConfigMap& config,
                                  ProcedureContext& context) {
  algorithms::ClosenessConfig c;
  c.use_wasserman_faust = config.boolean("useWassermanFaust", c.use_wasserman_faust);
  c.weighted = config.boolean("weighted", true);
  c.concurrency = concurrency_of(config);
  config.check_all_used();
  c.validate();
  return {scores_of(algorithms::closeness(graph, c, cancellation_of(context)).scores), {}};
}

NodeAlgorithmResult run_harmonic(const CsrGraph& graph, ConfigMap& config,
                                 ProcedureContext& context) {
  algorithms::HarmonicConfig c;
  c.normalized = config.boolean("normalized", c.normalized);
  c.weighted = config.boolean("weighted", true);
  c.concurrency = concurrency_of(config);
  config.check_all_used();
  c.validate();
  return {scores_of(algorithms::harmonic(graph, c, cancellation_of(context)).scores), {}};
}

NodeAlgorithmSpec score_spec(
    std::string name, std::string description,
    std::function<NodeAlgorithmResult(const CsrGraph&, ConfigMap&, ProcedureContext&)> run,
    std::vector<ProcedureColumn> stats = {}) {
  return NodeAlgorithmSpec{std::move(name),        "score",       "FLOAT", std::move(stats), true,
                           std::move(description), std::move(run)};
}

}  // namespace

void register_centrality_procedures(ProcedureRegistry& registry) {
  add_node_algorithm(
      registry, score_spec("algo.degree",
                           "Degree centrality: relationships (or their total weight) per node; "
                           "direction OUT, IN or BOTH.",
                           run_degree));
  add_node_algorithm(
      registry, score_spec("algo.pagerank",
                           "PageRank (damping, iterations, tolerance, weighted, personalized "
                           "from sourceNodes).",
                           run_pagerank, {{"iterations", "INTEGER"}, {"converged", "BOOLEAN"}}));
  add_node_algorithm(
      registry, score_spec("algo.eigenvector", "Eigenvector centrality by power iteration.",
                           run_eigenvector, {{"iterations", "INTEGER"}, {"converged", "BOOLEAN"}}));
  add_node_algorithm(registry,
                     score_spec("algo.betweenness",
                                "Betweenness centrality (Brandes), exact or from samplingSize "
                                "sources drawn with samplingSeed.",
                                run_betweenness, {{"sourceCount", "INTEGER"}}));
  add_node_algorithm(registry,
                     score_spec("algo.closeness",
                                "Closeness centrality (useWassermanFaust for disconnected graphs).",
                                run_closeness));
  add_node_algorithm(registry, score_spec("algo.harmonic", "Harmonic centrality.", run_harmonic));
}

}  // namespace guanxi::query
