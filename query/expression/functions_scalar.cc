// Scalar functions over graph values and type conversions: id, labels, type,
// properties, keys, startNode, endNode, nodes, relationships, length,
// coalesce, exists, toInteger, toFloat, toString, toBoolean (and their
// OrNull forms), timestamp.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "query/expression/arithmetic.h"
#include "query/expression/function_table.h"
#include "query/expression/number_format.h"

namespace guanxi::query::functions {

namespace {

Value fn_id(std::vector<Value>& a, EvaluationContext&) {
  switch (a[0].kind()) {
    case ValueKind::kNull: return Value();
    case ValueKind::kNode: return Value(static_cast<std::int64_t>(a[0].as_node().id));
    case ValueKind::kRelationship:
      return Value(static_cast<std::int64_t>(a[0].as_relationship().id));
    default: argument_type_error("id", 0, "NODE or RELATIONSHIP", a[0]);
  }
}

Value fn_element_id(std::vector<Value>& a, EvaluationContext& ctx) {
  Value id = fn_id(a, ctx);
  if (id.is_null()) return id;
  return Value((a[0].kind() == ValueKind::kNode ? "node:" : "rel:") + std::to_string(id.as_int()));
}

Value fn_labels(std::vector<Value>& a, EvaluationContext& ctx) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() != ValueKind::kNode) argument_type_error("labels", 0, "NODE", a[0]);
  return Value(ctx.node_labels(a[0].as_node()));
}

// What `x:A` tests membership in: a node's labels, or a relationship's type
// (as a one-element list), so that `WHERE r:KNOWS` reads as in Neo4j.
Value fn_label_check_subject(std::vector<Value>& a, EvaluationContext& ctx) {
  switch (a[0].kind()) {
    case ValueKind::kNull: return Value();
    case ValueKind::kNode: return Value(ctx.node_labels(a[0].as_node()));
    case ValueKind::kRelationship:
      return Value(List{Value(ctx.relationship_type(a[0].as_relationship()))});
    default:
      throw QueryError(QueryErrorCode::kType,
                       "A label check (x:Label) needs a NODE or a RELATIONSHIP, got " +
                           std::string(value_kind_name(a[0].kind())));
  }
}

Value fn_type(std::vector<Value>& a, EvaluationContext& ctx) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() != ValueKind::kRelationship) argument_type_error("type", 0, "RELATIONSHIP", a[0]);
  return Value(ctx.relationship_type(a[0].as_relationship()));
}

// valueType(v), as Neo4j 5 names types: "INTEGER NOT NULL", "NULL",
// "LIST<STRING NOT NULL> NOT NULL"; a list of mixed elements lists each
// element type once, in the order of value_kind_name's kinds, joined by " | "
// ("LIST<INTEGER NOT NULL | STRING NOT NULL> NOT NULL"); an empty list is
// "LIST<NOTHING> NOT NULL". The temporal types have their Neo4j names:
// "ZONED DATETIME", "LOCAL DATETIME", "ZONED TIME", "LOCAL TIME".
std::string value_type_text(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kNull: return "NULL";
    case ValueKind::kDateTime: return "ZONED DATETIME NOT NULL";
    case ValueKind::kLocalDateTime: return "LOCAL DATETIME NOT NULL";
    case ValueKind::kTime: return "ZONED TIME NOT NULL";
    case ValueKind::kLocalTime: return "LOCAL TIME NOT NULL";
    case ValueKind::kList: {
      std::vector<std::pair<ValueKind, std::string>> elements;
      for (const Value& e : v.as_list()) {
        std::string text = value_type_text(e);
        const bool seen = std::any_of(elements.begin(), elements.end(),
                                      [&](const auto& x) { return x.second == text; });
        if (!seen) elements.emplace_back(e.kind(), std::move(text));
      }
      std::stable_sort(elements.begin(), elements.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      std::string inner;
      for (const auto& [kind, text] : elements) inner += (inner.empty() ? "" : " | ") + text;
      return "LIST<" + (inner.empty() ? std::string("NOTHING") : inner) + "> NOT NULL";
    }
    default: return std::string(value_kind_name(v.kind())) + " NOT NULL";
  }
}

