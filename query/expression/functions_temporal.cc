// Temporal functions: date(), datetime(), duration(), date.truncate,
// datetime.truncate, duration.between / inMonths / inDays / inSeconds,
// datetime.fromepoch, datetime.fromepochmillis.
#include "query/expression/function_table.h"
#include "query/expression/temporal_ops.h"
#include "storage/temporal.h"

namespace guanxi::query::functions {

namespace {

using temporal::kMicrosPerDay;

std::int64_t day_of(std::int64_t micros) {
  std::int64_t d = micros / kMicrosPerDay;
  if (micros % kMicrosPerDay < 0) --d;
  return d;
}

Value fn_date(std::vector<Value>& a, EvaluationContext& ctx) {
  if (a.empty()) return Value(Date{day_of(ctx.statement_time().micros)});
  const Value& v = a[0];
  switch (v.kind()) {
    case ValueKind::kNull: return Value();
    case ValueKind::kDate: return v;
    case ValueKind::kDateTime: return Value(Date{day_of(v.as_datetime().micros)});
    case ValueKind::kMap: return Value(temporal::date_from_map(v.as_map()));
    case ValueKind::kString: {
      auto d = storage::parse_date(v.as_string());
      if (!d)
        invalid_argument("date", "'" + v.as_string() + "' is not a date such as '2024-01-31'");
      return Value(*d);
    }
    default: argument_type_error("date", 0, "STRING, MAP, DATE or DATETIME", v);
  }
}

Value fn_datetime(std::vector<Value>& a, EvaluationContext& ctx) {
  if (a.empty()) return Value(ctx.statement_time());
  const Value& v = a[0];
  switch (v.kind()) {
    case ValueKind::kNull: return Value();
    case ValueKind::kDateTime: return v;
    case ValueKind::kDate: return Value(DateTime{v.as_date().days * kMicrosPerDay});
    case ValueKind::kMap: return Value(temporal::datetime_from_map(v.as_map()));
    case ValueKind::kString: {
      auto t = storage::parse_datetime(v.as_string());
      if (!t)
        invalid_argument(
            "datetime", "'" + v.as_string() + "' is not a datetime such as '2024-01-31T12:00:00Z'");
      return Value(*t);
    }
    default: argument_type_error("datetime", 0, "STRING, MAP, DATE or DATETIME", v);
  }
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

Value fn_date_truncate(std::vector<Value>& a, EvaluationContext&) {
  if (any_null(a)) return Value();
  const std::string& unit = string_arg("date.truncate", a, 0);
  if (a[1].kind() == ValueKind::kDate) return Value(temporal::truncate(unit, a[1].as_date()));
  if (a[1].kind() == ValueKind::kDateTime)
    return Value(temporal::truncate(unit, Date{day_of(a[1].as_datetime().micros)}));
  argument_type_error("date.truncate", 1, "DATE or DATETIME", a[1]);
}

Value fn_datetime_truncate(std::vector<Value>& a, EvaluationContext&) {
  if (any_null(a)) return Value();
  const std::string& unit = string_arg("datetime.truncate", a, 0);
  if (a[1].kind() == ValueKind::kDateTime)
    return Value(temporal::truncate(unit, a[1].as_datetime()));
  if (a[1].kind() == ValueKind::kDate)
    return Value(temporal::truncate(unit, DateTime{a[1].as_date().days * kMicrosPerDay}));
  argument_type_error("datetime.truncate", 1, "DATE or DATETIME", a[1]);
}

template <const char* Name, const char* Unit>
Value between(std::vector<Value>& a, EvaluationContext&) {
  if (any_null(a)) return Value();
  for (size_t i = 0; i < 2; ++i)
    if (a[i].kind() != ValueKind::kDate && a[i].kind() != ValueKind::kDateTime)
      argument_type_error(Name, i, "DATE or DATETIME", a[i]);
  return Value(temporal::between(a[0], a[1], Unit));
}

Value fn_from_epoch(std::vector<Value>& a, EvaluationContext&) {
  if (any_null(a)) return Value();
  const std::int64_t seconds = int_arg("datetime.fromepoch", a, 0);
  const std::int64_t nanos = int_arg("datetime.fromepoch", a, 1);
  std::int64_t micros;
  if (__builtin_mul_overflow(seconds, temporal::kMicrosPerSecond, &micros) ||
      __builtin_add_overflow(micros, nanos / 1000, &micros))
    throw QueryError(QueryErrorCode::kArithmetic, "datetime.fromepoch(): out of range");
  return Value(DateTime{micros});
}

Value fn_from_epoch_millis(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  std::int64_t micros;
  if (__builtin_mul_overflow(int_arg("datetime.fromepochmillis", a, 0), std::int64_t{1000},
                             &micros))
    throw QueryError(QueryErrorCode::kArithmetic, "datetime.fromepochmillis(): out of range");
  return Value(DateTime{micros});
}

constexpr char kBetween[] = "duration.between";
constexpr char kInMonths[] = "duration.inMonths";
constexpr char kInDays[] = "duration.inDays";
constexpr char kInSeconds[] = "duration.inSeconds";
constexpr char kAll[] = "";
constexpr char kMonths[] = "months";
constexpr char kDays[] = "days";
constexpr char kSeconds[] = "seconds";

}  // namespace

void register_temporal_functions(FunctionTable* t) {
  define(t, "date", 0, 1, fn_date);
  define(t, "datetime", 0, 1, fn_datetime);
  define(t, "duration", 1, 1, fn_duration);
  define(t, "date.truncate", 2, 2, fn_date_truncate);
  define(t, "datetime.truncate", 2, 2, fn_datetime_truncate);
  define(t, "duration.between", 2, 2, between<kBetween, kAll>);
  define(t, "duration.inMonths", 2, 2, between<kInMonths, kMonths>);
  define(t, "duration.inDays", 2, 2, between<kInDays, kDays>);
  define(t, "duration.inSeconds", 2, 2, between<kInSeconds, kSeconds>);
  define(t, "datetime.fromepoch", 2, 2, fn_from_epoch);
  define(t, "datetime.fromepochmillis", 1, 1, fn_from_epoch_millis);
}

}  // namespace guanxi::query::functions
