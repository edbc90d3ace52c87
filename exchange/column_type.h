// The type of a property column in the typed export formats: neo4j-admin CSV
// headers (`age:long`, `tags:string[]`) and GraphML keys (attr.type).
#pragma once

#include <optional>
#include <string>

#include "query/value.h"

namespace guanxi::exchange {

enum class ColumnType {
  kBoolean,
  kLong,
  kDouble,
  kString,
  kDate,
  kLocalTime,
  kTime,
  kLocalDateTime,
  kDateTime,
  kDuration
};

struct ColumnKind {
  ColumnType type = ColumnType::kString;
  bool array = false;
  // The value has no exact form in a typed column (a map, a nested or mixed
  // list, an empty list): it is written as JSON text in a string column.
  bool as_text = false;
  friend bool operator==(const ColumnKind&, const ColumnKind&) = default;
};

// The column a value needs. Null values need none (check before calling).
ColumnKind column_kind(const query::Value& value);

// The neo4j-admin header type: "boolean", "long", "double", "string",
// "date", "localtime", "time", "localdatetime", "datetime", "duration", with
// "[]" for arrays.
std::string csv_type_name(const ColumnKind& kind);

}  // namespace guanxi::exchange
