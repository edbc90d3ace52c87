#include "query/procedures/algorithm_call.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

#include "query/privacy/access_decision.h"
#include "query/procedures/projection_cache.h"
#include "query/procedures/projection_catalog.h"
#include "query/property_reader.h"
#include "query/query_error.h"
#include "storage/error.h"
#include "storage/graph.h"

namespace guanxi::query {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// The key `projection` is cached under in this statement, or nullopt when
// it may not be cached (projection_cache.h says when).
std::optional<ProjectionCache::Key> cache_key(ProcedureContext& context,
                                              const algorithms::ProjectionConfig& projection) {
  if (context.projection_cache == nullptr || context.txn.is_write()) return std::nullopt;
  if (!projection.weight.empty()) {
    const auto weight = context.graph.dictionary().find(
        context.txn, storage::NameKind::kPropertyKey, projection.weight);
    if (weight && context.reader.access(context.txn).tagged(*weight)) return std::nullopt;
  }
  return ProjectionCache::Key::of(mdb_txn_id(context.txn.raw()), projection,
                                  projection_view(context));
}

}  // namespace

std::shared_ptr<const void> projection_view(ProcedureContext& context) {
  std::shared_ptr<const AccessDecision> access = context.reader.shared_access(context.txn);
  if (!access->hides_anything()) return nullptr;
  return access;
}

std::int64_t millis(double seconds) {
  return static_cast<std::int64_t>(std::llround(seconds * 1000.0));
}

std::vector<ProcedureParameter> algorithm_parameters() {
  return {{"graph", "STRING | MAP", std::nullopt}, {"configuration", "MAP", Value::map({})}};
}

algorithms::ProjectionConfig read_projection_config(ConfigMap& config) {
  algorithms::ProjectionConfig projection;
  projection.labels = config.strings("labels");
  projection.types = config.strings("types");
  std::string orientation = upper(config.string("orientation", "NATURAL"));
  if (orientation == "NATURAL") {
    projection.orientation = algorithms::Orientation::kNatural;
  } else if (orientation == "REVERSE") {
    projection.orientation = algorithms::Orientation::kReverse;
  } else if (orientation == "UNDIRECTED") {
    projection.orientation = algorithms::Orientation::kUndirected;
  } else {
    config.fail("orientation", "must be NATURAL, REVERSE or UNDIRECTED, got '" + orientation + "'");
  }
  projection.weight = config.string("weight", "");
  std::string weight_alias = config.string("relationshipWeightProperty", "");
  if (!weight_alias.empty()) {
    if (!projection.weight.empty() && projection.weight != weight_alias)
      config.fail("relationshipWeightProperty", "contradicts weight '" + projection.weight + "'");
    projection.weight = weight_alias;
  }
  projection.default_weight = config.number("defaultWeight", 1.0);
  projection.missing_weight_is_error = config.boolean("weightRequired", false);
  // Algorithms read `concurrency` as a thread count (0 = every core); the
  // projection scans with one or two threads.
  projection.concurrency = concurrency_of(config) == 1 ? 1 : 2;
  return projection;
}

std::function<algorithms::RelationshipWeightReader()> session_weight_readers(
    const ProcedureContext& context) {
  return [&graph = context.graph, &session = context.session,
          audit = context.reader.audit()]() -> algorithms::RelationshipWeightReader {
    // Weights are reads like any other: tagged ones count in the statement's audit entry.
    auto reader = std::make_shared<PropertyReader>(graph, session, audit);
    return [reader](const storage::Transaction& txn, storage::RelationshipId relationship,
                    storage::PropertyKeyId key) {
      const Value value = reader->relationship_property(
          txn, RelRef{relationship, 0, 0, 0, storage::RecordHint::kPresent}, key);
      algorithms::RelationshipWeight weight;
      switch (value.kind()) {
        case ValueKind::kNull: break;
        case ValueKind::kInt:
          weight.kind = algorithms::RelationshipWeight::Kind::kNumber;
          weight.value = static_cast<double>(value.as_int());
          break;
        case ValueKind::kFloat:
          weight.kind = algorithms::RelationshipWeight::Kind::kNumber;
          weight.value = value.as_float();
          break;
        default:
          weight.kind = algorithms::RelationshipWeight::Kind::kNotANumber;
          weight.type = value_kind_name(value.kind());
      }
      return weight;
    };
  };
}

