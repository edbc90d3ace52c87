// algo.nodeSimilarity (YIELD node1, node2, similarity) and
// algo.linkPrediction (YIELD node1, node2, score).
#include <optional>

#include "algorithms/similarity/link_prediction.h"
#include "algorithms/similarity/node_similarity.h"
#include "query/procedures/algorithm_call.h"
#include "query/procedures/algorithm_procedures.h"

namespace guanxi::query {

namespace {

using algorithms::CsrGraph;
using algorithms::Vertex;

// `sourceNodes`: a node or a list of nodes (or node ids); nullopt when the
// key is absent.
std::optional<std::vector<Vertex>> source_vertices(const CsrGraph& g, ConfigMap& config) {
  auto nodes = config.get("sourceNodes");
  if (!nodes) return std::nullopt;
  return vertices_of(g, *nodes, config, "sourceNodes");
}

std::vector<std::vector<Value>> run_node_similarity(ProcedureContext& context,
                                                    const std::vector<Value>& args) {
  const std::string name = "algo.nodeSimilarity";
  std::unique_ptr<ConfigMap> config;
  AlgorithmGraph graph = resolve_graph(context, name, args, config);
  const CsrGraph& g = *graph.graph;
  algorithms::NodeSimilarityConfig c;
  c.top_k = static_cast<int>(config->integer("topK", c.top_k));
  c.similarity_cutoff = config->number("similarityCutoff", c.similarity_cutoff);
  c.degree_cutoff = static_cast<int>(config->integer("degreeCutoff", c.degree_cutoff));
  c.concurrency = concurrency_of(*config);
  const std::optional<std::vector<Vertex>> sources = source_vertices(g, *config);
  config->check_all_used();
  std::vector<std::vector<Value>> rows;
  translate_algorithm_errors(name, [&] {
    c.validate();
    auto r = sources ? algorithms::node_similarity_for(g, *sources, c, cancellation_of(context))
                     : algorithms::node_similarity(g, c, cancellation_of(context));
    rows.reserve(r.pairs.size());
    for (const auto& pair : r.pairs)
      rows.push_back(
          {node_value(g, pair.node1), node_value(g, pair.node2), Value(pair.similarity)});
  });
  return rows;
}

// With `pairs: [[a, b], ...]` the score of each pair; otherwise the topK
// best suggestions (non-adjacent pairs) of every node.
std::vector<std::vector<Value>> run_link_prediction(ProcedureContext& context,
                                                    const std::vector<Value>& args) {
  const std::string name = "algo.linkPrediction";
  std::unique_ptr<ConfigMap> config;
  AlgorithmGraph graph = resolve_graph(context, name, args, config);
  const CsrGraph& g = *graph.graph;
  algorithms::LinkPredictionConfig c;
  std::string measure = config->string("measure", "adamicAdar");
  c.top_k = static_cast<int>(config->integer("topK", c.top_k));
  c.concurrency = concurrency_of(*config);
  std::vector<std::pair<Vertex, Vertex>> pairs;
  bool given_pairs = false;
  if (auto list = config->get("pairs")) {
    given_pairs = true;
    if (list->kind() != ValueKind::kList)
      config->fail("pairs", "must be a list of [node, node] pairs");
    for (const Value& pair : list->as_list()) {
      if (pair.kind() != ValueKind::kList || pair.as_list().size() != 2)
        config->fail("pairs", "must be a list of [node, node] pairs, got " + pair.to_string());
      pairs.emplace_back(vertex_of(g, pair.as_list()[0], *config, "pairs"),
                         vertex_of(g, pair.as_list()[1], *config, "pairs"));
    }
  }
  const std::optional<std::vector<Vertex>> sources = source_vertices(g, *config);
  if (sources && given_pairs) config->fail("sourceNodes", "cannot be given together with pairs");
  config->check_all_used();
  std::vector<std::vector<Value>> rows;
  translate_algorithm_errors(name, [&] {
    c.measure = algorithms::parse_link_measure(measure);
    c.validate();
    if (given_pairs) {
      std::vector<double> scores = algorithms::link_scores(g, pairs, c, cancellation_of(context));
      for (std::size_t i = 0; i < pairs.size(); ++i)
        rows.push_back(
            {node_value(g, pairs[i].first), node_value(g, pairs[i].second), Value(scores[i])});
    } else {
      const auto suggestions =
          sources ? algorithms::link_suggestions_for(g, *sources, c, cancellation_of(context))
                  : algorithms::link_suggestions(g, c, cancellation_of(context));
      for (const auto& s : suggestions)
        rows.push_back({node_value(g, s.node1), node_value(g, s.node2), Value(s.score)});
    }
  });
  return rows;
}

}  // namespace

void register_similarity_procedures(ProcedureRegistry& registry) {
  registry.add({"algo.nodeSimilarity",
                algorithm_parameters(),
                {{"node1", "NODE"}, {"node2", "NODE"}, {"similarity", "FLOAT"}},
                false,
                "Jaccard similarity of neighbourhoods: the topK most similar nodes of each node "
                "(of each of sourceNodes, when given)."},
               run_node_similarity);
  registry.add({"algo.linkPrediction",
                algorithm_parameters(),
                {{"node1", "NODE"}, {"node2", "NODE"}, {"score", "FLOAT"}},
                false,
                "Link prediction (measure: adamicAdar, commonNeighbors, resourceAllocation, "
                "jaccard): scores "
                "of the given pairs, or the topK suggested non-adjacent pairs per node (per node "
                "of sourceNodes, when given)."},
               run_link_prediction);
}

}  // namespace guanxi::query
