#include "exchange/column_type.h"

namespace guanxi::exchange {

namespace {

std::optional<ColumnType> scalar_type(const query::Value& value) {
  switch (value.kind()) {
    case query::ValueKind::kBool: return ColumnType::kBoolean;
    case query::ValueKind::kInt: return ColumnType::kLong;
    case query::ValueKind::kFloat: return ColumnType::kDouble;
    case query::ValueKind::kString: return ColumnType::kString;
    case query::ValueKind::kDate: return ColumnType::kDate;
    case query::ValueKind::kDateTime: return ColumnType::kDateTime;
    case query::ValueKind::kDuration: return ColumnType::kDuration;
    case query::ValueKind::kLocalTime: return ColumnType::kLocalTime;
    case query::ValueKind::kTime: return ColumnType::kTime;
    case query::ValueKind::kLocalDateTime: return ColumnType::kLocalDateTime;
    default: return std::nullopt;
  }
}

}  // namespace

ColumnKind column_kind(const query::Value& value) {
  if (auto scalar = scalar_type(value)) return {*scalar, false, false};
  if (value.kind() == query::ValueKind::kList && !value.as_list().empty()) {
    std::optional<ColumnType> element;
    for (const query::Value& v : value.as_list()) {
      const auto t = scalar_type(v);
      if (!t || (element && *element != *t)) return {ColumnType::kString, false, true};
      element = t;
    }
    return {*element, true, false};
  }
  return {ColumnType::kString, false, true};
}

std::string csv_type_name(const ColumnKind& kind) {
  std::string name;
  switch (kind.type) {
    case ColumnType::kBoolean: name = "boolean"; break;
    case ColumnType::kLong: name = "long"; break;
    case ColumnType::kDouble: name = "double"; break;
    case ColumnType::kString: name = "string"; break;
    case ColumnType::kDate: name = "date"; break;
    case ColumnType::kDateTime: name = "datetime"; break;
    case ColumnType::kDuration: name = "duration"; break;
    case ColumnType::kLocalTime: name = "localtime"; break;
    case ColumnType::kTime: name = "time"; break;
    case ColumnType::kLocalDateTime: name = "localdatetime"; break;
  }
  return kind.array ? name + "[]" : name;
}

}  // namespace guanxi::exchange
