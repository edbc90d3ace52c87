#include "shell/value_text.h"

#include <charconv>
#include <cmath>

namespace guanxi::shell {

namespace {

// A map key as Cypher writes it (bare or in backticks): the same rules as
// Value::to_string(), taken from it so that they cannot drift apart.
std::string key_text(const std::string& key) {
  const std::string entry = Value::map(Map{{key, Value()}}).to_string();  // "{key: null}"
  return entry.substr(1, entry.size() - std::string(": null}").size() - 1);
}

std::string map_text(const Map& entries) {
  std::string out = "{";
  for (const auto& [key, value] : entries) {
    if (out.size() > 1) out += ", ";
    out += key_text(key) + ": " + readable_text(value);
  }
  return out + "}";
}

std::string node_text(const Node& n) {
  std::string out = "(";
  for (const std::string& label : n.labels) out += ":" + label;
  if (!n.properties.empty()) {
    if (!n.labels.empty()) out += ' ';
    out += map_text(n.properties);
  }
  return out + ")";
}

std::string relationship_text(const Relationship& r) {
  std::string out = "[:" + r.type;
  if (!r.properties.empty()) out += " " + map_text(r.properties);
  return out + "]";
}

std::string path_text(const Path& p) {
  std::string out;
  for (std::size_t i = 0; i < p.nodes.size(); ++i) {
    out += node_text(p.nodes[i]);
    if (i < p.relationships.size()) {
      const Relationship& r = p.relationships[i];
      const bool forward = r.start == p.nodes[i].id;
      out += forward ? "-" : "<-";
      out += relationship_text(r);
      out += forward ? "->" : "-";
    }
  }
  return out;
}

bool is_plain(const Value& v) {
  switch (v.type()) {
    case Type::kList:
    case Type::kMap:
    case Type::kNode:
    case Type::kRelationship:
    case Type::kPath: return false;
    default: return true;
  }
}

}  // namespace

std::string readable_float(double value) {
  const double magnitude = std::fabs(value);
  if (!std::isfinite(value) || (value != 0 && (magnitude < 1e-6 || magnitude >= 1e15)))
    return Value(value).to_string();
  // std::to_chars without a precision gives the shortest text that reads
  // back as the same double.
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  std::string text(buffer, result.ptr);
  if (text.find('.') == std::string::npos) text += ".0";
  return text;
}

std::string readable_text(const Value& value) {
  switch (value.type()) {
    case Type::kFloat: return readable_float(value.as_float());
    case Type::kList: {
      std::string out = "[";
      for (const Value& v : value.as_list()) {
        if (out.size() > 1) out += ", ";
        out += readable_text(v);
      }
      return out + "]";
    }
    case Type::kMap: return map_text(value.as_map());
    case Type::kNode: return node_text(value.as_node());
    case Type::kRelationship: return relationship_text(value.as_relationship());
    case Type::kPath: return path_text(value.as_path());
    default: return value.to_string();
  }
}

std::string field_text(const Value& value, char array_delimiter) {
  switch (value.type()) {
    case Type::kNull: return "";
    case Type::kString: return value.as_string();
    case Type::kFloat: return readable_float(value.as_float());
    case Type::kDate: return value.as_date().to_string();
    case Type::kDateTime: return value.as_datetime().to_string();
    case Type::kDuration: return value.as_duration().to_string();
    case Type::kLocalTime: return value.as_local_time().to_string();
    case Type::kTime: return value.as_time().to_string();
    case Type::kLocalDateTime: return value.as_local_datetime().to_string();
    case Type::kList: {
      const List& list = value.as_list();
      for (const Value& v : list)
        if (!is_plain(v)) return readable_text(value);
      std::string out;
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (i > 0) out += array_delimiter;
        out += field_text(list[i], array_delimiter);
      }
      return out;
    }
    case Type::kBool:
    case Type::kInt: return value.to_string();
    default: return readable_text(value);
  }
}

}  // namespace guanxi::shell
