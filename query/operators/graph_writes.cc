#include "query/operators/graph_writes.h"

#include <algorithm>

#include "query/executor/execution_context.h"
#include "query/expression/evaluator.h"

namespace guanxi::query {

namespace {

bool storable(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kMap:
    case ValueKind::kNode:
    case ValueKind::kRelationship:
    case ValueKind::kPath: return false;
    case ValueKind::kList:
      for (const Value& item : v.as_list()) {
        if (item.kind() == ValueKind::kList || !storable(item)) return false;
      }
      return true;
    default: return true;
  }
}

}  // namespace

storage::Value to_property_value(ExecutionContext& ctx, const Value& value,
                                 const ast::Expression* at) {
  if (!storable(value)) {
    ctx.fail(QueryErrorCode::kType,
             "Property values can only be of primitive types or arrays thereof, got " +
                 std::string(value_kind_name(value.kind())),
             at);
  }
  return to_storage(value);
}

storage::PropertyList to_property_list(ExecutionContext& ctx, const Value& map,
                                       const ast::Expression* at) {
  storage::PropertyList props;
  if (map.is_null()) return props;
  if (map.kind() != ValueKind::kMap) {
    ctx.fail(QueryErrorCode::kType,
             std::string("Expected a map of properties, got ") + value_kind_name(map.kind()), at);
  }
  for (const auto& [key, value] : map.as_map()) {
    if (value.is_null()) continue;
    props.push_back(storage::Property{ctx.intern_key(key), to_property_value(ctx, value, at)});
  }
  std::sort(props.begin(), props.end(),
            [](const storage::Property& a, const storage::Property& b) { return a.key < b.key; });
  return props;
}

void create_pattern(ExecutionContext& ctx, const std::vector<BoundPatternPart>& parts,
                    const std::vector<int>& new_slots, Row& row) {
  auto& txn = ctx.write_txn();
  auto& graph = ctx.graph();
  for (int slot : new_slots) row[slot] = Value();
  for (const auto& part : parts) {
    const ast::PatternPart& pattern = *part.part;
    for (size_t i = 0; i < pattern.nodes.size(); ++i) {
      const int slot = part.node_slots[i];
      const Value& current = row[slot];
      if (current.kind() == ValueKind::kNode) continue;
      const bool is_new = std::find(new_slots.begin(), new_slots.end(), slot) != new_slots.end();
      if (!is_new) {
        ctx.fail(QueryErrorCode::kSemantic,
                 "Failed to create relationship, node `" + pattern.nodes[i].variable +
                     "` is null (from OPTIONAL MATCH?)",
                 nullptr);
      }
      const auto& node = pattern.nodes[i];
      std::vector<storage::LabelId> labels;
      for (const auto& l : node.labels) labels.push_back(ctx.intern_label(l));
      storage::PropertyList props;
      if (node.properties) {
        props = to_property_list(ctx, evaluate(*node.properties, row, ctx), node.properties.get());
      }
      const auto property_count = static_cast<std::int64_t>(props.size());
      const storage::NodeId id = graph.create_node(txn, labels, std::move(props));
      row[slot] = NodeRef{id};
      auto& changes = ctx.changes();
      ++changes.nodes_created;
      changes.labels_added += static_cast<std::int64_t>(labels.size());
      changes.properties_set += property_count;
    }
    for (size_t j = 0; j < pattern.rels.size(); ++j) {
      const auto& rel = pattern.rels[j];
      storage::NodeId a = row[part.node_slots[j]].as_node().id;
      storage::NodeId b = row[part.node_slots[j + 1]].as_node().id;
      if (rel.direction == ast::RelDirection::kLeft) std::swap(a, b);
      storage::PropertyList props;
      if (rel.properties) {
        props = to_property_list(ctx, evaluate(*rel.properties, row, ctx), rel.properties.get());
      }
      const auto property_count = static_cast<std::int64_t>(props.size());
      const storage::TypeId type = ctx.intern_type(rel.types.front());
      const storage::RelationshipId id =
          graph.create_relationship(txn, a, b, type, std::move(props));
      row[part.rel_slots[j]] = RelRef{id, a, b, type};
      ++ctx.changes().relationships_created;
      ctx.changes().properties_set += property_count;
    }
    if (part.path_slot >= 0) {
      PathValue path;
      for (size_t i = 0; i < part.node_slots.size(); ++i) {
        path.nodes.push_back(row[part.node_slots[i]].as_node());
        if (i < part.rel_slots.size())
          path.rels.push_back(row[part.rel_slots[i]].as_relationship());
      }
      row[part.path_slot] = Value(std::move(path));
    }
  }
}

