// algo.wcc, algo.scc (YIELD node, component); algo.labelPropagation,
// algo.louvain, algo.leiden (node, community); algo.triangleCount (node,
// triangles); algo.localClusteringCoefficient (node, coefficient);
// algo.kcore (node, core); algo.modularity (one row).
#include <map>

#include "algorithms/community/kcore.h"
#include "algorithms/community/label_propagation.h"
#include "algorithms/community/leiden.h"
#include "algorithms/community/louvain.h"
#include "algorithms/community/modularity.h"
#include "algorithms/community/scc.h"
#include "algorithms/community/triangles.h"
#include "algorithms/community/wcc.h"
#include "query/procedures/algorithm_call.h"
#include "query/procedures/algorithm_procedures.h"
#include "query/property_reader.h"

namespace guanxi::query {

namespace {

using algorithms::CsrGraph;
using RunFn = std::function<NodeAlgorithmResult(const CsrGraph&, ConfigMap&, ProcedureContext&)>;

NodeValues ids_of(std::vector<std::uint64_t> ids) { return NodeValues(std::move(ids)); }

Value count(std::uint64_t n) { return Value(static_cast<std::int64_t>(n)); }

int int_key(ConfigMap& config, std::string_view key, int fallback) {
  return static_cast<int>(config.integer(key, fallback, 1, 1'000'000));
}

std::uint64_t seed_of(ConfigMap& config, std::uint64_t fallback) {
  return static_cast<std::uint64_t>(
      config.integer("randomSeed", static_cast<std::int64_t>(fallback)));
}

NodeAlgorithmResult run_wcc(const CsrGraph& graph, ConfigMap& config, ProcedureContext& context) {
  algorithms::WccConfig c;
  c.concurrency = concurrency_of(config);
  config.check_all_used();
  c.validate();
  auto r = algorithms::wcc(graph, c, cancellation_of(context));
  return {ids_of(std::move(r.component)), {{"componentCount", count(r.component_count)}}};
}

NodeAlgorithmResult run_scc(const CsrGraph& graph, ConfigMap& config, ProcedureContext& context) {
  algorithms::SccConfig c;
  c.concurrency = concurrency_of(config);
  config.check_all_used();
  c.validate();
  auto r = algorithms::scc(graph, c, cancellation_of(context));
  return {ids_of(std::move(r.component)), {{"componentCount", count(r.component_count)}}};
}

NodeAlgorithmResult run_label_propagation(const CsrGraph& graph, ConfigMap& config,
                                          ProcedureContext& context) {
  algorithms::LabelPropagationConfig c;
  c.max_iterations = int_key(config, "maxIterations", c.max_iterations);
  c.concurrency = concurrency_of(config);
  config.check_all_used();
  c.validate();
  auto r = algorithms::label_propagation(graph, c, cancellation_of(context));
  return {ids_of(std::move(r.community)),
          {{"communityCount", count(r.community_count)},
           {"iterations", static_cast<std::int64_t>(r.iterations)},
           {"converged", r.converged}}};
}

// Louvain's and Leiden's results: communities, and the .stats figures of a
// levelled modularity optimization.
template <typename Result>
NodeAlgorithmResult levelled_communities(Result r) {
  return {
      ids_of(std::move(r.community)),
      {{"communityCount", count(r.community_count)},
       {"modularity", r.modularity},
       {"levels", static_cast<std::int64_t>(r.levels)},
       {"modularities", Value(List(r.level_modularities.begin(), r.level_modularities.end()))}}};
}

NodeAlgorithmResult run_louvain(const CsrGraph& graph, ConfigMap& config,
                                ProcedureContext& context) {
  algorithms::LouvainConfig c;
  c.max_levels = int_key(config, "maxLevels", c.max_levels);
  c.max_iterations = int_key(config, "maxIterations", c.max_iterations);
  c.tolerance = config.number("tolerance", c.tolerance);
  c.resolution = config.number("resolution", c.resolution);
  c.random_seed = seed_of(config, c.random_seed);
  c.concurrency = concurrency_of(config);
  config.check_all_used();
  c.validate();
  auto r = algorithms::louvain(graph, c, cancellation_of(context));
  return levelled_communities(std::move(r));
}

NodeAlgorithmResult run_leiden(const CsrGraph& graph, ConfigMap& config,
                               ProcedureContext& context) {
  algorithms::LeidenConfig c;
  c.max_levels = int_key(config, "maxLevels", c.max_levels);
  c.gamma = config.number("gamma", c.gamma);
  if (config.has("resolution")) {
    if (config.has("gamma")) config.fail("resolution", "and gamma are the same key: give one");
    c.gamma = config.number("resolution", c.gamma);
  }
  c.theta = config.number("theta", c.theta);
  c.tolerance = config.number("tolerance", c.tolerance);
  c.random_seed = seed_of(config, c.random_seed);
  c.concurrency = concurrency_of(config);
  config.check_all_used();
  c.validate();
  auto r = algorithms::leiden(graph, c, cancellation_of(context));
  return levelled_communities(std::move(r));
}

NodeAlgorithmResult run_triangles(const CsrGraph& graph, ConfigMap& config,
                                  ProcedureContext& context) {
  algorithms::TriangleConfig c;
  c.concurrency = concurrency_of(config);
  config.check_all_used();
  c.validate();
  auto r = algorithms::triangle_count(graph, c, cancellation_of(context));
  return {ids_of(std::move(r.triangles)), {{"triangleCount", count(r.total)}}};
}

NodeAlgorithmResult run_clustering(const CsrGraph& graph, ConfigMap& config,
                                   ProcedureContext& context) {
  algorithms::TriangleConfig c;
  c.concurrency = concurrency_of(config);
  config.check_all_used();
  c.validate();
  auto r = algorithms::local_clustering_coefficient(graph, c, cancellation_of(context));
  return {NodeValues(std::move(r.coefficient)), {{"averageClusteringCoefficient", r.average}}};
}

NodeAlgorithmResult run_kcore(const CsrGraph& graph, ConfigMap& config, ProcedureContext& context) {
  algorithms::KCoreConfig c;
  c.concurrency = concurrency_of(config);
  config.check_all_used();
  c.validate();
  auto r = algorithms::kcore(graph, c, cancellation_of(context));
  return {ids_of(std::move(r.core)), {{"degeneracy", count(r.degeneracy)}}};
}

NodeAlgorithmSpec spec(std::string name, std::string column, std::string type,
                       std::string description, RunFn run, std::vector<ProcedureColumn> stats) {
  return NodeAlgorithmSpec{
      std::move(name), std::move(column),      std::move(type), std::move(stats),
      false,           std::move(description), std::move(run)};
}

// algo.modularity(graph, {communityProperty: 'community', resolution: 1.0}):
// the modularity of the partition stored in a node property. Every projected
// node must have a value; equal values are one community.
std::vector<std::vector<Value>> run_modularity(ProcedureContext& context,
                                               const std::vector<Value>& args) {
  const std::string name = "algo.modularity";
  std::unique_ptr<ConfigMap> config;
  // The in-degree of a community is summed from the out-lists.
  AlgorithmGraph graph = resolve_graph(context, name, args, config, /*in_lists=*/false);
  std::string property = config->string("communityProperty", "");
  if (property.empty())
    config->fail("communityProperty", "is required: the node property holding each community");
  algorithms::ModularityConfig c;
  c.resolution = config->number("resolution", c.resolution);
  config->check_all_used();
  const CsrGraph& g = *graph.graph;
  // Community values may be any property value: number them densely, equal
  // values (by their literal form) sharing a number.
  std::map<std::string, std::uint64_t> numbering;
  std::vector<std::uint64_t> community(g.vertex_count());
  for (algorithms::Vertex v = 0; v < g.vertex_count(); ++v) {
    Value value = context.reader.node_property(context.txn, NodeRef{g.node_id(v)}, property);
    if (value.is_null()) {
      config->fail("communityProperty",
                   "'" + property + "' is missing on node " + std::to_string(g.node_id(v)));
    }
    auto [it, added] = numbering.emplace(value.to_string(), numbering.size());
    community[v] = it->second;
  }
  algorithms::ModularityResult r;
  translate_algorithm_errors(name, [&] {
    c.validate();
    r = algorithms::modularity(g, community, c);
  });
  return {{r.modularity, count(r.community_count), count(g.vertex_count())}};
}

}  // namespace

void register_community_procedures(ProcedureRegistry& registry) {
  NodeAlgorithmSpec wcc = spec("algo.wcc", "component", "INTEGER",
                               "Weakly connected components, each named by its smallest node id.",
                               run_wcc, {{"componentCount", "INTEGER"}});
  wcc.reads_in_lists = false;
  add_node_algorithm(registry, std::move(wcc));
  // Tarjan's algorithm follows the out-lists only.
  NodeAlgorithmSpec scc = spec("algo.scc", "component", "INTEGER",
                               "Strongly connected components, each named by its smallest node id.",
                               run_scc, {{"componentCount", "INTEGER"}});
  scc.reads_in_lists = false;
  add_node_algorithm(registry, std::move(scc));
  add_node_algorithm(
      registry,
      spec("algo.labelPropagation", "community", "INTEGER",
           "Label propagation (LDBC Graphalytics CDLP semantics).", run_label_propagation,
           {{"communityCount", "INTEGER"}, {"iterations", "INTEGER"}, {"converged", "BOOLEAN"}}));
  std::vector<ProcedureColumn> modularity_stats{{"communityCount", "INTEGER"},
                                                {"modularity", "FLOAT"},
                                                {"levels", "INTEGER"},
                                                {"modularities", "LIST OF FLOAT"}};
  add_node_algorithm(registry,
                     spec("algo.louvain", "community", "INTEGER",
                          "Louvain modularity optimisation (maxLevels, maxIterations, tolerance, "
                          "resolution, randomSeed).",
                          run_louvain, modularity_stats));
  add_node_algorithm(
      registry, spec("algo.leiden", "community", "INTEGER",
                     "Leiden modularity optimisation with refinement (maxLevels, gamma, theta, "
                     "tolerance, randomSeed).",
                     run_leiden, modularity_stats));
  add_node_algorithm(registry, spec("algo.triangleCount", "triangles", "INTEGER",
                                    "Triangles through each node (direction ignored).",
                                    run_triangles, {{"triangleCount", "INTEGER"}}));
  add_node_algorithm(registry, spec("algo.localClusteringCoefficient", "coefficient", "FLOAT",
                                    "Local clustering coefficient of each node.", run_clustering,
                                    {{"averageClusteringCoefficient", "FLOAT"}}));
  add_node_algorithm(registry,
                     spec("algo.kcore", "core", "INTEGER", "Core number of each node (k-core).",
                          run_kcore, {{"degeneracy", "INTEGER"}}));
  registry.add(
      ProcedureSignature{
          "algo.modularity",
          algorithm_parameters(),
          {{"modularity", "FLOAT"}, {"communityCount", "INTEGER"}, {"nodeCount", "INTEGER"}},
          false,
          "Modularity of the partition held in the node property communityProperty."},
      run_modularity);
}

}  // namespace guanxi::query
