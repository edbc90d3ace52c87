#include "guanxi/value.h"

#include <algorithm>
#include <ostream>
#include <string>

#include "api/value_conversion.h"
#include "guanxi/error.h"
#include "query/expression/comparison.h"
#include "storage/map_entries.h"
#include "storage/temporal.h"

namespace guanxi {

namespace {

const Value& null_value() {
  static const Value kNull;
  return kNull;
}

const Value& find_in(const Map& map, std::string_view key) {
  auto it = std::lower_bound(map.begin(), map.end(), key,
                             [](const auto& entry, std::string_view k) { return entry.first < k; });
  if (it != map.end() && it->first == key) return it->second;
  return null_value();
}

[[noreturn]] void wrong_type(Type expected, Type actual) {
  throw Error(ErrorCode::kType,
              std::string("expected ") + type_name(expected) + ", got " + type_name(actual));
}

bool contains_graph_values(const Value& v) {
  switch (v.type()) {
    case Type::kNode:
    case Type::kRelationship:
    case Type::kPath: return true;
    case Type::kList:
      return std::any_of(v.as_list().begin(), v.as_list().end(), contains_graph_values);
    case Type::kMap:
      return std::any_of(v.as_map().begin(), v.as_map().end(),
                         [](const auto& e) { return contains_graph_values(e.second); });
    default: return false;
  }
}

// A map's entries as Cypher writes them, through the query layer's printing
// so that keys and values look exactly as in every other output.
std::string properties_text(const Map& properties) { return Value::map(properties).to_string(); }

std::string node_text(const Node& n) {
  std::string out = "(";
  for (const std::string& label : n.labels) out += ":" + label;
  if (!n.properties.empty()) {
    if (!n.labels.empty()) out += ' ';
    out += properties_text(n.properties);
  }
  return out + ")";
}

std::string relationship_text(const Relationship& r) {
  std::string out = "[:" + r.type;
  if (!r.properties.empty()) out += " " + properties_text(r.properties);
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

}  // namespace

const char* type_name(Type type) {
  switch (type) {
    case Type::kNull: return "NULL";
    case Type::kBool: return "BOOLEAN";
    case Type::kInt: return "INTEGER";
    case Type::kFloat: return "FLOAT";
    case Type::kString: return "STRING";
    case Type::kList: return "LIST";
    case Type::kMap: return "MAP";
    case Type::kDate: return "DATE";
    case Type::kDateTime: return "DATETIME";
    case Type::kDuration: return "DURATION";
    case Type::kLocalTime: return "LOCALTIME";
    case Type::kTime: return "TIME";
    case Type::kLocalDateTime: return "LOCALDATETIME";
    case Type::kNode: return "NODE";
    case Type::kRelationship: return "RELATIONSHIP";
    case Type::kPath: return "PATH";
  }
  return "UNKNOWN";
}

Date Date::from_civil(std::int64_t year, unsigned month, unsigned day) {
  return Date{storage::days_from_civil(year, month, day)};
}
std::string Date::to_string() const { return storage::format_date(storage::Date{days}); }
std::string LocalTime::to_string() const {
  return storage::format_local_time(storage::LocalTime{nanos});
}
std::string Time::to_string() const {
  return storage::format_time(storage::Time{nanos, offset_seconds});
}
std::string LocalDateTime::to_string() const {
  return storage::format_local_datetime(storage::LocalDateTime{seconds, nanos});
}
DateTime DateTime::from_unix(std::int64_t seconds, std::int32_t nanos) {
  return DateTime{seconds, nanos, 0, {}};
}
std::string DateTime::to_string() const {
  // The zone by name, as it is given: this needs no lookup in the zone
  // database, so it prints even a zone the database does not know.
  std::string out = storage::format_datetime(storage::DateTime{seconds, nanos, offset_seconds, 0});
  if (!zone.empty()) out += "[" + zone + "]";
  return out;
}
std::string Duration::to_string() const {
  return storage::format_duration(storage::Duration{months, days, seconds, nanos});
}

bool Node::has_label(std::string_view label) const {
  return std::find(labels.begin(), labels.end(), label) != labels.end();
}
const Value& Node::operator[](std::string_view key) const { return find_in(properties, key); }
const Value& Relationship::operator[](std::string_view key) const {
  return find_in(properties, key);
}

Value Value::map(Map entries) {
  Value v;
  v.v_ = storage::normalized_map_entries(std::move(entries));
  return v;
}

bool Value::as_bool() const {
  if (type() != Type::kBool) wrong_type(Type::kBool, type());
  return std::get<bool>(v_);
}
std::int64_t Value::as_int() const {
  if (type() != Type::kInt) wrong_type(Type::kInt, type());
  return std::get<std::int64_t>(v_);
}
double Value::as_float() const {
  if (type() != Type::kFloat) wrong_type(Type::kFloat, type());
  return std::get<double>(v_);
}
double Value::as_number() const {
  if (type() == Type::kInt) return static_cast<double>(std::get<std::int64_t>(v_));
  if (type() != Type::kFloat) wrong_type(Type::kFloat, type());
  return std::get<double>(v_);
}
const std::string& Value::as_string() const {
  if (type() != Type::kString) wrong_type(Type::kString, type());
  return std::get<std::string>(v_);
}
const List& Value::as_list() const {
  if (type() != Type::kList) wrong_type(Type::kList, type());
  return std::get<List>(v_);
}
const Map& Value::as_map() const {
  if (type() != Type::kMap) wrong_type(Type::kMap, type());
  return std::get<Map>(v_);
}
Date Value::as_date() const {
  if (type() != Type::kDate) wrong_type(Type::kDate, type());
  return std::get<Date>(v_);
}
const DateTime& Value::as_datetime() const {
  if (type() != Type::kDateTime) wrong_type(Type::kDateTime, type());
  return std::get<DateTime>(v_);
}
Duration Value::as_duration() const {
  if (type() != Type::kDuration) wrong_type(Type::kDuration, type());
  return std::get<Duration>(v_);
}
LocalTime Value::as_local_time() const {
  if (type() != Type::kLocalTime) wrong_type(Type::kLocalTime, type());
  return std::get<LocalTime>(v_);
}
Time Value::as_time() const {
  if (type() != Type::kTime) wrong_type(Type::kTime, type());
  return std::get<Time>(v_);
}
LocalDateTime Value::as_local_datetime() const {
  if (type() != Type::kLocalDateTime) wrong_type(Type::kLocalDateTime, type());
  return std::get<LocalDateTime>(v_);
}
const Node& Value::as_node() const {
  if (type() != Type::kNode) wrong_type(Type::kNode, type());
  return std::get<Node>(v_);
}
const Relationship& Value::as_relationship() const {
  if (type() != Type::kRelationship) wrong_type(Type::kRelationship, type());
  return std::get<Relationship>(v_);
}
const Path& Value::as_path() const {
  if (type() != Type::kPath) wrong_type(Type::kPath, type());
  return std::get<Path>(v_);
}

const Value& Value::operator[](std::string_view key) const {
  switch (type()) {
    case Type::kMap: return find_in(std::get<Map>(v_), key);
    case Type::kNode: return std::get<Node>(v_)[key];
    case Type::kRelationship: return std::get<Relationship>(v_)[key];
    default:
      throw Error(ErrorCode::kType, std::string("cannot look up key '") + std::string(key) +
                                        "' in a " + type_name(type()));
  }
}

const Value& Value::operator[](std::size_t index) const {
  const List& list = as_list();
  if (index >= list.size()) {
    throw Error(ErrorCode::kInvalidArgument, "list index " + std::to_string(index) +
                                                 " out of range (size " +
                                                 std::to_string(list.size()) + ")");
  }
  return list[index];
}

std::string Value::to_string() const {
  if (!contains_graph_values(*this)) return api::to_query(*this).to_string();
  switch (type()) {
    case Type::kNode: return node_text(std::get<Node>(v_));
    case Type::kRelationship: return relationship_text(std::get<Relationship>(v_));
    case Type::kPath: return path_text(std::get<Path>(v_));
    case Type::kList: {
      std::string out = "[";
      for (const Value& v : std::get<List>(v_)) {
        if (out.size() > 1) out += ", ";
        out += v.to_string();
      }
      return out + "]";
    }
    case Type::kMap: {
      // Keys print as the query layer prints them: through a map with the
      // same key and a null value, minus the value.
      std::string out = "{";
      for (const auto& [key, v] : std::get<Map>(v_)) {
        if (out.size() > 1) out += ", ";
        std::string key_text = Value::map({{key, Value()}}).to_string();  // "{key: null}"
        out += key_text.substr(1, key_text.size() - 2 - std::string(": null").size());
        out += ": " + v.to_string();
      }
      return out + "}";
    }
    default: return api::to_query(*this).to_string();
  }
}

// One order for both layers: the query layer's ORDER BY order, on the
// values as the query layer sees them (nodes and relationships by id).
int Value::compare(const Value& a, const Value& b) {
  return query::order_compare(api::to_query(a), api::to_query(b));
}

std::ostream& operator<<(std::ostream& out, const Value& value) { return out << value.to_string(); }

}  // namespace guanxi
