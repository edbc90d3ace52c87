// Registration of the graph-algorithm procedures:
// graph.project / graph.drop / graph.list for named projections, and the
// algo.* procedures, each in stream, .stats and .write forms where the result
// is a value per node. docs/algorithms.md lists every name, key and column.
#pragma once

namespace guanxi::query {

class ProcedureRegistry;

void register_graph_procedures(ProcedureRegistry& registry);
void register_centrality_procedures(ProcedureRegistry& registry);
void register_community_procedures(ProcedureRegistry& registry);
void register_path_procedures(ProcedureRegistry& registry);
void register_similarity_procedures(ProcedureRegistry& registry);

// All of the above.
inline void register_algorithm_procedures(ProcedureRegistry& registry) {
  register_graph_procedures(registry);
  register_centrality_procedures(registry);
  register_community_procedures(registry);
  register_path_procedures(registry);
  register_similarity_procedures(registry);
}

}  // namespace guanxi::query
