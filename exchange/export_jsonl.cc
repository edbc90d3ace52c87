// JSON Lines in the shape of APOC's JSON export, one object per line:
//   {"type":"node","id":"0","labels":["Customer"],"properties":{"name":"Ada"}}
//   {"type":"relationship","id":"0","label":"KNOWS","start":{"id":"0","labels":["Customer"]},
//    "end":{"id":"1","labels":[]},"properties":{"since":2019}}
#include <unordered_map>

#include "exchange/export.h"
#include "exchange/value_text.h"

namespace guanxi::exchange {

ExportReport write_jsonl(const Subgraph& graph, const TextSink& sink) {
  ExportReport report;
  std::unordered_map<std::uint64_t, const ExportNode*> by_id;
  auto properties = [](const query::Map& map) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : map) out[k] = to_json(v);
    return out;
  };
  auto dump = [](const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  };
  for (const ExportNode& n : graph.nodes) {
    by_id[n.id] = &n;
    nlohmann::json line = nlohmann::json::object();
    line["type"] = "node";
    line["id"] = std::to_string(n.id);
    line["labels"] = n.labels;
    line["properties"] = properties(n.properties);
    sink(dump(line));
    ++report.nodes;
  }
  auto end = [&](std::uint64_t id) {
    nlohmann::json out = nlohmann::json::object();
    out["id"] = std::to_string(id);
    const auto it = by_id.find(id);
    out["labels"] = it == by_id.end() ? std::vector<std::string>{} : it->second->labels;
    return out;
  };
  for (const ExportRelationship& r : graph.relationships) {
    nlohmann::json line = nlohmann::json::object();
    line["type"] = "relationship";
    line["id"] = std::to_string(r.id);
    line["label"] = r.type;
    line["start"] = end(r.start);
    line["end"] = end(r.end);
    line["properties"] = properties(r.properties);
    sink(dump(line));
    ++report.relationships;
  }
  return report;
}

}  // namespace guanxi::exchange
