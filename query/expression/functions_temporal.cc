// Temporal functions: date(), localtime(), time(), localdatetime(),
// datetime() and their .transaction(), .statement(), .realtime() and
// .truncate() forms; duration() and duration.between / inMonths / inDays /
// inSeconds; datetime.fromepoch and datetime.fromepochmillis.
#include <strings.h>

#include <chrono>

#include "query/expression/function_table.h"
#include "query/expression/temporal_ops.h"
#include "storage/temporal.h"

namespace guanxi::query::functions {

namespace {

constexpr char kDate[] = "date";
constexpr char kLocalTime[] = "localtime";
constexpr char kTime[] = "time";
constexpr char kLocalDateTime[] = "localdatetime";
constexpr char kDateTime[] = "datetime";

// The string forms of each type, as the storage layer parses them.
Value parse(const char* function, ValueKind kind, const std::string& text) {
  std::optional<Value> v;
  switch (kind) {
    case ValueKind::kDate:
      if (auto d = storage::parse_date(text)) v = Value(*d);
      break;
    case ValueKind::kLocalTime:
      if (auto t = storage::parse_local_time(text)) v = Value(*t);
      break;
    case ValueKind::kTime:
      if (auto t = storage::parse_time(text)) v = Value(*t);
      break;
    case ValueKind::kLocalDateTime:
      if (auto t = storage::parse_local_datetime(text)) v = Value(*t);
      break;
    case ValueKind::kDateTime:
      if (auto t = storage::parse_datetime(text)) v = Value(*t);
      break;
    default: break;
  }
  if (!v)
    invalid_argument(function,
                     "'" + text + "' is not a " + value_kind_name(kind) + " in ISO 8601 form");
  return *v;
}

DateTime realtime_now() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count();
  return temporal::from_epoch(0, nanos);
}

// date(), date('2015-07-21'), date({year: 2015}), date(datetime) ...
template <ValueKind K, const char* Name>
Value construct(std::vector<Value>& a, EvaluationContext& ctx) {
  if (a.empty()) return temporal::current(K, ctx.statement_time(), std::nullopt);
  const Value& v = a[0];
  switch (v.kind()) {
    case ValueKind::kNull: return Value();
    case ValueKind::kString: return parse(Name, K, v.as_string());
    case ValueKind::kMap: {
      // Only a zone reads the clock, so that a map of literals is a
      // constant the binder can check.
      bool zoned = false;
      for (const auto& [key, value] : v.as_map()) {
        if (key.size() == 8 && strncasecmp(key.c_str(), "timezone", 8) == 0) zoned = true;
      }
      return temporal::from_map(K, v.as_map(), zoned ? ctx.statement_time() : DateTime{});
    }
    default:
      if (temporal::is_instant(v.kind())) return temporal::convert(K, v);
      argument_type_error(Name, 0, "STRING, MAP or a temporal value", v);
  }
}

// date.transaction(), date.statement(tz): the statement's clock; a statement
// runs in one transaction here, so both read the same.
template <ValueKind K, const char* Name>
Value clock(std::vector<Value>& a, EvaluationContext& ctx) {
  if (a.empty()) return temporal::current(K, ctx.statement_time(), std::nullopt);
  if (a[0].is_null()) return Value();
  return temporal::current(K, ctx.statement_time(), string_arg(Name, a, 0));
}

template <ValueKind K, const char* Name>
Value realtime(std::vector<Value>& a, EvaluationContext&) {
  if (a.empty()) return temporal::current(K, realtime_now(), std::nullopt);
  if (a[0].is_null()) return Value();
  return temporal::current(K, realtime_now(), string_arg(Name, a, 0));
}

template <ValueKind K, const char* Name>
Value truncate(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null() || a[1].is_null()) return Value();
  const std::string& unit = string_arg(Name, a, 0);
  if (!temporal::is_instant(a[1].kind())) argument_type_error(Name, 1, "a temporal value", a[1]);
  static const Map kNoFields;
  const Map* fields = &kNoFields;
  if (a.size() > 2 && !a[2].is_null()) {
    if (a[2].kind() != ValueKind::kMap) argument_type_error(Name, 2, "MAP", a[2]);
    fields = &a[2].as_map();
  }
  return temporal::truncate(K, unit, a[1], *fields);
}

