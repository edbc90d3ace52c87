// Helpers shared by the schema tests: a temporary graph and short ways to
// fill it through storage::Graph.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storage/graph.h"
#include "tests/support/temp_graph.h"

namespace guanxi::query::testing {

using test_support::TempGraph;

inline storage::LabelId label_id(storage::Graph& g, storage::WriteTransaction& txn,
                                 std::string_view name) {
  return g.dictionary().intern(txn, storage::NameKind::kLabel, name);
}
inline storage::PropertyKeyId key_id(storage::Graph& g, storage::WriteTransaction& txn,
                                     std::string_view name) {
  return g.dictionary().intern(txn, storage::NameKind::kPropertyKey, name);
}
inline storage::TypeId type_id(storage::Graph& g, storage::WriteTransaction& txn,
                               std::string_view name) {
  return g.dictionary().intern(txn, storage::NameKind::kType, name);
}

// Creates a node with the named labels and properties.
inline storage::NodeId add_node(storage::Graph& g, storage::WriteTransaction& txn,
                                const std::vector<std::string>& labels,
                                const std::vector<std::pair<std::string, storage::Value>>& props) {
  std::vector<storage::LabelId> ls;
  ls.reserve(labels.size());
  for (const auto& l : labels) ls.push_back(label_id(g, txn, l));
  storage::PropertyList ps;
  ps.reserve(props.size());
  for (const auto& [k, v] : props) ps.push_back({key_id(g, txn, k), v});
  return g.create_node(txn, std::move(ls), std::move(ps));
}

inline storage::RelationshipId add_relationship(
    storage::Graph& g, storage::WriteTransaction& txn, storage::NodeId a, storage::NodeId b,
    const std::string& type,
    const std::vector<std::pair<std::string, storage::Value>>& props = {}) {
  storage::PropertyList ps;
  for (const auto& [k, v] : props) ps.push_back({key_id(g, txn, k), v});
  return g.create_relationship(txn, a, b, type_id(g, txn, type), std::move(ps));
}

}  // namespace guanxi::query::testing
