// The built-in db.* and dbms.* procedures: what the database holds, read from
// the dictionary, counters, postings and index catalog of the statement's
// transaction (so inside an explicit transaction they see its own changes).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <span>
#include <tuple>

#include "query/expression/function_registry.h"
#include "query/procedures/procedure_registry.h"
#include "query/query_error.h"
#include "query/schema/schema_statement.h"
#include "storage/adjacency.h"
#include "storage/graph.h"

namespace guanxi::query {

namespace {

using Rows = std::vector<std::vector<Value>>;
using storage::NameKind;

Rows single_column(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  Rows rows;
  rows.reserve(names.size());
  for (auto& n : names) rows.push_back({Value(std::move(n))});
  return rows;
}

// Labels with at least one node, sorted by name.
std::vector<std::string> labels_in_use(ProcedureContext& ctx) {
  std::vector<std::string> all = ctx.graph.dictionary().all(ctx.txn, NameKind::kLabel);
  std::vector<std::string> out;
  for (std::size_t id = 0; id < all.size(); ++id) {
    if (all[id].empty()) continue;
    if (ctx.graph.count_label(ctx.txn, static_cast<storage::LabelId>(id)) > 0)
      out.push_back(all[id]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Types with at least one relationship, sorted by name.
std::vector<std::string> types_in_use(ProcedureContext& ctx) {
  std::vector<std::string> out;
  for (const auto& [type, count] : ctx.graph.counters().relationship_counts_by_type(ctx.txn)) {
    if (count > 0) out.push_back(ctx.graph.dictionary().name(ctx.txn, NameKind::kType, type));
  }
  std::sort(out.begin(), out.end());
  return out;
}

Rows db_labels(ProcedureContext& ctx, const std::vector<Value>&) {
  return single_column(labels_in_use(ctx));
}

Rows db_relationship_types(ProcedureContext& ctx, const std::vector<Value>&) {
  return single_column(types_in_use(ctx));
}

Rows db_property_keys(ProcedureContext& ctx, const std::vector<Value>&) {
  std::vector<std::string> names = ctx.graph.dictionary().all(ctx.txn, NameKind::kPropertyKey);
  std::erase_if(names, [](const std::string& n) { return n.empty(); });
  return single_column(std::move(names));
}

// db.schema(): one row; `nodes` the labels in use, `relationships` a map
// {startLabel, type, endLabel} per (start label, type, end label) that some
// relationship has, sorted by them. Unlabelled endpoints are left out.
// One pass over the node records (labels only) and one over the `out`
// adjacency blocks.
Rows db_schema(ProcedureContext& ctx, const std::vector<Value>&) {
  // Each node's label set, as an index into `label_sets` (0: no labels),
  // held per node id (ids are dense).
  std::vector<std::vector<storage::LabelId>> label_sets{{}};
  std::vector<std::uint32_t> set_of_node;
  std::map<std::vector<storage::LabelId>, std::uint32_t> set_ids;
  std::uint64_t seen = 0;
  ctx.graph.scan_nodes(ctx.txn, [&](storage::NodeId id, std::string_view bytes) {
    if ((++seen & 0xffff) == 0 && ctx.check_cancelled) ctx.check_cancelled();
    storage::NodeRecord record = storage::decode_node(bytes, id);
    if (record.labels.empty()) return;
    auto [it, fresh] =
        set_ids.try_emplace(record.labels, static_cast<std::uint32_t>(label_sets.size()));
    if (fresh) label_sets.push_back(record.labels);
    if (id >= set_of_node.size()) set_of_node.resize(id + 1, 0);
    set_of_node[id] = it->second;
  });
  auto set_for = [&](storage::NodeId id) { return id < set_of_node.size() ? set_of_node[id] : 0u; };
  std::set<std::tuple<std::uint32_t, storage::TypeId, std::uint32_t>> set_triples;
  storage::AdjacencyCursor out(ctx.txn, storage::Direction::kOut);
  out.for_each_block(
      0, storage::kNoId, [&](storage::NodeId node, storage::TypeId) { return set_for(node) != 0; },
      [&](storage::NodeId node, storage::TypeId type,
          std::span<const storage::AdjacencyEntry> block) {
        if ((++seen & 0xff) == 0 && ctx.check_cancelled) ctx.check_cancelled();
        const std::uint32_t from = set_for(node);
        for (const storage::AdjacencyEntry& e : block) {
          if (const std::uint32_t to = set_for(e.other()); to != 0)
            set_triples.emplace(from, type, to);
        }
      });
  auto& dict = ctx.graph.dictionary();
  std::set<std::tuple<std::string, std::string, std::string>> triples;
  for (const auto& [from, type, to] : set_triples) {
    const std::string type_name = dict.name(ctx.txn, NameKind::kType, type);
    for (storage::LabelId a : label_sets[from]) {
      for (storage::LabelId b : label_sets[to]) {
        triples.emplace(dict.name(ctx.txn, NameKind::kLabel, a), type_name,
                        dict.name(ctx.txn, NameKind::kLabel, b));
      }
    }
  }
  List nodes;
  for (auto& l : labels_in_use(ctx)) nodes.emplace_back(std::move(l));
  List relationships;
  for (const auto& [a, t, b] : triples) {
    relationships.push_back(
        Value::map({{"endLabel", Value(b)}, {"startLabel", Value(a)}, {"type", Value(t)}}));
  }
  return Rows{{Value(std::move(nodes)), Value(std::move(relationships))}};
}

Rows dbms_procedures(ProcedureContext& ctx, const std::vector<Value>&) {
  Rows rows;
  if (!ctx.registry) return rows;
  for (const ProcedureSignature* p : ctx.registry->list()) {
    rows.push_back({Value(p->name), Value(ProcedureRegistry::signature_text(*p)),
                    Value(p->description), Value(p->writes ? "WRITE" : "READ")});
  }
  return rows;
}

// Every function, as SHOW FUNCTIONS lists it.
Rows dbms_functions(ProcedureContext&, const std::vector<Value>&) {
  Rows rows;
  const auto functions = all_functions();
  rows.reserve(functions.size());
  for (const FunctionDefinition* f : functions) {
    std::string arguments;
    if (f->max_args < 0) {
      arguments = fmt::format("{} or more arguments", f->min_args);
    } else if (f->min_args == f->max_args) {
      arguments = fmt::format("{} argument{}", f->min_args, f->min_args == 1 ? "" : "s");
    } else {
      arguments = fmt::format("{} to {} arguments", f->min_args, f->max_args);
    }
    rows.push_back({Value(f->name), Value(arguments), Value(f->aggregate)});
  }
  return rows;
}

std::vector<ProcedureColumn> columns_of(const std::vector<SchemaColumn>& columns) {
  std::vector<ProcedureColumn> out;
  out.reserve(columns.size());
  for (const auto& c : columns) out.push_back({c.name, c.type});
  return out;
}

}  // namespace

void register_db_procedures(ProcedureRegistry& registry) {
  registry.add({"db.labels",
                {},
                {{"label", "STRING"}},
                false,
                "The labels that at least one node has, sorted by name."},
               db_labels);
  registry.add({"db.relationshipTypes",
                {},
                {{"relationshipType", "STRING"}},
                false,
                "The relationship types that at least one relationship has, sorted by name."},
               db_relationship_types);
  registry.add({"db.propertyKeys",
                {},
                {{"propertyKey", "STRING"}},
                false,
                "Every property key of the database, sorted by name (as in Neo4j, a key stays "
                "listed once its last value is gone)."},
               db_property_keys);
  registry.add(
      {"db.schema",
       {},
       {{"nodes", "LIST OF STRING"}, {"relationships", "LIST OF MAP"}},
       false,
       "The shape of the graph: the labels in use, and a map {startLabel, type, endLabel} "
       "for each (start label, type, end label) some relationship has. Reads every record."},
      db_schema);
  registry.add({"db.indexes",
                {},
                columns_of(show_indexes_columns()),
                false,
                "The indexes, as SHOW INDEXES lists them (unique constraints' indexes included)."},
               [](ProcedureContext& ctx, const std::vector<Value>&) {
                 return show_indexes(ctx.graph, ctx.txn).rows;
               });
  registry.add({"db.constraints",
                {},
                columns_of(show_constraints_columns()),
                false,
                "The constraints, as SHOW CONSTRAINTS lists them."},
               [](ProcedureContext& ctx, const std::vector<Value>&) {
                 return show_constraints(ctx.graph, ctx.txn).rows;
               });
  registry.add(
      {"dbms.procedures",
       {},
       {{"name", "STRING"}, {"signature", "STRING"}, {"description", "STRING"}, {"mode", "STRING"}},
       false,
       "Every procedure that CALL can run, sorted by name, with its signature and whether it "
       "reads or writes."},
      dbms_procedures);
  registry.add({"dbms.functions",
                {},
                {{"name", "STRING"}, {"arguments", "STRING"}, {"aggregating", "BOOLEAN"}},
                false,
                "Every function expressions can call, sorted by name, with how many arguments it "
                "takes and whether it aggregates. SHOW FUNCTIONS lists the same."},
               dbms_functions);
}

}  // namespace guanxi::query
