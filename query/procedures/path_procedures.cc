// algo.bfs and algo.dijkstra (YIELD node, distance, path) and
// algo.khopReach (YIELD node, reach).
#include <algorithm>
#include <cmath>

#include "algorithms/paths/bfs.h"
#include "algorithms/paths/dijkstra.h"
#include "algorithms/paths/khop.h"
#include "query/procedures/algorithm_call.h"
#include "query/procedures/algorithm_procedures.h"

namespace guanxi::query {

namespace {

using algorithms::CsrGraph;
using algorithms::Vertex;

Value path_value(const CsrGraph& graph, const std::vector<Vertex>& path) {
  List nodes;
  nodes.reserve(path.size());
  for (Vertex v : path) nodes.push_back(node_value(graph, v));
  return Value(std::move(nodes));
}

// The rows for a shortest-path tree: every reached node in order of
// distance (only `target`, when given), with its distance and the node list
// of its path from the source.
template <typename Distance>
std::vector<std::vector<Value>> tree_rows(const CsrGraph& graph, Vertex source,
                                          std::optional<Vertex> target,
                                          const std::vector<Distance>& distances,
                                          const std::vector<Vertex>& parents,
                                          const std::vector<Vertex>& order, auto reached) {
  std::vector<std::vector<Value>> rows;
  auto row = [&](Vertex v) {
    rows.push_back({node_value(graph, v), Value(distances[v]),
                    path_value(graph, algorithms::path_from_parents(parents, source, v))});
  };
  if (target) {
    if (reached(*target)) row(*target);
    return rows;
  }
  for (Vertex v : order) row(v);
  return rows;
}

std::vector<std::vector<Value>> run_bfs(ProcedureContext& context, const std::vector<Value>& args) {
  const std::string name = "algo.bfs";
  std::unique_ptr<ConfigMap> config;
  AlgorithmGraph graph = resolve_graph(context, name, args, config);
  const CsrGraph& g = *graph.graph;
  algorithms::BfsConfig c;
  auto source = config->get("sourceNode");
  if (!source) config->fail("sourceNode", "is required");
  c.source = vertex_of(g, *source, *config, "sourceNode");
  if (auto target = config->get("targetNode"))
    c.target = vertex_of(g, *target, *config, "targetNode");
  c.max_depth = config->integer("maxDepth", -1);
  c.undirected = config->boolean("undirected", false);
  concurrency_of(*config);  // accepted; these searches run on one thread
  config->check_all_used();
  std::vector<std::vector<Value>> rows;
  translate_algorithm_errors(name, [&] {
    c.validate();
    auto r = algorithms::bfs(g, c, cancellation_of(context));
    rows = tree_rows(g, c.source, c.target, r.distances, r.parents, r.order,
                     [&](Vertex v) { return r.distances[v] != algorithms::kUnreachable; });
  });
  return rows;
}

std::vector<std::vector<Value>> run_dijkstra(ProcedureContext& context,
                                             const std::vector<Value>& args) {
  const std::string name = "algo.dijkstra";
  std::unique_ptr<ConfigMap> config;
  AlgorithmGraph graph = resolve_graph(context, name, args, config);
  const CsrGraph& g = *graph.graph;
  algorithms::DijkstraConfig c;
  auto source = config->get("sourceNode");
  if (!source) config->fail("sourceNode", "is required");
  c.source = vertex_of(g, *source, *config, "sourceNode");
  if (auto target = config->get("targetNode"))
    c.target = vertex_of(g, *target, *config, "targetNode");
  c.undirected = config->boolean("undirected", false);
  c.weighted = config->boolean("weighted", true);
  concurrency_of(*config);  // accepted; these searches run on one thread
  config->check_all_used();
  std::vector<std::vector<Value>> rows;
  translate_algorithm_errors(name, [&] {
    auto r = algorithms::dijkstra(g, c, cancellation_of(context));
    std::vector<Vertex> order;
    for (Vertex v = 0; v < g.vertex_count(); ++v)
      if (std::isfinite(r.distances[v])) order.push_back(v);
    std::stable_sort(order.begin(), order.end(),
                     [&](Vertex a, Vertex b) { return r.distances[a] < r.distances[b]; });
    rows = tree_rows(g, c.source, c.target, r.distances, r.parents, order,
                     [&](Vertex v) { return std::isfinite(r.distances[v]); });
  });
  return rows;
}

std::vector<std::vector<Value>> run_khop(ProcedureContext& context,
                                         const std::vector<Value>& args) {
  const std::string name = "algo.khopReach";
  std::unique_ptr<ConfigMap> config;
  AlgorithmGraph graph = resolve_graph(context, name, args, config);
  const CsrGraph& g = *graph.graph;
  algorithms::KhopConfig c;
  c.k = static_cast<int>(config->integer("k", c.k, 0, 1'000'000));
  if (auto sources = config->get("sourceNodes"))
    c.source_nodes = vertices_of(g, *sources, *config, "sourceNodes");
  c.undirected = config->boolean("undirected", false);
  c.concurrency = concurrency_of(*config);
  config->check_all_used();
  std::vector<std::vector<Value>> rows;
  translate_algorithm_errors(name, [&] {
    c.validate();
    auto r = algorithms::khop_reach(g, c, cancellation_of(context));
    rows.reserve(r.sources.size());
    for (std::size_t i = 0; i < r.sources.size(); ++i)
      rows.push_back({node_value(g, r.sources[i]), Value(static_cast<std::int64_t>(r.counts[i])),
                      Value(static_cast<std::int64_t>(r.combined))});
  });
  return rows;
}

}  // namespace

void register_path_procedures(ProcedureRegistry& registry) {
  std::vector<ProcedureColumn> tree{
      {"node", "NODE"}, {"distance", "NUMBER"}, {"path", "LIST OF NODE"}};
  registry.add(
      {"algo.bfs",
       algorithm_parameters(),
       {tree[0], {"distance", "INTEGER"}, tree[2]},
       false,
       "Breadth-first search from sourceNode: hops to each reached node (or to targetNode) and the "
       "nodes of one shortest path."},
      run_bfs);
  registry.add({"algo.dijkstra",
                algorithm_parameters(),
                {tree[0], {"distance", "FLOAT"}, tree[2]},
                false,
                "Dijkstra from sourceNode over the projection's weights: distance to each reached "
                "node (or to "
                "targetNode) and the nodes of one shortest path."},
               run_dijkstra);
  registry.add(
      {"algo.khopReach",
       algorithm_parameters(),
       {{"node", "NODE"}, {"reach", "INTEGER"}, {"combinedReach", "INTEGER"}},
       false,
       "Nodes within k hops of each source (every node when sourceNodes is absent), and of all "
       "sources together."},
      run_khop);
}

}  // namespace guanxi::query
