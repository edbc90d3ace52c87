// The machinery every algorithm procedure shares: the graph argument (a
// named projection, or a config map projected on the fly), node <-> vertex
// conversion, error translation, and the three forms of a node algorithm:
//
//   CALL algo.pagerank({labels: ['Customer'], types: ['KNOWS']}) YIELD node, score
//   CALL algo.pagerank.stats('g', {}) YIELD nodeCount, iterations, computeMillis
//   CALL algo.pagerank.write('g', {writeProperty: 'rank'}) YIELD nodePropertiesWritten
//
// The stream form yields one row per projected node; .stats one row of
// figures; .write stores each node's value as a property, in the statement's
// one transaction, and yields the .stats row plus what it wrote.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"
#include "algorithms/projection.h"
#include "query/procedures/config_map.h"
#include "query/procedures/procedure_registry.h"

namespace guanxi::query {

// Reads the projection keys of a config map: labels, types, orientation
// (NATURAL, REVERSE, UNDIRECTED), weight (or relationshipWeightProperty),
// defaultWeight, weightRequired, concurrency.
algorithms::ProjectionConfig read_projection_config(ConfigMap& config);

struct AlgorithmGraph {
  std::shared_ptr<const algorithms::CsrGraph> graph;
  double project_seconds = 0;
};

// Resolves the arguments (graph, configuration) of an algorithm procedure:
// a string names a projection of the session (the configuration then holds
// only algorithm keys); a map is the configuration itself, projection keys
// included, projected now in the statement's transaction. Returns the graph
// and leaves `config` pointing at the configuration map. An algorithm that
// never reads in-lists passes `in_lists` false: a graph projected or found
// cached for it may then lack them (CsrGraph::has_in_lists).
AlgorithmGraph resolve_graph(ProcedureContext& context, const std::string& procedure,
                             const std::vector<Value>& args, std::unique_ptr<ConfigMap>& config,
                             bool in_lists = true);

// A node given as a node value or a node id, as the projection's vertex;
// throws naming `key` when the node is not projected.
algorithms::Vertex vertex_of(const algorithms::CsrGraph& graph, const Value& node,
                             ConfigMap& config, std::string_view key);
// A node or a list of nodes (or ids), as vertices.
std::vector<algorithms::Vertex> vertices_of(const algorithms::CsrGraph& graph, const Value& nodes,
                                            ConfigMap& config, std::string_view key);

inline Value node_value(const algorithms::CsrGraph& graph, algorithms::Vertex v) {
  return Value(NodeRef{graph.node_id(v)});
}

// Runs `body`, turning the algorithms' errors into QueryErrors: ConfigError
// and ProjectionError into kInvalidArgument, Cancelled into kCancelled.
void translate_algorithm_errors(const std::string& procedure, const std::function<void()>& body);

algorithms::Cancellation cancellation_of(const ProcedureContext& context);

// The `concurrency` key every algorithm takes: threads, 0 (the default) for
// every core, at most 1024.
int concurrency_of(ConfigMap& config);

// Weight readers for a projection made in `context`: each reads relationship weights
// through a PropertyReader of the session, the one place property values are
// read. They refer to the context, so they must not outlive the call.
std::function<algorithms::RelationshipWeightReader()> session_weight_readers(
    const ProcedureContext& context);

// The view a projection made in `context` is cached for
// (projection_cache.h): null when the session's privacy decision hides
// nobody, else that decision.
std::shared_ptr<const void> projection_view(ProcedureContext& context);

// Milliseconds, as the figures of .stats rows report them.
std::int64_t millis(double seconds);

// One value per local vertex, kept in the array the algorithm filled: a
// .stats call over a million nodes then never boxes a million Values.
class NodeValues {
 public:
  NodeValues() = default;
  explicit NodeValues(std::vector<double> floats) : floats_(std::move(floats)), is_float_(true) {}
  explicit NodeValues(std::vector<std::uint64_t> integers) : integers_(std::move(integers)) {}

  std::size_t size() const { return is_float_ ? floats_.size() : integers_.size(); }
  // The value of vertex v: FLOAT or INTEGER.
  Value at(std::size_t v) const {
    return is_float_ ? Value(floats_[v]) : Value(static_cast<std::int64_t>(integers_[v]));
  }
  // Every value as a double, in vertex order.
  std::vector<double> as_doubles() const {
    if (is_float_) return floats_;
    return std::vector<double>(integers_.begin(), integers_.end());
  }

 private:
  std::vector<double> floats_;
  std::vector<std::uint64_t> integers_;
  bool is_float_ = false;
};

// What a node algorithm computed: one value per local vertex, and the
// figures its .stats row reports, in column order.
struct NodeAlgorithmResult {
  NodeValues values;
  std::vector<std::pair<std::string, Value>> stats;
};

struct NodeAlgorithmSpec {
  std::string name;          // "algo.pagerank"
  std::string value_column;  // "score", "community", ...
  std::string value_type;    // "FLOAT" or "INTEGER"
  // The algorithm's own .stats columns, in the order run() fills `stats`.
  std::vector<ProcedureColumn> stats_columns;
  // Adds centralityDistribution {min, max, mean, p50, p90, p99} to .stats.
  bool distribution = false;
  std::string description;
  // Reads its keys from `config`, calls config.check_all_used(), then runs.
  std::function<NodeAlgorithmResult(const algorithms::CsrGraph&, ConfigMap&, ProcedureContext&)>
      run;
  // False when run() never reads in-lists (resolve_graph's `in_lists`).
  bool reads_in_lists = true;
};

// Registers name, name.stats and name.write.
void add_node_algorithm(ProcedureRegistry& registry, NodeAlgorithmSpec spec);

// The (graph, configuration) parameters every algorithm procedure takes.
std::vector<ProcedureParameter> algorithm_parameters();

}  // namespace guanxi::query
