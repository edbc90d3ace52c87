#include "query/value.h"

#include <algorithm>
#include <cctype>

#include "query/expression/number_format.h"
#include "query/query_error.h"
#include "query/string_literal.h"
#include "storage/map_entries.h"
#include "storage/temporal.h"

namespace guanxi::query {

const char* value_kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::kNull: return "NULL";
    case ValueKind::kBool: return "BOOLEAN";
    case ValueKind::kInt: return "INTEGER";
    case ValueKind::kFloat: return "FLOAT";
    case ValueKind::kString: return "STRING";
    case ValueKind::kList: return "LIST";
    case ValueKind::kMap: return "MAP";
    case ValueKind::kDate: return "DATE";
    case ValueKind::kDateTime: return "DATETIME";
    case ValueKind::kDuration: return "DURATION";
    case ValueKind::kLocalTime: return "LOCALTIME";
    case ValueKind::kTime: return "TIME";
    case ValueKind::kLocalDateTime: return "LOCALDATETIME";
    case ValueKind::kNode: return "NODE";
    case ValueKind::kRelationship: return "RELATIONSHIP";
    case ValueKind::kPath: return "PATH";
  }
  return "UNKNOWN";
}

Value Value::map(Map entries) {
  Value v;
  v.v_ = storage::normalized_map_entries(std::move(entries));
  return v;
}

namespace {

[[noreturn]] void type_mismatch(const char* expected, ValueKind actual) {
  throw QueryError(QueryErrorCode::kType, std::string("Type mismatch: expected ") + expected +
                                              " but was " + value_kind_name(actual));
}

template <typename T, typename Variant>
const T& checked(const Variant& variant, ValueKind want, ValueKind have) {
  if (const T* p = std::get_if<T>(&variant)) return *p;
  type_mismatch(value_kind_name(want), have);
}

bool is_identifier(const std::string& key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
  });
}

}  // namespace

bool Value::as_bool() const { return checked<bool>(v_, ValueKind::kBool, kind()); }
std::int64_t Value::as_int() const { return checked<std::int64_t>(v_, ValueKind::kInt, kind()); }
double Value::as_float() const { return checked<double>(v_, ValueKind::kFloat, kind()); }
double Value::as_number() const {
  if (const auto* i = std::get_if<std::int64_t>(&v_)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v_)) return *d;
  type_mismatch("a number (INTEGER or FLOAT)", kind());
}
const std::string& Value::as_string() const {
  return checked<std::string>(v_, ValueKind::kString, kind());
}
std::string& Value::as_string() {
  if (auto* p = std::get_if<std::string>(&v_)) return *p;
  type_mismatch("STRING", kind());
}
const List& Value::as_list() const { return checked<List>(v_, ValueKind::kList, kind()); }
List& Value::as_list() {
  if (auto* p = std::get_if<List>(&v_)) return *p;
  type_mismatch("LIST", kind());
}
const Map& Value::as_map() const { return checked<Map>(v_, ValueKind::kMap, kind()); }
Date Value::as_date() const { return checked<Date>(v_, ValueKind::kDate, kind()); }
DateTime Value::as_datetime() const { return checked<DateTime>(v_, ValueKind::kDateTime, kind()); }
Duration Value::as_duration() const { return checked<Duration>(v_, ValueKind::kDuration, kind()); }
LocalTime Value::as_local_time() const {
  return checked<LocalTime>(v_, ValueKind::kLocalTime, kind());
}
Time Value::as_time() const { return checked<Time>(v_, ValueKind::kTime, kind()); }
LocalDateTime Value::as_local_datetime() const {
  return checked<LocalDateTime>(v_, ValueKind::kLocalDateTime, kind());
}
NodeRef Value::as_node() const { return checked<NodeRef>(v_, ValueKind::kNode, kind()); }
RelRef Value::as_relationship() const {
  return checked<RelRef>(v_, ValueKind::kRelationship, kind());
}
const PathValue& Value::as_path() const { return checked<PathValue>(v_, ValueKind::kPath, kind()); }

const Value* Value::find(std::string_view key) const {
  const auto* m = std::get_if<Map>(&v_);
  if (m == nullptr) return nullptr;
  auto it = std::lower_bound(m->begin(), m->end(), key,
                             [](const auto& e, std::string_view k) { return e.first < k; });
  if (it == m->end() || it->first != key) return nullptr;
  return &it->second;
}