Value fn_duration(std::vector<Value>& a, EvaluationContext&) {
  const Value& v = a[0];
  switch (v.kind()) {
    case ValueKind::kNull: return Value();
    case ValueKind::kDuration: return v;
    case ValueKind::kMap: return Value(temporal::duration_from_map(v.as_map()));
    case ValueKind::kString: {
      auto d = storage::parse_duration(v.as_string());
      if (!d)
        invalid_argument("duration", "'" + v.as_string() + "' is not a duration such as 'P1DT2H'");
      return Value(*d);
    }
    default: argument_type_error("duration", 0, "STRING, MAP or DURATION", v);
  }
}

template <const char* Name, temporal::BetweenUnit Unit>
Value between(std::vector<Value>& a, EvaluationContext&) {
  if (any_null(a)) return Value();
  for (size_t i = 0; i < 2; ++i)
    if (!temporal::is_instant(a[i].kind())) argument_type_error(Name, i, "a temporal value", a[i]);
  return Value(temporal::between(a[0], a[1], Unit));
}

Value fn_from_epoch(std::vector<Value>& a, EvaluationContext&) {
  if (any_null(a)) return Value();
  return Value(temporal::from_epoch(int_arg("datetime.fromepoch", a, 0),
                                    int_arg("datetime.fromepoch", a, 1)));
}

Value fn_from_epoch_millis(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  const std::int64_t millis = int_arg("datetime.fromepochmillis", a, 0);
  const std::int64_t rest = millis % 1000;
  const std::int64_t seconds = millis / 1000 - (rest < 0 ? 1 : 0);
  return Value(temporal::from_epoch(seconds, (rest < 0 ? rest + 1000 : rest) * 1'000'000));
}

constexpr char kBetween[] = "duration.between";
constexpr char kInMonths[] = "duration.inMonths";
constexpr char kInDays[] = "duration.inDays";
constexpr char kInSeconds[] = "duration.inSeconds";

template <ValueKind K, const char* Name>
void define_type(FunctionTable* t) {
  const std::string name = Name;
  define(t, name, 0, 1, construct<K, Name>);
  define(t, name + ".transaction", 0, 1, clock<K, Name>);
  define(t, name + ".statement", 0, 1, clock<K, Name>);
  define(t, name + ".realtime", 0, 1, realtime<K, Name>);
  define(t, name + ".truncate", 2, 3, truncate<K, Name>);
}

}  // namespace

void register_temporal_functions(FunctionTable* t) {
  define_type<ValueKind::kDate, kDate>(t);
  define_type<ValueKind::kLocalTime, kLocalTime>(t);
  define_type<ValueKind::kTime, kTime>(t);
  define_type<ValueKind::kLocalDateTime, kLocalDateTime>(t);
  define_type<ValueKind::kDateTime, kDateTime>(t);
  define(t, "duration", 1, 1, fn_duration);
  define(t, "duration.between", 2, 2, between<kBetween, temporal::BetweenUnit::kAll>);
  define(t, "duration.inMonths", 2, 2, between<kInMonths, temporal::BetweenUnit::kMonths>);
  define(t, "duration.inDays", 2, 2, between<kInDays, temporal::BetweenUnit::kDays>);
  define(t, "duration.inSeconds", 2, 2, between<kInSeconds, temporal::BetweenUnit::kSeconds>);
  define(t, "datetime.fromepoch", 2, 2, fn_from_epoch);
  define(t, "datetime.fromepochmillis", 1, 1, fn_from_epoch_millis);
}

}  // namespace guanxi::query::functions