Value fn_value_type(std::vector<Value>& a, EvaluationContext&) {
  return Value(value_type_text(a[0]));
}

// The properties of a node, relationship or map; null for null.
std::optional<Map> properties_of(std::string_view fn, const Value& v, EvaluationContext& ctx) {
  switch (v.kind()) {
    case ValueKind::kNull: return std::nullopt;
    case ValueKind::kNode: return ctx.node_properties(v.as_node());
    case ValueKind::kRelationship: return ctx.relationship_properties(v.as_relationship());
    case ValueKind::kMap: return v.as_map();
    default: argument_type_error(fn, 0, "NODE, RELATIONSHIP or MAP", v);
  }
}

Value fn_properties(std::vector<Value>& a, EvaluationContext& ctx) {
  auto props = properties_of("properties", a[0], ctx);
  if (!props) return Value();
  return Value::map(std::move(*props));
}

Value fn_keys(std::vector<Value>& a, EvaluationContext& ctx) {
  auto props = properties_of("keys", a[0], ctx);
  if (!props) return Value();
  // Sorted by name whatever order the store keeps them in.
  const Value sorted = Value::map(std::move(*props));
  List keys;
  for (const auto& [k, v] : sorted.as_map()) {
    // A node's or relationship's absent property is not a key; a map's null entry is.
    if (a[0].kind() == ValueKind::kMap || !v.is_null()) keys.emplace_back(k);
  }
  return Value(std::move(keys));
}

Value fn_start_node(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() != ValueKind::kRelationship)
    argument_type_error("startNode", 0, "RELATIONSHIP", a[0]);
  return Value(NodeRef{a[0].as_relationship().src});
}

Value fn_end_node(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() != ValueKind::kRelationship)
    argument_type_error("endNode", 0, "RELATIONSHIP", a[0]);
  return Value(NodeRef{a[0].as_relationship().dst});
}

Value fn_nodes(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() != ValueKind::kPath) argument_type_error("nodes", 0, "PATH", a[0]);
  List out;
  for (const NodeRef& n : a[0].as_path().nodes) out.emplace_back(n);
  return Value(std::move(out));
}

Value fn_relationships(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() != ValueKind::kPath) argument_type_error("relationships", 0, "PATH", a[0]);
  List out;
  for (const RelRef& r : a[0].as_path().rels) out.emplace_back(r);
  return Value(std::move(out));
}

Value fn_length(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  if (a[0].kind() != ValueKind::kPath) argument_type_error("length", 0, "PATH", a[0]);
  return Value(static_cast<std::int64_t>(a[0].as_path().rels.size()));
}

Value fn_coalesce(std::vector<Value>& a, EvaluationContext&) {
  for (Value& v : a)
    if (!v.is_null()) return std::move(v);
  return Value();
}

Value fn_exists(std::vector<Value>& a, EvaluationContext&) { return Value(!a[0].is_null()); }

Value fn_timestamp(std::vector<Value>&, EvaluationContext& ctx) {
  const DateTime now = ctx.statement_time();
  return Value(now.seconds * 1000 + now.nanos / 1'000'000);
}

// --- conversions -------------------------------------------------------------

// A conversion's result, or nullopt when the value has a convertible type but
// no valid conversion ('abc' to INTEGER). Throws kType for other types.
std::optional<Value> to_integer(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kInt: return v;
    case ValueKind::kBool: return Value(std::int64_t{v.as_bool() ? 1 : 0});
    case ValueKind::kFloat: {
      const double d = std::trunc(v.as_float());
      if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
        throw QueryError(QueryErrorCode::kArithmetic, "toInteger(): " + format_float(v.as_float()) +
                                                          " is out of the INTEGER range");
      return Value(static_cast<std::int64_t>(d));
    }
    case ValueKind::kString: {
      const std::string& s = v.as_string();
      std::int64_t i = 0;
      const char* begin = s.data();
      if (!s.empty() && s[0] == '+') ++begin;
      auto res = std::from_chars(begin, s.data() + s.size(), i);
      if (res.ec == std::errc() && res.ptr == s.data() + s.size()) return Value(i);
      std::optional<double> d = parse_float_text(s);
      if (!d ||
          !(std::trunc(*d) >= -9223372036854775808.0 && std::trunc(*d) < 9223372036854775808.0))
        return Value();
      return Value(static_cast<std::int64_t>(std::trunc(*d)));
    }
    default:
      throw QueryError(QueryErrorCode::kType,
                       std::string("toInteger() cannot convert a ") + value_kind_name(v.kind()));
  }
}

