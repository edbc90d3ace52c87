#include "api/value_conversion.h"

#include <string>
#include <utility>

#include "guanxi/error.h"

namespace guanxi::api {

static_assert(kMaxValueNesting == query::kMaxValueNesting,
              "the public and the query layer's nesting limits are one limit");

namespace {

Map map_to_public(query::Map&& entries, query::ResultStream& stream) {
  Map out;
  out.reserve(entries.size());
  for (auto& [key, v] : entries) out.emplace_back(std::move(key), from_query(std::move(v), stream));
  return out;
}

Node node_to_public(query::NodeRef ref, query::ResultStream& stream) {
  Node node;
  node.id = ref.id;
  for (query::Value& label : stream.labels(ref)) node.labels.push_back(label.as_string());
  node.properties = map_to_public(stream.properties(query::Value(ref)), stream);
  return node;
}

Relationship relationship_to_public(const query::RelRef& ref, query::ResultStream& stream) {
  Relationship rel;
  rel.id = ref.id;
  rel.start = ref.src;
  rel.end = ref.dst;
  rel.type = stream.type(ref);
  rel.properties = map_to_public(stream.properties(query::Value(ref)), stream);
  return rel;
}

query::Value to_query_at(const Value& value, int level);

query::Value to_query_nested(const Value& value, int level) {
  if (level + 1 >= query::kMaxValueNesting &&
      (value.type() == Type::kList || value.type() == Type::kMap))
    throw Error(ErrorCode::kLimit, "value nested too deeply: lists and maps nest at most " +
                                       std::to_string(query::kMaxValueNesting) + " levels");
  return to_query_at(value, level + 1);
}

// `level`: how many lists and maps enclose `value`.
query::Value to_query_at(const Value& value, int level) {
  switch (value.type()) {
    case Type::kNull: return query::Value();
    case Type::kBool: return query::Value(value.as_bool());
    case Type::kInt: return query::Value(value.as_int());
    case Type::kFloat: return query::Value(value.as_float());
    case Type::kString: return query::Value(value.as_string());
    case Type::kList: {
      query::List list;
      list.reserve(value.as_list().size());
      for (const Value& v : value.as_list()) list.push_back(to_query_nested(v, level));
      return query::Value(std::move(list));
    }
    case Type::kMap: {
      query::Map map;
      map.reserve(value.as_map().size());
      for (const auto& [key, v] : value.as_map()) map.emplace_back(key, to_query_nested(v, level));
      return query::Value::map(std::move(map));
    }
    case Type::kDate: return query::Value(query::Date{value.as_date().days});
    case Type::kDateTime: return query::Value(query::DateTime{value.as_datetime().micros});
    case Type::kDuration: {
      const Duration d = value.as_duration();
      return query::Value(query::Duration{d.months, d.days, d.micros});
    }
    case Type::kNode: return query::Value(query::NodeRef{value.as_node().id});
    case Type::kRelationship: {
      const Relationship& r = value.as_relationship();
      return query::Value(query::RelRef{r.id, r.start, r.end, 0});
    }
    case Type::kPath: {
      query::PathValue path;
      for (const Node& n : value.as_path().nodes) path.nodes.push_back(query::NodeRef{n.id});
      for (const Relationship& r : value.as_path().relationships)
        path.rels.push_back(query::RelRef{r.id, r.start, r.end, 0});
      return query::Value(std::move(path));
    }
  }
  return query::Value();
}

}  // namespace

query::Value to_query(const Value& value) { return to_query_at(value, 0); }

Value from_query(query::Value&& value, query::ResultStream& stream) {
  using K = query::ValueKind;
  switch (value.kind()) {
    case K::kNull: return Value();
    case K::kBool: return Value(value.as_bool());
    case K::kInt: return Value(value.as_int());
    case K::kFloat: return Value(value.as_float());
    case K::kString: return Value(std::move(const_cast<std::string&>(value.as_string())));
    case K::kList: {
      List list;
      list.reserve(value.as_list().size());
      for (query::Value& v : value.as_list()) list.push_back(from_query(std::move(v), stream));
      return Value(std::move(list));
    }
    case K::kMap:
      return Value::map(map_to_public(std::move(const_cast<query::Map&>(value.as_map())), stream));
    case K::kDate: return Value(Date{value.as_date().days});
    case K::kDateTime: return Value(DateTime{value.as_datetime().micros});
    case K::kDuration: {
      const query::Duration d = value.as_duration();
      return Value(Duration{d.months, d.days, d.micros});
    }
    case K::kNode: return Value(node_to_public(value.as_node(), stream));
    case K::kRelationship: return Value(relationship_to_public(value.as_relationship(), stream));
    case K::kPath: {
      Path path;
      for (const query::NodeRef& n : value.as_path().nodes)
        path.nodes.push_back(node_to_public(n, stream));
      for (const query::RelRef& r : value.as_path().rels)
        path.relationships.push_back(relationship_to_public(r, stream));
      return Value(std::move(path));
    }
  }
  return Value();
}

std::optional<Value> plain_from_query(const query::Value& value) {
  using K = query::ValueKind;
  switch (value.kind()) {
    case K::kNull: return Value();
    case K::kBool: return Value(value.as_bool());
    case K::kInt: return Value(value.as_int());
    case K::kFloat: return Value(value.as_float());
    case K::kString: return Value(value.as_string());
    case K::kList: {
      List list;
      list.reserve(value.as_list().size());
      for (const query::Value& v : value.as_list()) {
        std::optional<Value> item = plain_from_query(v);
        if (!item) return std::nullopt;
        list.push_back(std::move(*item));
      }
      return Value(std::move(list));
    }
    case K::kMap: {
      Map map;
      for (const auto& [key, v] : value.as_map()) {
        std::optional<Value> item = plain_from_query(v);
        if (!item) return std::nullopt;
        map.emplace_back(key, std::move(*item));
      }
      return Value::map(std::move(map));
    }
    case K::kDate: return Value(Date{value.as_date().days});
    case K::kDateTime: return Value(DateTime{value.as_datetime().micros});
    case K::kDuration: {
      const query::Duration d = value.as_duration();
      return Value(Duration{d.months, d.days, d.micros});
    }
    case K::kNode:
    case K::kRelationship:
    case K::kPath: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace guanxi::api