int concurrency_of(ConfigMap& config) {
  return static_cast<int>(config.integer("concurrency", 0, 0, 1024));
}

algorithms::Cancellation cancellation_of(const ProcedureContext& context) {
  return algorithms::Cancellation(context.cancel_flag, context.progress);
}

void translate_algorithm_errors(const std::string& procedure, const std::function<void()>& body) {
  try {
    body();
  } catch (const algorithms::ConfigError& e) {
    throw QueryError(QueryErrorCode::kInvalidArgument, e.what());
  } catch (const algorithms::ProjectionError& e) {
    throw QueryError(QueryErrorCode::kInvalidArgument, procedure + ": " + e.what());
  } catch (const algorithms::Cancelled&) {
    throw QueryError(QueryErrorCode::kCancelled, procedure + " was cancelled");
  }
}

AlgorithmGraph resolve_graph(ProcedureContext& context, const std::string& procedure,
                             const std::vector<Value>& args, std::unique_ptr<ConfigMap>& config,
                             bool in_lists) {
  const Value& first = args.empty() ? Value() : args[0];
  const Value& second = args.size() > 1 ? args[1] : Value();
  AlgorithmGraph result;
  if (first.kind() == ValueKind::kString) {
    config = std::make_unique<ConfigMap>(procedure, second);
    const NamedProjection* named =
        context.projections == nullptr ? nullptr : context.projections->find(first.as_string());
    if (named == nullptr) {
      throw QueryError(QueryErrorCode::kNotFound,
                       procedure + ": no graph named '" + first.as_string() +
                           "' in this session (create it with graph.project)");
    }
    // A named graph keeps the subjects visible when it was projected; one
    // whose consent has ended since must not be computed on (fail closed).
    const AccessDecision& access = context.reader.access(context.txn);
    if (access.hides_anything()) {
      const algorithms::CsrGraph& g = *named->graph;
      for (algorithms::Vertex v = 0; v < g.vertex_count(); ++v) {
        if (access.hidden(g.node_id(v))) {
          throw QueryError(QueryErrorCode::kInvalidArgument,
                           procedure + ": graph '" + first.as_string() +
                               "' holds subjects the session's purpose may no longer see; "
                               "drop it and project it again");
        }
      }
    }
    result.graph = named->graph;
    return result;
  }
  if (first.kind() != ValueKind::kMap && !first.is_null()) {
    throw QueryError(QueryErrorCode::kInvalidArgument,
                     procedure +
                         ": the first argument must be a graph name or a configuration map, got " +
                         first.to_string());
  }
  if (!second.is_null() && !(second.kind() == ValueKind::kMap && second.as_map().empty())) {
    throw QueryError(
        QueryErrorCode::kInvalidArgument,
        procedure +
            ": give the configuration once: either (name, configuration) or (configuration)");
  }
  config = std::make_unique<ConfigMap>(procedure, first);
  algorithms::ProjectionConfig projection = read_projection_config(*config);
  projection.weight_readers = session_weight_readers(context);
  projection.excluded_nodes = &context.reader.access(context.txn).hidden_nodes();
  projection.in_lists = in_lists;
  auto start = Clock::now();
  std::optional<ProjectionCache::Key> key = cache_key(context, projection);
  if (key) {
    if (auto cached = context.projection_cache->find(*key)) {
      result.graph = std::move(cached);
      result.project_seconds = seconds_since(start);
      return result;
    }
  }
  translate_algorithm_errors(procedure, [&] {
    result.graph = std::make_shared<const algorithms::CsrGraph>(
        algorithms::project(context.graph, context.txn, projection, cancellation_of(context)));
  });
  if (key) context.projection_cache->put(std::move(*key), result.graph);
  // Algorithms that report no phase of their own must not show "projection".
  if (context.progress) context.progress->clear();
  result.project_seconds = seconds_since(start);
  return result;
}

