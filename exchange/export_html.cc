// The HTML network view: one self-contained page (html/network_view.html and
// html/network_view.js, embedded at build time) with the subgraph as JSON:
//   {"title", "colorBy", "sizeBy",
//    "nodes": [{"caption", "labels", "group", "size", "props"}],
//    "links": [{"s", "t", "type"}]}    (s and t index "nodes")
#include <string>
#include <unordered_map>

#include "exchange/export.h"
#include "exchange/html_view_assets.h"
#include "exchange/value_text.h"

namespace guanxi::exchange {

namespace {

// Replaces the one `{{name}}` in `page` with `value`.
void fill(std::string& page, std::string_view name, std::string_view value) {
  const std::string marker = "{{" + std::string(name) + "}}";
  const std::size_t at = page.find(marker);
  if (at != std::string::npos) page.replace(at, marker.size(), value);
}

const query::Value* property(const query::Map& properties, std::string_view key) {
  for (const auto& [name, value] : properties) {
    if (name == key && !value.is_null()) return &value;
  }
  return nullptr;
}

std::string page_data(const Subgraph& graph, const HtmlViewOptions& options) {
  nlohmann::json nodes = nlohmann::json::array();
  std::unordered_map<std::uint64_t, std::size_t> index;
  for (const ExportNode& n : graph.nodes) {
    index[n.id] = nodes.size();
    nlohmann::json node = nlohmann::json::object();
    node["caption"] = node_caption(n, options.caption);
    node["labels"] = n.labels;
    const query::Value* group =
        options.color_by.empty() ? nullptr : property(n.properties, options.color_by);
    node["group"] = group ? nlohmann::json(plain_text(*group)) : nlohmann::json(nullptr);
    const query::Value* size =
        options.size_by.empty() ? nullptr : property(n.properties, options.size_by);
    node["size"] =
        size && size->is_number() ? nlohmann::json(size->as_number()) : nlohmann::json(nullptr);
    nlohmann::json props = nlohmann::json::object();
    for (const auto& [k, v] : n.properties) props[k] = to_json(v);
    node["props"] = std::move(props);
    nodes.push_back(std::move(node));
  }
  nlohmann::json links = nlohmann::json::array();
  for (const ExportRelationship& r : graph.relationships) {
    links.push_back({{"s", index.at(r.start)}, {"t", index.at(r.end)}, {"type", r.type}});
  }
  nlohmann::json data = {{"title", options.title},
                         {"colorBy", options.color_by},
                         {"sizeBy", options.size_by},
                         {"nodes", std::move(nodes)},
                         {"links", std::move(links)}};
  std::string text = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // Inside <script>, "</" could end the element: JSON allows "<\/" instead.
  for (std::size_t at = text.find("</"); at != std::string::npos; at = text.find("</", at + 3)) {
    text.replace(at, 2, "<\\/");
  }
  return text;
}

}  // namespace

ExportReport write_html(const Subgraph& graph, const HtmlViewOptions& options,
                        const TextSink& sink) {
  std::string page = kNetworkViewPage;
  // Fill the data last: it may contain the other markers' text.
  fill(page, "TITLE", xml_escape(options.title));
  fill(page, "SCRIPT", kNetworkViewScript);
  fill(page, "DATA", page_data(graph, options));
  sink(page);
  ExportReport report;
  report.nodes = graph.nodes.size();
  report.relationships = graph.relationships.size();
  return report;
}

}  // namespace guanxi::exchange
