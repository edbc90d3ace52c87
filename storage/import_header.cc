#include "storage/import_header.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "storage/dictionary.h"
#include "storage/error.h"
#include "storage/temporal.h"

namespace guanxi::storage {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

[[noreturn]] void header_error(const std::string& file, const std::string& reason) {
  throw StorageError(ErrorCode::kImport, file + ":1: " + reason);
}

bool value_type(const std::string& name, FieldType* out) {
  static const std::pair<const char*, FieldType> kTypes[] = {
      {"int", FieldType::kInt},
      {"long", FieldType::kInt},
      {"short", FieldType::kInt},
      {"byte", FieldType::kInt},
      {"float", FieldType::kFloat},
      {"double", FieldType::kFloat},
      {"boolean", FieldType::kBool},
      {"string", FieldType::kString},
      {"char", FieldType::kString},
      {"date", FieldType::kDate},
      {"localtime", FieldType::kLocalTime},
      {"time", FieldType::kTime},
      {"datetime", FieldType::kDateTime},
      {"localdatetime", FieldType::kLocalDateTime},
      {"duration", FieldType::kDuration},
  };
  for (const auto& [n, t] : kTypes) {
    if (name == n) {
      *out = t;
      return true;
    }
  }
  return false;
}

Column parse_column(std::string_view spec, const std::string& file) {
  Column col;
  col.spec = std::string(spec);
  const std::size_t colon = spec.find(':');
  if (colon == std::string_view::npos) {
    col.name = std::string(spec);
    if (col.name.empty()) header_error(file, "empty column name");
    return col;
  }
  col.name = std::string(spec.substr(0, colon));
  const std::string_view type = spec.substr(colon + 1);
  const std::size_t paren = type.find('(');
  const std::string word = lower(type.substr(0, paren));
  std::string space;
  bool has_space = false;
  if (paren != std::string_view::npos) {
    if (type.back() != ')') header_error(file, "column '" + col.spec + "': missing ')'");
    space = std::string(type.substr(paren + 1, type.size() - paren - 2));
    has_space = true;
  }
  if (word == "id" || word == "start_id" || word == "end_id") {
    col.role = word == "id"         ? ColumnRole::kId
               : word == "start_id" ? ColumnRole::kStartId
                                    : ColumnRole::kEndId;
    col.id_space = space;
    if (col.role != ColumnRole::kId) col.name.clear();
    return col;
  }
  if (has_space) {
    header_error(file, "column '" + col.spec + "': only ID, START_ID and END_ID take an ID space");
  }
  if (word == "label" || word == "type" || word == "ignore") {
    col.role = word == "label"  ? ColumnRole::kLabel
               : word == "type" ? ColumnRole::kType
                                : ColumnRole::kIgnore;
    col.name.clear();
    return col;
  }
  std::string base = word;
  if (base.size() > 2 && base.compare(base.size() - 2, 2, "[]") == 0) {
    col.array = true;
    base.resize(base.size() - 2);
  }
  if (!value_type(base, &col.type)) {
    header_error(file, "column '" + col.spec + "' has unknown type '" + std::string(type) + "'");
  }
  if (col.name.empty()) header_error(file, "column '" + col.spec + "' has no property name");
  return col;
}

// The property key a column names (a property column, or an ID column with a
// name) must fit the dictionary; the column is quoted by its start only.
void check_name_length(const Column& col, const std::string& file) {
  if (col.name.size() > kMaxNameBytes)
    header_error(file, "column '" + col.spec.substr(0, 40) +
                           "...': " + name_too_long(NameKind::kPropertyKey, col.name.size()));
}

[[noreturn]] void field_error(std::string reason) { throw FieldError{std::move(reason)}; }

// For a decimal number from_chars found out of a double's range: true when
// it is too close to zero rather than too large. Its magnitude is the
// position of its first nonzero digit relative to the decimal point, plus
// its exponent.
bool underflows(std::string_view number) {
  if (!number.empty() && (number[0] == '-' || number[0] == '+')) number.remove_prefix(1);
  const std::size_t e = number.find_first_of("eE");
  const std::string_view mantissa = number.substr(0, e);
  std::int64_t exponent = 0;
  if (e != std::string_view::npos) {
    std::string_view digits = number.substr(e + 1);
    const bool negative = !digits.empty() && digits[0] == '-';
    if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
    // Saturates: an exponent of thousands of digits is out of range either way.
    for (char c : digits) exponent = std::min<std::int64_t>(exponent * 10 + (c - '0'), 1 << 30);
    if (negative) exponent = -exponent;
  }
  const std::size_t point = std::min(mantissa.find('.'), mantissa.size());
  const std::size_t first = mantissa.find_first_of("123456789");
  if (first == std::string_view::npos) return true;  // all zeros
  const auto magnitude = first < point ? static_cast<std::int64_t>(point - first)
                                       : -static_cast<std::int64_t>(first - point - 1);
  return magnitude + exponent <= 0;
}

Value parse_scalar(FieldType type, std::string_view text) {
  switch (type) {
    case FieldType::kString: return Value(text);
    case FieldType::kInt: {
      std::int64_t v;
      if (!parse_int64(text, &v)) {
        std::string_view t = trim(text);
        if (!t.empty() && (t[0] == '-' || t[0] == '+')) t.remove_prefix(1);
        const bool digits = !t.empty() && std::all_of(t.begin(), t.end(),
                                                      [](char c) { return c >= '0' && c <= '9'; });
        field_error(digits ? "integer '" + std::string(text) + "' is out of range"
                           : "'" + std::string(text) + "' is not an integer");
      }
      return Value(v);
    }
    case FieldType::kFloat: {
      const std::string_view t = trim(text);
      double d;
      const char* b = t.data() + (!t.empty() && t[0] == '+' ? 1 : 0);
      auto [ptr, ec] = std::from_chars(b, t.data() + t.size(), d);
      if (t.empty() || ptr != t.data() + t.size() ||
          (ec != std::errc() && ec != std::errc::result_out_of_range)) {
        field_error("'" + std::string(text) + "' is not a number");
      }
      if (ec == std::errc::result_out_of_range) {
        // Too small for a double reads as zero (as Java's parseDouble, so
        // neo4j-admin, reads it); too large is an error, not Infinity.
        if (!underflows(std::string_view(b, static_cast<std::size_t>(t.data() + t.size() - b))))
          field_error("'" + std::string(text) + "' is too large for a float");
        d = t[0] == '-' ? -0.0 : 0.0;
      }
      return Value(d);
    }
    case FieldType::kBool: {
      const std::string t = lower(trim(text));
      if (t == "true") return Value(true);
      if (t == "false") return Value(false);
      field_error("'" + std::string(text) + "' is not a boolean (true or false)");
    }
    case FieldType::kDate: {
      auto d = parse_date(trim(text));
      if (!d) field_error("'" + std::string(text) + "' is not a date (YYYY-MM-DD)");
      return Value(*d);
    }
    case FieldType::kLocalTime: {
      auto t = parse_local_time(trim(text));
      if (!t) field_error("'" + std::string(text) + "' is not a local time (HH:MM:SS)");
      return Value(*t);
    }
    case FieldType::kTime: {
      auto t = parse_time(trim(text));
      if (!t) field_error("'" + std::string(text) + "' is not a time (HH:MM:SS+01:00)");
      return Value(*t);
    }
    case FieldType::kLocalDateTime: {
      auto t = parse_local_datetime(trim(text));
      if (!t) field_error("'" + std::string(text) + "' is not a local datetime");
      return Value(*t);
    }
    case FieldType::kDateTime: {
      auto d = parse_datetime(trim(text));
      if (!d) field_error("'" + std::string(text) + "' is not a datetime");
      return Value(*d);
    }
    case FieldType::kDuration: {
      auto d = parse_duration(trim(text));
      if (!d) field_error("'" + std::string(text) + "' is not a duration");
      return Value(*d);
    }
  }
  field_error("unknown field type");
}

// A field's shape: each run of upper case ASCII letters is 'A', of lower
// case 'a', of digits '9', of bytes past ASCII 'u'; other bytes stand for
// themselves.
std::string shape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const char cls = u >= 0x80                ? 'u'
                     : (c >= 'A' && c <= 'Z') ? 'A'
                     : (c >= 'a' && c <= 'z') ? 'a'
                     : (c >= '0' && c <= '9') ? '9'
                                              : c;
    if (out.empty() || out.back() != cls || !(cls == 'A' || cls == 'a' || cls == '9' || cls == 'u'))
      out.push_back(cls);
  }
  return out;
}

