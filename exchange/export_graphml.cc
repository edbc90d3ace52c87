// GraphML with typed keys: one <key> per property name of nodes and of
// relationships (attr.type boolean, long, double or string; a key whose
// values mix types is a string key), `labels` (":Customer:VIP", as Neo4j
// writes it) on nodes and `type` on relationships. networkx.read_graphml,
// Gephi and Cytoscape read it.
#include <fmt/format.h>

#include <map>

#include "exchange/column_type.h"
#include "exchange/export.h"
#include "exchange/value_text.h"

namespace guanxi::exchange {

namespace {

struct Key {
  std::string id;
  std::string type;  // GraphML attr.type
};

const char* graphml_type(const ColumnKind& kind) {
  if (kind.array || kind.as_text) return "string";
  switch (kind.type) {
    case ColumnType::kBoolean: return "boolean";
    case ColumnType::kLong: return "long";
    case ColumnType::kDouble: return "double";
    default: return "string";
  }
}

// Key types over every value of each property name: one type, or long and
// double together as double, else string.
template <typename Entities>
std::map<std::string, Key> keys_of(const Entities& entities, const char* prefix) {
  std::map<std::string, std::string> types;
  for (const auto& e : entities) {
    for (const auto& [name, value] : e.properties) {
      if (value.is_null()) continue;
      const std::string type = graphml_type(column_kind(value));
      auto [it, fresh] = types.emplace(name, type);
      if (fresh || it->second == type) continue;
      const bool numbers =
          (it->second == "long" || it->second == "double") && (type == "long" || type == "double");
      it->second = numbers ? "double" : "string";
    }
  }
  std::map<std::string, Key> keys;
  int n = 0;
  for (const auto& [name, type] : types) keys[name] = {fmt::format("{}{}", prefix, n++), type};
  return keys;
}

std::string data_text(const query::Value& value, const std::string& type) {
  if (type == "double" && value.kind() == query::ValueKind::kInt) {
    return plain_text(query::Value(static_cast<double>(value.as_int())));
  }
  return plain_text(value);
}

void write_data(std::string& out, const query::Map& properties,
                const std::map<std::string, Key>& keys) {
  for (const auto& [name, value] : properties) {
    if (value.is_null()) continue;
    const Key& key = keys.at(name);
    out += fmt::format("      <data key=\"{}\">{}</data>\n", key.id,
                       xml_escape(data_text(value, key.type)));
  }
}

}  // namespace

ExportReport write_graphml(const Subgraph& graph, const TextSink& sink) {
  ExportReport report;
  const auto node_keys = keys_of(graph.nodes, "n");
  const auto relationship_keys = keys_of(graph.relationships, "r");
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
      "  <key id=\"labels\" for=\"node\" attr.name=\"labels\" attr.type=\"string\"/>\n"
      "  <key id=\"type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n";
  for (const auto& [name, key] : node_keys) {
    out += fmt::format("  <key id=\"{}\" for=\"node\" attr.name=\"{}\" attr.type=\"{}\"/>\n",
                       key.id, xml_escape(name), key.type);
  }
  for (const auto& [name, key] : relationship_keys) {
    out += fmt::format("  <key id=\"{}\" for=\"edge\" attr.name=\"{}\" attr.type=\"{}\"/>\n",
                       key.id, xml_escape(name), key.type);
  }
  out += "  <graph id=\"G\" edgedefault=\"directed\">\n";
  for (const ExportNode& n : graph.nodes) {
    std::string labels;
    for (const std::string& l : n.labels) labels += ":" + l;
    out += fmt::format("    <node id=\"n{}\">\n      <data key=\"labels\">{}</data>\n", n.id,
                       xml_escape(labels));
    write_data(out, n.properties, node_keys);
    out += "    </node>\n";
    ++report.nodes;
    if (out.size() > (1 << 20)) {
      sink(out);
      out.clear();
    }
  }
  for (const ExportRelationship& r : graph.relationships) {
    out += fmt::format(
        "    <edge id=\"r{}\" source=\"n{}\" target=\"n{}\">\n      <data key=\"type\">{}</data>\n",
        r.id, r.start, r.end, xml_escape(r.type));
    write_data(out, r.properties, relationship_keys);
    out += "    </edge>\n";
    ++report.relationships;
    if (out.size() > (1 << 20)) {
      sink(out);
      out.clear();
    }
  }
  out += "  </graph>\n</graphml>\n";
  sink(out);
  return report;
}

}  // namespace guanxi::exchange