namespace {

void set_property(ExecutionContext& ctx, const Value& entity, const std::string& key,
                  const Value& value, const ast::Expression* at) {
  auto& txn = ctx.write_txn();
  if (entity.kind() == ValueKind::kNode) {
    ctx.graph().set_node_property(txn, entity.as_node().id, ctx.intern_key(key),
                                  to_property_value(ctx, value, at));
  } else if (entity.kind() == ValueKind::kRelationship) {
    ctx.graph().set_relationship_property(txn, entity.as_relationship(), ctx.intern_key(key),
                                          to_property_value(ctx, value, at));
  } else {
    ctx.fail(QueryErrorCode::kType,
             std::string("Expected a node or relationship to set a property on, got ") +
                 value_kind_name(entity.kind()),
             at);
  }
  ++ctx.changes().properties_set;
}

// Whether the session reads property `key` of `entity` masked: a write must
// then not take the masked reading for the value (docs/privacy.md, "Writes
// are not reads").
bool reads_masked(ExecutionContext& ctx, const Value& entity, const std::string& key) {
  const auto id = ctx.key_id(key);
  if (!id) return false;
  if (entity.kind() == ValueKind::kNode) {
    return ctx.reader().reads_masked(ctx.txn(), entity.as_node(), *id);
  }
  if (entity.kind() == ValueKind::kRelationship) {
    return ctx.reader().reads_masked(ctx.txn(), entity.as_relationship(), *id);
  }
  return false;
}

// The session's reading of `entity`.`key` (masked or not).
Value reading_of(ExecutionContext& ctx, const Value& entity, const std::string& key) {
  if (entity.kind() == ValueKind::kNode) return ctx.node_property(entity.as_node(), key);
  return ctx.relationship_property(entity.as_relationship(), key);
}

Map properties_of(ExecutionContext& ctx, const Value& v, const ast::Expression* at) {
  switch (v.kind()) {
    case ValueKind::kNull: return {};
    case ValueKind::kMap: return v.as_map();
    case ValueKind::kNode: return ctx.node_properties(v.as_node());
    case ValueKind::kRelationship: return ctx.relationship_properties(v.as_relationship());
    default:
      ctx.fail(
          QueryErrorCode::kType,
          std::string("Expected a map, node or relationship, got ") + value_kind_name(v.kind()),
          at);
  }
}

}  // namespace

void apply_set_items(ExecutionContext& ctx, const std::vector<ast::SetItem>& items, Row& row) {
  for (const auto& item : items) {
    switch (item.kind) {
      case ast::SetItem::Kind::kProperty: {
        const ast::Expression& target = *item.target;
        const Value entity = evaluate(*target.children[0], row, ctx);
        const Value value = evaluate(*item.value, row, ctx);
        if (entity.is_null()) break;
        // `SET n.phone = n.phone` under a masking session: the masked
        // reading must not replace the real value.
        if (reads_masked(ctx, entity, target.name) &&
            reading_of(ctx, entity, target.name) == value) {
          break;
        }
        set_property(ctx, entity, target.name, value, item.value.get());
        break;
      }
      case ast::SetItem::Kind::kReplaceProperties:
      case ast::SetItem::Kind::kMergeProperties: {
        const Value entity = row[item.slot];
        if (entity.is_null()) break;
        const Map next = properties_of(ctx, evaluate(*item.value, row, ctx), item.value.get());
        if (item.kind == ast::SetItem::Kind::kReplaceProperties) {
          const Map before = properties_of(ctx, entity, item.value.get());
          for (const auto& entry : before) {
            const std::string& key = entry.first;
            const bool kept = std::any_of(next.begin(), next.end(),
                                          [&](const auto& e) { return e.first == key; });
            if (!kept && !reads_masked(ctx, entity, key)) {
              set_property(ctx, entity, key, Value(), item.value.get());
            }
          }
        }
        // Tagged properties the session reads masked are neither replaced
        // nor removed by the map forms: a map built from readings would
        // overwrite real values with masks.
        for (const auto& [key, value] : next) {
          if (!reads_masked(ctx, entity, key))
            set_property(ctx, entity, key, value, item.value.get());
        }
        break;
      }
      case ast::SetItem::Kind::kLabels: {
        const Value entity = row[item.slot];
        if (entity.is_null()) break;
        if (entity.kind() != ValueKind::kNode) {
          ctx.fail(QueryErrorCode::kType, "Labels can only be set on nodes", item.target.get());
        }
        for (const auto& label : item.labels) {
          if (ctx.graph().add_label(ctx.write_txn(), entity.as_node().id,
                                    ctx.intern_label(label))) {
            ++ctx.changes().labels_added;
          }
        }
        break;
      }
    }
  }
}

}  // namespace guanxi::query