std::string Value::to_string() const {
  switch (kind()) {
    case ValueKind::kNull: return "null";
    case ValueKind::kBool: return as_bool() ? "true" : "false";
    case ValueKind::kInt: return std::to_string(as_int());
    case ValueKind::kFloat: return format_float(as_float());
    case ValueKind::kString: return string_literal(as_string());
    case ValueKind::kList: {
      std::string out = "[";
      bool first = true;
      for (const auto& v : as_list()) {
        if (!first) out += ", ";
        first = false;
        out += v.to_string();
      }
      return out + "]";
    }
    case ValueKind::kMap: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, v] : as_map()) {
        if (!first) out += ", ";
        first = false;
        out += is_identifier(k) ? k : "`" + k + "`";
        out += ": " + v.to_string();
      }
      return out + "}";
    }
    case ValueKind::kDate: return "date('" + storage::format_date(as_date()) + "')";
    case ValueKind::kDateTime: return "datetime('" + storage::format_datetime(as_datetime()) + "')";
    case ValueKind::kDuration: return "duration('" + storage::format_duration(as_duration()) + "')";
    case ValueKind::kLocalTime:
      return "localtime('" + storage::format_local_time(as_local_time()) + "')";
    case ValueKind::kTime: return "time('" + storage::format_time(as_time()) + "')";
    case ValueKind::kLocalDateTime:
      return "localdatetime('" + storage::format_local_datetime(as_local_datetime()) + "')";
    case ValueKind::kNode: return "(node " + std::to_string(as_node().id) + ")";
    case ValueKind::kRelationship: return "[rel " + std::to_string(as_relationship().id) + "]";
    case ValueKind::kPath: {
      const PathValue& p = as_path();
      if (p.nodes.empty()) return "<empty path>";
      std::string out = "(node " + std::to_string(p.nodes[0].id) + ")";
      for (size_t i = 0; i < p.rels.size() && i + 1 < p.nodes.size(); ++i) {
        const RelRef& r = p.rels[i];
        const bool forward = r.src == p.nodes[i].id;
        out += forward ? "-" : "<-";
        out += "[rel " + std::to_string(r.id) + "]";
        out += forward ? "->" : "-";
        out += "(node " + std::to_string(p.nodes[i + 1].id) + ")";
      }
      return out;
    }
  }
  return "?";
}

void check_value_nesting(const Value& value, int enclosing_levels) {
  auto is_container = [](const Value& v) {
    return v.kind() == ValueKind::kList || v.kind() == ValueKind::kMap;
  };
  if (!is_container(value)) return;
  // The lists and maps still to look into, with their nesting level; empty
  // (no allocation) for the common list or map of scalars.
  std::vector<std::pair<const Value*, int>> pending;
  const Value* v = &value;
  int level = enclosing_levels + 1;
  for (;;) {
    if (level > kMaxValueNesting)
      throw QueryError(QueryErrorCode::kLimit,
                       "Value nested too deeply: lists and maps nest at most " +
                           std::to_string(kMaxValueNesting) + " levels");
    if (v->kind() == ValueKind::kList) {
      for (const Value& child : v->as_list())
        if (is_container(child)) pending.emplace_back(&child, level + 1);
    } else {
      for (const auto& entry : v->as_map())
        if (is_container(entry.second)) pending.emplace_back(&entry.second, level + 1);
    }
    if (pending.empty()) return;
    v = pending.back().first;
    level = pending.back().second;
    pending.pop_back();
  }
}

Value from_storage(const storage::Value& value) {
  using storage::ValueType;
  switch (value.type()) {
    case ValueType::kNull: return Value();
    case ValueType::kBool: return Value(value.as_bool());
    case ValueType::kInt: return Value(value.as_int());
    case ValueType::kFloat: return Value(value.as_float());
    case ValueType::kString: return Value(value.as_string());
    case ValueType::kList: {
      List out;
      out.reserve(value.as_list().size());
      for (const auto& v : value.as_list()) out.push_back(from_storage(v));
      return Value(std::move(out));
    }
    case ValueType::kMap: {
      Map out;
      out.reserve(value.as_map().size());
      for (const auto& [k, v] : value.as_map()) out.emplace_back(k, from_storage(v));
      return Value::map(std::move(out));
    }
    case ValueType::kDate: return Value(value.as_date());
    case ValueType::kDateTime: return Value(value.as_datetime());
    case ValueType::kDuration: return Value(value.as_duration());
    case ValueType::kLocalTime: return Value(value.as_local_time());
    case ValueType::kTime: return Value(value.as_time());
    case ValueType::kLocalDateTime: return Value(value.as_local_datetime());
    // Only the property reader may open a sealed value; anything else that
    // meets one reads null, never its bytes.
    case ValueType::kSealed: return Value();
  }
  return Value();
}

storage::Value to_storage(const Value& value) {
  switch (value.kind()) {
    case ValueKind::kNull: return storage::Value();
    case ValueKind::kBool: return storage::Value(value.as_bool());
    case ValueKind::kInt: return storage::Value(value.as_int());
    case ValueKind::kFloat: return storage::Value(value.as_float());
    case ValueKind::kString: return storage::Value(value.as_string());
    case ValueKind::kList: {
      storage::List out;
      out.reserve(value.as_list().size());
      for (const auto& v : value.as_list()) out.push_back(to_storage(v));
      return storage::Value(std::move(out));
    }
    case ValueKind::kMap: {
      storage::Map out;
      out.reserve(value.as_map().size());
      for (const auto& [k, v] : value.as_map()) out.emplace_back(k, to_storage(v));
      return storage::Value::map(std::move(out));
    }
    case ValueKind::kDate: return storage::Value(value.as_date());
    case ValueKind::kDateTime: return storage::Value(value.as_datetime());
    case ValueKind::kDuration: return storage::Value(value.as_duration());
    case ValueKind::kLocalTime: return storage::Value(value.as_local_time());
    case ValueKind::kTime: return storage::Value(value.as_time());
    case ValueKind::kLocalDateTime: return storage::Value(value.as_local_datetime());
    case ValueKind::kNode:
    case ValueKind::kRelationship:
    case ValueKind::kPath:
      throw QueryError(
          QueryErrorCode::kType,
          std::string("Cannot store a ") + value_kind_name(value.kind()) + " as a property value");
  }
  return storage::Value();
}

}  // namespace guanxi::query
