#include "exchange/subgraph.h"

#include <algorithm>
#include <unordered_set>

namespace guanxi::exchange {

namespace {

// Gathers the graph values of result rows and reads what they carry through
// the stream that produced them.
class Collector {
 public:
  explicit Collector(query::ResultStream& stream) : stream_(stream) {}

  void add(const query::Value& value) {
    switch (value.kind()) {
      case query::ValueKind::kNode: add_node(value.as_node()); break;
      case query::ValueKind::kRelationship: add_relationship(value.as_relationship()); break;
      case query::ValueKind::kPath:
        for (const query::NodeRef& n : value.as_path().nodes) add_node(n);
        for (const query::RelRef& r : value.as_path().rels) add_relationship(r);
        break;
      case query::ValueKind::kList:
        for (const query::Value& v : value.as_list()) add(v);
        break;
      case query::ValueKind::kMap:
        for (const auto& [k, v] : value.as_map()) add(v);
        break;
      default: break;
    }
  }

  Subgraph finish() {
    for (const ExportRelationship& r : graph_.relationships) {
      for (std::uint64_t end : {r.start, r.end}) {
        if (node_ids_.insert(end).second) {
          read_node(end);
          ++graph_.added_endpoints;
        }
      }
    }
    std::sort(graph_.nodes.begin(), graph_.nodes.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    std::sort(graph_.relationships.begin(), graph_.relationships.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    return std::move(graph_);
  }

 private:
  void add_node(query::NodeRef node) {
    if (node_ids_.insert(node.id).second) read_node(node.id);
  }
  void read_node(std::uint64_t id) {
    ExportNode n;
    n.id = id;
    for (const query::Value& label : stream_.labels(query::NodeRef{id})) {
      n.labels.push_back(label.as_string());
    }
    std::sort(n.labels.begin(), n.labels.end());
    n.properties = stream_.properties(query::Value(query::NodeRef{id}));
    graph_.nodes.push_back(std::move(n));
  }
  void add_relationship(const query::RelRef& rel) {
    if (!relationship_ids_.insert(rel.id).second) return;
    ExportRelationship r;
    r.id = rel.id;
    r.start = rel.src;
    r.end = rel.dst;
    r.type = stream_.type(rel);
    r.properties = stream_.properties(query::Value(rel));
    graph_.relationships.push_back(std::move(r));
  }

  query::ResultStream& stream_;
  Subgraph graph_;
  std::unordered_set<std::uint64_t> node_ids_;
  std::unordered_set<std::uint64_t> relationship_ids_;
};

void collect_rows(query::ResultStream& stream, Collector& collector) {
  std::vector<query::Value> row;
  while (stream.next(row)) {
    for (const query::Value& v : row) collector.add(v);
  }
}

}  // namespace

Subgraph collect_graph(query::Session& session) {
  // One statement reads both, so nodes and relationships come from one snapshot.
  auto stream = session.run(
      "MATCH (n) RETURN n, [] AS r UNION ALL MATCH ()-[r]->() RETURN null AS n, [r] AS r");
  Collector collector(*stream);
  collect_rows(*stream, collector);
  return collector.finish();
}

Subgraph collect_query(query::Session& session, const std::string& query,
                       const query::Parameters& parameters) {
  auto stream = session.run(query, parameters);
  Collector collector(*stream);
  collect_rows(*stream, collector);
  return collector.finish();
}

}  // namespace guanxi::exchange
