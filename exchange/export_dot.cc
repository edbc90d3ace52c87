// DOT for Graphviz: a digraph whose nodes are captioned with their name (or
// the chosen caption property) and first label, and whose edges carry their
// type; every property goes into the tooltip (SVG output shows it on hover).
//   dot -Tsvg graph.dot -o graph.svg
#include <fmt/format.h>

#include "exchange/export.h"
#include "exchange/value_text.h"

namespace guanxi::exchange {

namespace {

// A DOT double-quoted string.
std::string dot_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out + "\"";
}

std::string tooltip(const query::Map& properties) {
  std::string out;
  for (const auto& [name, value] : properties) {
    if (value.is_null()) continue;
    if (!out.empty()) out += '\n';
    out += name + ": " + plain_text(value);
  }
  return out;
}

}  // namespace

ExportReport write_dot(const Subgraph& graph, const HtmlViewOptions& options,
                       const TextSink& sink) {
  ExportReport report;
  std::string out = fmt::format(
      "digraph {} {{\n  graph [charset=\"UTF-8\"];\n"
      "  node [shape=box, style=\"rounded\", fontname=\"Noto Sans CJK SC,sans-serif\"];\n"
      "  edge [fontname=\"sans-serif\", fontsize=10];\n",
      dot_string(options.title));
  for (const ExportNode& n : graph.nodes) {
    std::string label = node_caption(n, options.caption);
    if (!n.labels.empty()) label += "\n:" + n.labels.front();
    out += fmt::format("  n{} [label={}, tooltip={}];\n", n.id, dot_string(label),
                       dot_string(tooltip(n.properties)));
    ++report.nodes;
  }
  for (const ExportRelationship& r : graph.relationships) {
    out += fmt::format("  n{} -> n{} [label={}, tooltip={}];\n", r.start, r.end, dot_string(r.type),
                       dot_string(tooltip(r.properties)));
    ++report.relationships;
    if (out.size() > (1 << 20)) {
      sink(out);
      out.clear();
    }
  }
  out += "}\n";
  sink(out);
  return report;
}

std::string node_caption(const ExportNode& node, std::string_view caption_property) {
  auto find = [&](std::string_view key) -> const query::Value* {
    for (const auto& [name, value] : node.properties) {
      if (name == key && !value.is_null()) return &value;
    }
    return nullptr;
  };
  if (!caption_property.empty()) {
    if (const query::Value* v = find(caption_property)) return plain_text(*v);
  }
  for (std::string_view key : {"name", "title"}) {
    if (const query::Value* v = find(key)) return plain_text(*v);
  }
  return (node.labels.empty() ? std::string("node") : node.labels.front()) + " " +
         std::to_string(node.id);
}

}  // namespace guanxi::exchange
