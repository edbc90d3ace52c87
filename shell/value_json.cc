#include "shell/value_json.h"

#include <cmath>

#include "guanxi/error.h"

namespace guanxi::shell {

namespace {

nlohmann::ordered_json properties_json(const Map& properties) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& [key, v] : properties) out[key] = to_json(v);
  return out;
}

nlohmann::ordered_json node_json(const Node& n) {
  return {{"id", n.id}, {"labels", n.labels}, {"properties", properties_json(n.properties)}};
}

nlohmann::ordered_json relationship_json(const Relationship& r) {
  return {{"id", r.id},
          {"type", r.type},
          {"start", r.start},
          {"end", r.end},
          {"properties", properties_json(r.properties)}};
}

}  // namespace

nlohmann::ordered_json to_json(const Value& value) {
  switch (value.type()) {
    case Type::kNull: return nullptr;
    case Type::kBool: return value.as_bool();
    case Type::kInt: return value.as_int();
    case Type::kFloat: {
      const double d = value.as_float();
      if (std::isnan(d)) return "NaN";
      if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
      return d;
    }
    case Type::kString: return value.as_string();
    case Type::kList: {
      nlohmann::ordered_json out = nlohmann::ordered_json::array();
      for (const Value& v : value.as_list()) out.push_back(to_json(v));
      return out;
    }
    case Type::kMap: return properties_json(value.as_map());
    case Type::kDate: return value.as_date().to_string();
    case Type::kDateTime: return value.as_datetime().to_string();
    case Type::kDuration: return value.as_duration().to_string();
    case Type::kLocalTime: return value.as_local_time().to_string();
    case Type::kTime: return value.as_time().to_string();
    case Type::kLocalDateTime: return value.as_local_datetime().to_string();
    case Type::kNode: return node_json(value.as_node());
    case Type::kRelationship: return relationship_json(value.as_relationship());
    case Type::kPath: {
      nlohmann::ordered_json nodes = nlohmann::ordered_json::array(),
                             rels = nlohmann::ordered_json::array();
      for (const Node& n : value.as_path().nodes) nodes.push_back(node_json(n));
      for (const Relationship& r : value.as_path().relationships)
        rels.push_back(relationship_json(r));
      return {{"nodes", nodes}, {"relationships", rels}};
    }
  }
  return nullptr;
}

Value from_json(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::null: return Value();
    case nlohmann::json::value_t::boolean: return Value(json.get<bool>());
    case nlohmann::json::value_t::number_integer: return Value(json.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned: {
      const auto u = json.get<std::uint64_t>();
      if (u <= static_cast<std::uint64_t>(INT64_MAX)) return Value(static_cast<std::int64_t>(u));
      return Value(static_cast<double>(u));
    }
    case nlohmann::json::value_t::number_float: return Value(json.get<double>());
    case nlohmann::json::value_t::string: return Value(json.get<std::string>());
    case nlohmann::json::value_t::array: {
      List list;
      for (const auto& e : json) list.push_back(from_json(e));
      return Value(std::move(list));
    }
    case nlohmann::json::value_t::object: {
      Map map;
      for (const auto& [key, e] : json.items()) map.emplace_back(key, from_json(e));
      return Value::map(std::move(map));
    }
    default: return Value();
  }
}

Value parse_json_parameter(const std::string& name, const std::string& json) {
  // nlohmann's parser is iterative; the limit keeps from_json's recursion
  // bounded and is checked as each array or object opens (`depth` counts
  // the ones around it), before anything deeper is built.
  auto limit_nesting = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
    if ((event == nlohmann::json::parse_event_t::array_start ||
         event == nlohmann::json::parse_event_t::object_start) &&
        depth >= kMaxValueNesting)
      throw Error(ErrorCode::kLimit, "the value of parameter '" + name +
                                         "' nests arrays and objects more than " +
                                         std::to_string(kMaxValueNesting) + " levels deep");
    return true;
  };
  try {
    return from_json(nlohmann::json::parse(json, limit_nesting));
  } catch (const nlohmann::json::exception&) {
    throw Error(ErrorCode::kInvalidArgument, "the value of parameter '" + name + "' is not JSON: " +
                                                 json + " (strings need double quotes: \"Ada\")");
  }
}

}  // namespace guanxi::shell