std::optional<Value> to_float(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kInt: return Value(static_cast<double>(v.as_int()));
    case ValueKind::kFloat: return v;
    case ValueKind::kString: {
      std::optional<double> d = parse_float_text(v.as_string());
      if (!d) return Value();
      return Value(*d);
    }
    default:
      throw QueryError(QueryErrorCode::kType,
                       std::string("toFloat() cannot convert a ") + value_kind_name(v.kind()));
  }
}

std::optional<Value> to_string_value(const Value& v) {
  try {
    return Value(concatenation_text(v));
  } catch (const QueryError&) {
    throw QueryError(QueryErrorCode::kType,
                     std::string("toString() cannot convert a ") + value_kind_name(v.kind()));
  }
}

std::optional<Value> to_boolean(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kBool: return v;
    case ValueKind::kInt: return Value(v.as_int() != 0);
    case ValueKind::kString: {
      std::string s;
      for (char c : v.as_string())
        s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      const size_t b = s.find_first_not_of(" \t\n\r");
      const size_t e = s.find_last_not_of(" \t\n\r");
      s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
      if (s == "true") return Value(true);
      if (s == "false") return Value(false);
      return Value();
    }
    default:
      throw QueryError(QueryErrorCode::kType,
                       std::string("toBoolean() cannot convert a ") + value_kind_name(v.kind()));
  }
}

template <std::optional<Value> (*Convert)(const Value&)>
Value convert(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  return *Convert(a[0]);
}

// The OrNull forms: null instead of any error.
template <std::optional<Value> (*Convert)(const Value&)>
Value convert_or_null(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  try {
    return *Convert(a[0]);
  } catch (const QueryError&) {
    return Value();
  }
}

}  // namespace

void register_scalar_functions(FunctionTable* t) {
  define(t, "id", 1, 1, fn_id);
  define(t, "elementId", 1, 1, fn_element_id);
  define(t, "labels", 1, 1, fn_labels);
  define(t, "type", 1, 1, fn_type);
  define(t, "valueType", 1, 1, fn_value_type);
  // A name with a space: only the parser's lowering of `x:A` calls it.
  define(t, ast::kLabelCheckFunction, 1, 1, fn_label_check_subject);
  define(t, "properties", 1, 1, fn_properties);
  define(t, "keys", 1, 1, fn_keys);
  define(t, "startNode", 1, 1, fn_start_node);
  define(t, "endNode", 1, 1, fn_end_node);
  define(t, "nodes", 1, 1, fn_nodes);
  define(t, "relationships", 1, 1, fn_relationships);
  define(t, "length", 1, 1, fn_length);
  define(t, "coalesce", 1, -1, fn_coalesce);
  define(t, "exists", 1, 1, fn_exists);
  define(t, "timestamp", 0, 0, fn_timestamp);
  define(t, "toInteger", 1, 1, convert<to_integer>);
  define(t, "toFloat", 1, 1, convert<to_float>);
  define(t, "toString", 1, 1, convert<to_string_value>);
  define(t, "toBoolean", 1, 1, convert<to_boolean>);
  define(t, "toIntegerOrNull", 1, 1, convert_or_null<to_integer>);
  define(t, "toFloatOrNull", 1, 1, convert_or_null<to_float>);
  define(t, "toStringOrNull", 1, 1, convert_or_null<to_string_value>);
  define(t, "toBooleanOrNull", 1, 1, convert_or_null<to_boolean>);
}

}  // namespace guanxi::query::functions
