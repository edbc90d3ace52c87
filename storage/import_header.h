// The header line of a neo4j-admin import CSV file, and the conversion of a
// field's text to a value of its column's type.
//
// Each header field is `name`, `name:type` or `[name]:ROLE`: roles are
// ID(Space), START_ID(Space), END_ID(Space) (no parenthesis = the global
// space), LABEL, TYPE and IGNORE; value types are int, long, short, byte,
// float, double, boolean, string, char, date, localtime, time,
// localdatetime, datetime and duration (their openCypher string forms; a
// time or datetime without an offset is UTC), each with `[]` for an array; roles and types in any
// case. A field without a type is a string property.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/value.h"

namespace guanxi::storage {

enum class ColumnRole { kProperty, kId, kStartId, kEndId, kLabel, kType, kIgnore };
enum class FieldType {
  kInt,
  kFloat,
  kBool,
  kString,
  kDate,
  kLocalTime,
  kTime,
  kLocalDateTime,
  kDateTime,
  kDuration
};

struct Column {
  ColumnRole role = ColumnRole::kProperty;
  std::string name;  // property name; for kId the id property ("" = not kept)
  FieldType type = FieldType::kString;
  bool array = false;
  std::string id_space;  // kId, kStartId, kEndId: the ID space ("" = global)
  std::string spec;      // the header field as written, for messages
};

enum class HeaderKind { kNodes, kRelationships };

struct ImportHeader {
  std::vector<Column> columns;
  int id = -1;     // index of the :ID column (nodes), -1 when there is none
  int start = -1;  // :START_ID (relationships)
  int end = -1;    // :END_ID (relationships)
  int label = -1;  // :LABEL (nodes)
  int type = -1;   // :TYPE (relationships)
};

// Parses a header. `file` names the file in errors, which are
// StorageError(kImport, "<file>:1: <reason>"): unknown type, a role that does
// not belong to this kind of file, a repeated role or property name, relationships
// without :START_ID or :END_ID.
ImportHeader parse_import_header(const std::vector<std::string_view>& fields, HeaderKind kind,
                                 const std::string& file);

// Whether a header line `header` (with the first data row `row` below it)
// looks like data rather than a header, as in a file exported without one:
// no field has a ':' (a type or role) or is a role's name (ID, LABEL, ...),
// and every field is a number, a date or a datetime, or has the same shape
// as the field below it (the same sequence of upper case letters, lower case
// letters, digits, other characters); and at least one field is more than
// words of letters (it holds a digit or punctuation besides '_' and ' '), so
// a header of plain names over rows of plain words does not count.
bool header_looks_like_data(const std::vector<std::string>& header,
                            const std::vector<std::string_view>& row);

// Thrown by parse_field with the reason a field's text is not a value of its
// column; the importer adds "file:line: column 'spec': ".
struct FieldError {
  std::string reason;
};

// Converts non-empty `text` to a value of `column`'s type (arrays split on
// `array_delimiter` into a List). Numbers and booleans may be surrounded by
// spaces. Throws FieldError.
Value parse_field(const Column& column, std::string_view text, char array_delimiter);

// Parses a whole decimal int64 (optional sign, surrounding spaces allowed);
// false when `text` is not one or does not fit.
bool parse_int64(std::string_view text, std::int64_t* out);

}  // namespace guanxi::storage