bool is_number_or_date(std::string_view text) {
  const std::string_view t = trim(text);
  if (t.empty()) return false;
  std::int64_t i;
  if (parse_int64(t, &i)) return true;
  double d;
  const char* b = t.data() + (t[0] == '+' ? 1 : 0);
  auto [ptr, ec] = std::from_chars(b, t.data() + t.size(), d);
  if (ec == std::errc() && ptr == t.data() + t.size()) return true;
  return parse_date(t).has_value() || parse_datetime(t).has_value();
}

bool is_role_name(std::string_view text) {
  static const char* const kRoles[] = {"id", "start_id", "end_id", "label", "type", "ignore"};
  const std::string l = lower(trim(text));
  return std::any_of(std::begin(kRoles), std::end(kRoles), [&](const char* r) { return l == r; });
}

}  // namespace

bool header_looks_like_data(const std::vector<std::string>& header,
                            const std::vector<std::string_view>& row) {
  if (header.empty() || header.size() != row.size()) return false;
  bool telling = false;  // a field that is more than words
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string& field = header[i];
    if (field.find(':') != std::string::npos || is_role_name(field)) return false;
    if (is_number_or_date(field)) {
      telling = true;
      continue;
    }
    const std::string s = shape(field);
    if (s.empty() || s != shape(row[i])) return false;
    telling = telling || s.find_first_not_of("Aau_ ") != std::string::npos;
  }
  return telling;
}

