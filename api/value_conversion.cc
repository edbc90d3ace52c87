#include "api/value_conversion.h"

#include <string>
#include <utility>

#include "guanxi/error.h"
#include "storage/time_zone.h"

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

// Temporal values cross the API as plain fields; those a caller builds are
// checked here, so the query layer only ever sees values it could make.
[[noreturn]] void invalid_temporal(const std::string& what) {
  throw Error(ErrorCode::kInvalidArgument, what);
}

void check_nanos(std::int64_t nanos, const char* type) {
  if (nanos < 0 || nanos >= storage::kNanosPerSecond)
    invalid_temporal(std::string(type) + " nanoseconds must be in [0, 999999999], got " +
                     std::to_string(nanos));
}

void check_offset(std::int32_t offset, const char* type) {
  if (offset < -18 * 3600 || offset > 18 * 3600)
    invalid_temporal(std::string(type) + " offset must be within +-18:00, got " +
                     std::to_string(offset) + " seconds");
}

void check_time_of_day(std::int64_t nanos, const char* type) {
  if (nanos < 0 || nanos >= storage::kNanosPerDay)
    invalid_temporal(std::string(type) + " time of day must be in [0, 86400e9) nanoseconds, got " +
                     std::to_string(nanos));
}

query::Value datetime_to_query(const DateTime& t) {
  check_nanos(t.nanos, "a DATETIME's");
  storage::DateTime out{t.seconds, t.nanos, t.offset_seconds, 0};
  if (t.zone.empty()) {
    check_offset(t.offset_seconds, "a DATETIME's");
    return query::Value(out);
  }
  const std::optional<std::uint32_t> zone = storage::find_time_zone(t.zone);
  if (!zone) invalid_temporal("unknown time zone '" + t.zone + "'");
  out.zone = *zone;
  out.offset_seconds = storage::offset_at_instant(*zone, t.seconds);
  return query::Value(out);
}

// A temporal query value (its kind one of the six temporal kinds).
Value temporal_to_public(const query::Value& value) {
  using K = query::ValueKind;
  switch (value.kind()) {
    case K::kDate: return Value(Date{value.as_date().days});
    case K::kDateTime: {
      const storage::DateTime t = value.as_datetime();
      return Value(
          DateTime{t.seconds, t.nanos, t.offset_seconds,
                   t.zone == 0 ? std::string() : std::string(storage::time_zone_name(t.zone))});
    }
    case K::kDuration: {
      const query::Duration d = value.as_duration();
      return Value(Duration{d.months, d.days, d.seconds, d.nanos});
    }
    case K::kLocalTime: return Value(LocalTime{value.as_local_time().nanos});
    case K::kTime: return Value(Time{value.as_time().nanos, value.as_time().offset_seconds});
    case K::kLocalDateTime:
      return Value(
          LocalDateTime{value.as_local_datetime().seconds, value.as_local_datetime().nanos});
    default: return Value();
  }
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
    case Type::kDateTime: return datetime_to_query(value.as_datetime());
    case Type::kDuration: {
      const Duration d = value.as_duration();
      check_nanos(d.nanos, "a DURATION's");
      return query::Value(query::Duration{d.months, d.days, d.seconds, d.nanos});
    }
    case Type::kLocalTime:
      check_time_of_day(value.as_local_time().nanos, "a LOCALTIME's");
      return query::Value(query::LocalTime{value.as_local_time().nanos});
    case Type::kTime: {
      const Time t = value.as_time();
      check_time_of_day(t.nanos, "a TIME's");
      check_offset(t.offset_seconds, "a TIME's");
      return query::Value(query::Time{t.nanos, t.offset_seconds});
    }
    case Type::kLocalDateTime: {
      const LocalDateTime t = value.as_local_datetime();
      check_nanos(t.nanos, "a LOCALDATETIME's");
      return query::Value(query::LocalDateTime{t.seconds, t.nanos});
    }
    case Type::kNode: return query::Value(query::NodeRef{value.as_node().id});
    case Type::kRelationship: {
      const Relationship& r = value.as_relationship();
      return query::Value(query::RelRef{r.id, r.start, r.end, storage::kUnknownType});
    }
    case Type::kPath: {
      query::PathValue path;
      for (const Node& n : value.as_path().nodes) path.nodes.push_back(query::NodeRef{n.id});
      for (const Relationship& r : value.as_path().relationships)
        path.rels.push_back(query::RelRef{r.id, r.start, r.end, storage::kUnknownType});
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
    case K::kDate:
    case K::kDateTime:
    case K::kDuration:
    case K::kLocalTime:
    case K::kTime:
    case K::kLocalDateTime: return temporal_to_public(value);
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
    case K::kDate:
    case K::kDateTime:
    case K::kDuration:
    case K::kLocalTime:
    case K::kTime:
    case K::kLocalDateTime: return temporal_to_public(value);
    case K::kNode:
    case K::kRelationship:
    case K::kPath: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace guanxi::api
