#include "storage/value.h"

#include <algorithm>
#include <cstdio>

#include "storage/error.h"
#include "storage/map_entries.h"
#include "storage/temporal.h"

namespace guanxi::storage {

const char* value_type_name(ValueType type) {
  switch (type) {
    case ValueType::kNull: return "NULL";
    case ValueType::kBool: return "BOOLEAN";
    case ValueType::kInt: return "INTEGER";
    case ValueType::kFloat: return "FLOAT";
    case ValueType::kString: return "STRING";
    case ValueType::kList: return "LIST";
    case ValueType::kMap: return "MAP";
    case ValueType::kDate: return "DATE";
    case ValueType::kDateTime: return "DATETIME";
    case ValueType::kDuration: return "DURATION";
    case ValueType::kSealed: return "SEALED";
    case ValueType::kLocalTime: return "LOCALTIME";
    case ValueType::kTime: return "TIME";
    case ValueType::kLocalDateTime: return "LOCALDATETIME";
  }
  return "UNKNOWN";
}

Value Value::map(Map entries) {
  Value v;
  v.v_ = storage::normalized_map_entries(std::move(entries));
  return v;
}

namespace {
template <typename T>
const T& checked(const auto& variant, ValueType want, ValueType have) {
  if (const T* p = std::get_if<T>(&variant)) return *p;
  throw StorageError(
      ErrorCode::kInvalidArgument,
      std::string("expected a ") + value_type_name(want) + " value, got " + value_type_name(have));
}

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}
}  // namespace

bool Value::as_bool() const { return checked<bool>(v_, ValueType::kBool, type()); }
std::int64_t Value::as_int() const { return checked<std::int64_t>(v_, ValueType::kInt, type()); }
double Value::as_float() const { return checked<double>(v_, ValueType::kFloat, type()); }
const std::string& Value::as_string() const {
  return checked<std::string>(v_, ValueType::kString, type());
}
const List& Value::as_list() const { return checked<List>(v_, ValueType::kList, type()); }
const Map& Value::as_map() const { return checked<Map>(v_, ValueType::kMap, type()); }
Date Value::as_date() const { return checked<Date>(v_, ValueType::kDate, type()); }
DateTime Value::as_datetime() const { return checked<DateTime>(v_, ValueType::kDateTime, type()); }
Duration Value::as_duration() const { return checked<Duration>(v_, ValueType::kDuration, type()); }
const Sealed& Value::as_sealed() const { return checked<Sealed>(v_, ValueType::kSealed, type()); }
LocalTime Value::as_local_time() const {
  return checked<LocalTime>(v_, ValueType::kLocalTime, type());
}
Time Value::as_time() const { return checked<Time>(v_, ValueType::kTime, type()); }
LocalDateTime Value::as_local_datetime() const {
  return checked<LocalDateTime>(v_, ValueType::kLocalDateTime, type());
}

std::string Value::to_string() const {
  switch (type()) {
    case ValueType::kNull: return "null";
    case ValueType::kBool: return as_bool() ? "true" : "false";
    case ValueType::kInt: return std::to_string(as_int());
    case ValueType::kFloat: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.17g", as_float());
      std::string s = buf;
      // Shortest form that round-trips.
      for (int p = 1; p <= 17; ++p) {
        std::snprintf(buf, sizeof buf, "%.*g", p, as_float());
        if (std::strtod(buf, nullptr) == as_float()) {
          s = buf;
          break;
        }
      }
      if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
      return s;
    }
    case ValueType::kString: return quote(as_string());
    case ValueType::kList: {
      std::string out = "[";
      for (const auto& v : as_list()) out += (out.size() > 1 ? ", " : "") + v.to_string();
      return out + "]";
    }
    case ValueType::kMap: {
      std::string out = "{";
      for (const auto& [k, v] : as_map())
        out += (out.size() > 1 ? ", " : "") + k + ": " + v.to_string();
      return out + "}";
    }
    case ValueType::kDate: return "date(\"" + format_date(as_date()) + "\")";
    case ValueType::kDateTime: return "datetime(\"" + format_datetime(as_datetime()) + "\")";
    case ValueType::kDuration: return "duration(\"" + format_duration(as_duration()) + "\")";
    case ValueType::kLocalTime: return "localtime(\"" + format_local_time(as_local_time()) + "\")";
    case ValueType::kTime: return "time(\"" + format_time(as_time()) + "\")";
    case ValueType::kLocalDateTime:
      return "localdatetime(\"" + format_local_datetime(as_local_datetime()) + "\")";
    case ValueType::kSealed: return "<sealed>";  // never its content
  }
  return "?";
}

}  // namespace guanxi::storage