algorithms::Vertex vertex_of(const algorithms::CsrGraph& graph, const Value& node,
                             ConfigMap& config, std::string_view key) {
  storage::NodeId id = 0;
  if (node.kind() == ValueKind::kNode) {
    id = node.as_node().id;
  } else if (node.kind() == ValueKind::kInt && node.as_int() >= 0) {
    id = static_cast<storage::NodeId>(node.as_int());
  } else {
    config.fail(key, "must be a node or a node id, got " + node.to_string());
  }
  std::optional<algorithms::Vertex> v = algorithms::local_vertex(graph, id);
  if (!v)
    config.fail(key, "names node " + std::to_string(id) + ", which is not in the projected graph");
  return *v;
}

std::vector<algorithms::Vertex> vertices_of(const algorithms::CsrGraph& graph, const Value& nodes,
                                            ConfigMap& config, std::string_view key) {
  std::vector<algorithms::Vertex> out;
  if (nodes.kind() == ValueKind::kList) {
    for (const Value& node : nodes.as_list()) out.push_back(vertex_of(graph, node, config, key));
  } else {
    out.push_back(vertex_of(graph, nodes, config, key));
  }
  return out;
}

namespace {

Value distribution_of(const NodeValues& values) {
  std::vector<double> v = values.as_doubles();
  if (v.empty()) return Value::map({});
  std::sort(v.begin(), v.end());
  double sum = 0;
  for (double x : v) sum += x;
  auto quantile = [&](double q) {
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
  };
  return Value::map({{"min", v.front()},
                     {"max", v.back()},
                     {"mean", sum / static_cast<double>(v.size())},
                     {"p50", quantile(0.5)},
                     {"p90", quantile(0.9)},
                     {"p99", quantile(0.99)}});
}

enum class Form { kStream, kStats, kWrite };

// What one call of a node algorithm computed, and on which graph.
struct NodeAlgorithmRun {
  AlgorithmGraph graph;
  NodeAlgorithmResult result;
  double compute_seconds = 0;
  std::string write_property;  // the .write form's target
};

NodeAlgorithmRun compute(const NodeAlgorithmSpec& spec, Form form, const std::string& procedure,
                         ProcedureContext& context, const std::vector<Value>& args) {
  NodeAlgorithmRun run;
  std::unique_ptr<ConfigMap> config;
  run.graph = resolve_graph(context, procedure, args, config, spec.reads_in_lists);
  if (form == Form::kWrite) {
    run.write_property = config->string("writeProperty", "");
    if (run.write_property.empty())
      config->fail("writeProperty", "is required: the node property to write");
  }
  auto start = Clock::now();
  translate_algorithm_errors(procedure,
                             [&] { run.result = spec.run(*run.graph.graph, *config, context); });
  run.compute_seconds = seconds_since(start);
  return run;
}

// The stream form's rows (node, value), made as they are pulled. It holds the
// projection and the values, nothing of the call's context.
class NodeValueRows final : public ProcedureRows {
 public:
  NodeValueRows(std::shared_ptr<const algorithms::CsrGraph> graph, NodeValues values)
      : graph_(std::move(graph)), values_(std::move(values)) {}
  bool next(std::vector<Value>& row) override {
    if (next_ >= graph_->vertex_count()) return false;
    row.resize(2);
    row[0] = node_value(*graph_, next_);
    row[1] = values_.at(next_);
    ++next_;
    return true;
  }