bool parse_int64(std::string_view text, std::int64_t* out) {
  std::string_view t = trim(text);
  if (!t.empty() && t[0] == '+') t.remove_prefix(1);
  if (t.empty()) return false;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), *out);
  return ec == std::errc() && ptr == t.data() + t.size();
}

ImportHeader parse_import_header(const std::vector<std::string_view>& fields, HeaderKind kind,
                                 const std::string& file) {
  ImportHeader h;
  std::set<std::string> names;
  auto once = [&](int* slot, int index, const Column& col) {
    if (*slot >= 0) {
      header_error(file, "column '" + col.spec + "' repeats '" + h.columns[*slot].spec + "'");
    }
    *slot = index;
  };
  const char* what = kind == HeaderKind::kNodes ? "a nodes file" : "a relationships file";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    Column col = parse_column(fields[i], file);
    check_name_length(col, file);
    const int index = static_cast<int>(i);
    const bool node_role = col.role == ColumnRole::kId || col.role == ColumnRole::kLabel;
    const bool relationship_role = col.role == ColumnRole::kStartId ||
                                   col.role == ColumnRole::kEndId || col.role == ColumnRole::kType;
    if ((kind == HeaderKind::kNodes && relationship_role) ||
        (kind == HeaderKind::kRelationships && node_role)) {
      header_error(file, "column '" + col.spec + "' does not belong in " + what);
    }
    switch (col.role) {
      case ColumnRole::kId: once(&h.id, index, col); break;
      case ColumnRole::kStartId: once(&h.start, index, col); break;
      case ColumnRole::kEndId: once(&h.end, index, col); break;
      case ColumnRole::kLabel: once(&h.label, index, col); break;
      case ColumnRole::kType: once(&h.type, index, col); break;
      case ColumnRole::kProperty:
      case ColumnRole::kIgnore: break;
    }
    const bool keeps_property =
        col.role == ColumnRole::kProperty || (col.role == ColumnRole::kId && !col.name.empty());
    if (keeps_property && !names.insert(col.name).second) {
      header_error(file, "property '" + col.name + "' appears in two columns");
    }
    h.columns.push_back(std::move(col));
  }
  if (kind == HeaderKind::kRelationships && (h.start < 0 || h.end < 0)) {
    header_error(file, "a relationships file needs :START_ID and :END_ID columns");
  }
  return h;
}

Value parse_field(const Column& column, std::string_view text, char array_delimiter) {
  if (!column.array) return parse_scalar(column.type, text);
  List list;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t end = text.find(array_delimiter, begin);
    const std::string_view part =
        text.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
    if (part.empty() && column.type != FieldType::kString) field_error("empty array element");
    list.push_back(parse_scalar(column.type, part));
    if (end == std::string_view::npos) break;
    begin = end + 1;
  }
  return Value(std::move(list));
}

}  // namespace guanxi::storage
