// graph.project, graph.drop and graph.list: the named projections of a
// session.
#include <chrono>

#include "query/privacy/access_decision.h"
#include "query/procedures/algorithm_call.h"
#include "query/procedures/algorithm_procedures.h"
#include "query/procedures/projection_cache.h"
#include "query/procedures/projection_catalog.h"
#include "query/property_reader.h"
#include "query/query_error.h"

namespace guanxi::query {

namespace {

ProjectionCatalog& catalog_of(ProcedureContext& context, const std::string& procedure) {
  if (context.projections == nullptr)
    throw QueryError(QueryErrorCode::kInvalidArgument,
                     procedure + ": this session keeps no named graphs");
  return *context.projections;
}

const char* orientation_name(algorithms::Orientation o) {
  switch (o) {
    case algorithms::Orientation::kNatural: return "NATURAL";
    case algorithms::Orientation::kReverse: return "REVERSE";
    case algorithms::Orientation::kUndirected: return "UNDIRECTED";
  }
  return "NATURAL";
}

List strings(const std::vector<std::string>& names) { return List(names.begin(), names.end()); }

// Relationships as users count them: an undirected projection holds each
// relationship as two arcs.
std::int64_t relationship_count(const algorithms::CsrGraph& g) {
  return static_cast<std::int64_t>(g.undirected() ? g.arc_count() / 2 : g.arc_count());
}

std::vector<Value> describe(const NamedProjection& p) {
  return {p.name,
          static_cast<std::int64_t>(p.graph->vertex_count()),
          relationship_count(*p.graph),
          strings(p.config.labels),
          strings(p.config.types),
          orientation_name(p.config.orientation),
          p.config.weight.empty() ? Value() : Value(p.config.weight),
          millis(p.project_seconds)};
}

std::vector<ProcedureColumn> description_columns() {
  return {
      {"graphName", "STRING"},      {"nodeCount", "INTEGER"},    {"relationshipCount", "INTEGER"},
      {"labels", "LIST OF STRING"}, {"types", "LIST OF STRING"}, {"orientation", "STRING"},
      {"weight", "STRING"},         {"projectMillis", "INTEGER"}};
}

std::vector<std::vector<Value>> project(ProcedureContext& context, const std::vector<Value>& args) {
  const std::string name = "graph.project";
  ProjectionCatalog& catalog = catalog_of(context, name);
  if (args[0].kind() != ValueKind::kString || args[0].as_string().empty())
    throw QueryError(QueryErrorCode::kInvalidArgument,
                     name + ": the graph name must be a non-empty string");
  ConfigMap config(name, args[1]);
  NamedProjection projection;
  projection.name = args[0].as_string();
  if (catalog.find(projection.name) != nullptr)
    catalog.add(projection);  // throws: the name is taken
  projection.config = read_projection_config(config);
  config.check_all_used();
  auto start = std::chrono::steady_clock::now();
  translate_algorithm_errors(name, [&] {
    // The readers refer to this call's context: the stored config keeps none.
    algorithms::ProjectionConfig reading = projection.config;
    reading.weight_readers = session_weight_readers(context);
    reading.excluded_nodes = &context.reader.access(context.txn).hidden_nodes();
    projection.graph = std::make_shared<const algorithms::CsrGraph>(
        algorithms::project(context.graph, context.txn, reading, cancellation_of(context)));
  });
  projection.project_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<Value> row = describe(projection);
  catalog.add(std::move(projection));
  return {row};
}

std::vector<std::vector<Value>> drop(ProcedureContext& context, const std::vector<Value>& args) {
  const std::string name = "graph.drop";
  ProjectionCatalog& catalog = catalog_of(context, name);
  if (args[0].kind() != ValueKind::kString)
    throw QueryError(QueryErrorCode::kInvalidArgument, name + ": the graph name must be a string");
  if (args[1].kind() != ValueKind::kBool)
    throw QueryError(QueryErrorCode::kInvalidArgument, name + ": failIfMissing must be a boolean");
  const NamedProjection* projection = catalog.find(args[0].as_string());
  if (projection == nullptr) {
    if (args[1].as_bool())
      throw QueryError(QueryErrorCode::kNotFound,
                       name + ": no graph named '" + args[0].as_string() + "'");
    return {};
  }
  std::vector<Value> row = describe(*projection);
  catalog.drop(args[0].as_string());
  return {row};
}

std::vector<std::vector<Value>> list(ProcedureContext& context, const std::vector<Value>&) {
  std::vector<std::vector<Value>> rows;
  for (const NamedProjection* p : catalog_of(context, "graph.list").list())
    rows.push_back(describe(*p));
  return rows;
}

std::vector<std::vector<Value>> cache(ProcedureContext& context, const std::vector<Value>&) {
  ProjectionCache::Figures figures;
  if (context.projection_cache != nullptr)
    figures = context.projection_cache->figures(projection_view(context));
  auto integer = [](auto n) { return Value(static_cast<std::int64_t>(n)); };
  return {{integer(figures.entries), integer(figures.bytes), integer(figures.budget_bytes),
           integer(figures.hits), integer(figures.misses)}};
}

}  // namespace

void register_graph_procedures(ProcedureRegistry& registry) {
  registry.add({"graph.project",
                {{"graphName", "STRING", std::nullopt}, {"configuration", "MAP", Value::map({})}},
                description_columns(),
                false,
                "Projects a graph (labels, types, orientation, weight, defaultWeight) once and "
                "keeps it in the "
                "session under graphName for algo.* calls."},
               project);
  registry.add({"graph.drop",
                {{"graphName", "STRING", std::nullopt}, {"failIfMissing", "BOOLEAN", Value(true)}},
                description_columns(),
                false,
                "Forgets a named graph of the session."},
               drop);
  registry.add({"graph.list", {}, description_columns(), false, "The named graphs of the session."},
               list);
  registry.add({"graph.cache",
                {},
                {{"entries", "INTEGER"},
                 {"bytes", "INTEGER"},
                 {"budgetBytes", "INTEGER"},
                 {"hits", "INTEGER"},
                 {"misses", "INTEGER"}},
                false,
                "The projections algorithm calls keep for later calls on the same snapshot: "
                "those made for the session's view (entries, bytes), the budget, and the "
                "engine's hits and misses."},
               cache);
}

}  // namespace guanxi::query