 private:
  std::shared_ptr<const algorithms::CsrGraph> graph_;
  NodeValues values_;
  algorithms::Vertex next_ = 0;
};

// The one row of the .stats and .write forms (writing first for .write).
std::vector<std::vector<Value>> summary_row(const NodeAlgorithmSpec& spec, Form form,
                                            const std::string& procedure, ProcedureContext& context,
                                            NodeAlgorithmRun&& run) {
  const algorithms::CsrGraph& g = *run.graph.graph;
  NodeAlgorithmResult& result = run.result;
  std::vector<Value> row;
  row.push_back(static_cast<std::int64_t>(g.vertex_count()));
  for (auto& [name, value] : result.stats) row.push_back(std::move(value));
  if (spec.distribution) row.push_back(distribution_of(result.values));
  if (form == Form::kWrite) {
    if (context.write_txn == nullptr)
      throw QueryError(QueryErrorCode::kTransaction, procedure + " needs a write transaction");
    auto write_start = Clock::now();
    storage::WriteTransaction& txn = *context.write_txn;
    storage::PropertyKeyId key =
        context.graph.dictionary().intern(txn, storage::NameKind::kPropertyKey, run.write_property);
    for (algorithms::Vertex v = 0; v < g.vertex_count(); ++v) {
      if ((v & 0xFFF) == 0 && context.check_cancelled) context.check_cancelled();
      context.graph.set_node_property(txn, g.node_id(v), key, to_storage(result.values.at(v)));
    }
    context.changes.properties_set += g.vertex_count();
    row.push_back(static_cast<std::int64_t>(g.vertex_count()));
    row.push_back(run.write_property);
    row.push_back(millis(run.graph.project_seconds));
    row.push_back(millis(run.compute_seconds));
    row.push_back(millis(seconds_since(write_start)));
  } else {
    row.push_back(millis(run.graph.project_seconds));
    row.push_back(millis(run.compute_seconds));
  }
  return {std::move(row)};
}

}  // namespace

void add_node_algorithm(ProcedureRegistry& registry, NodeAlgorithmSpec spec) {
  auto shared = std::make_shared<const NodeAlgorithmSpec>(std::move(spec));
  const NodeAlgorithmSpec& s = *shared;

  ProcedureSignature stream{s.name,
                            algorithm_parameters(),
                            {{"node", "NODE"}, {s.value_column, s.value_type}},
                            false,
                            s.description};
  registry.add_streaming(
      stream,
      [shared](ProcedureContext& context,
               const std::vector<Value>& args) -> std::unique_ptr<ProcedureRows> {
        NodeAlgorithmRun run = compute(*shared, Form::kStream, shared->name, context, args);
        return std::make_unique<NodeValueRows>(std::move(run.graph.graph),
                                               std::move(run.result.values));
      });

  std::vector<ProcedureColumn> stats_columns{{"nodeCount", "INTEGER"}};
  for (const ProcedureColumn& c : s.stats_columns) stats_columns.push_back(c);
  if (s.distribution) stats_columns.push_back({"centralityDistribution", "MAP"});
  std::vector<ProcedureColumn> write_columns = stats_columns;
  stats_columns.push_back({"projectMillis", "INTEGER"});
  stats_columns.push_back({"computeMillis", "INTEGER"});
  write_columns.insert(write_columns.end(), {{"nodePropertiesWritten", "INTEGER"},
                                             {"writeProperty", "STRING"},
                                             {"projectMillis", "INTEGER"},
                                             {"computeMillis", "INTEGER"},
                                             {"writeMillis", "INTEGER"}});

  registry.add(ProcedureSignature{s.name + ".stats", algorithm_parameters(), stats_columns, false,
                                  s.description + " One row of summary figures."},
               [shared](ProcedureContext& context, const std::vector<Value>& args) {
                 const std::string procedure = shared->name + ".stats";
                 return summary_row(*shared, Form::kStats, procedure, context,
                                    compute(*shared, Form::kStats, procedure, context, args));
               });
  registry.add(ProcedureSignature{s.name + ".write", algorithm_parameters(), write_columns, true,
                                  s.description + " Writes each node's " + s.value_column +
                                      " to the property named by writeProperty."},
               [shared](ProcedureContext& context, const std::vector<Value>& args) {
                 const std::string procedure = shared->name + ".write";
                 return summary_row(*shared, Form::kWrite, procedure, context,
                                    compute(*shared, Form::kWrite, procedure, context, args));
               });
}

}  // namespace guanxi::query
