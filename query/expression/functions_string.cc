// String functions: toLower, toUpper, trim, ltrim, rtrim, substring, replace,
// split, left, right. Positions and lengths count characters (code points).
#include <algorithm>
#include <cctype>

#include "query/expression/function_table.h"

namespace guanxi::query::functions {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

Value fn_to_lower(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  std::string s = string_arg("toLower", a, 0);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return Value(std::move(s));
}

Value fn_to_upper(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  std::string s = string_arg("toUpper", a, 0);
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return Value(std::move(s));
}

Value trim_impl(const char* fn, std::vector<Value>& a, bool left, bool right) {
  if (a[0].is_null()) return Value();
  const std::string& s = string_arg(fn, a, 0);
  size_t b = 0, e = s.size();
  if (left)
    while (b < e && is_space(s[b])) ++b;
  if (right)
    while (e > b && is_space(s[e - 1])) --e;
  return Value(s.substr(b, e - b));
}

Value fn_trim(std::vector<Value>& a, EvaluationContext&) {
  return trim_impl("trim", a, true, true);
}
Value fn_ltrim(std::vector<Value>& a, EvaluationContext&) {
  return trim_impl("ltrim", a, true, false);
}
Value fn_rtrim(std::vector<Value>& a, EvaluationContext&) {
  return trim_impl("rtrim", a, false, true);
}

Value fn_substring(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  const std::string& s = string_arg("substring", a, 0);
  if (a[1].is_null() || (a.size() > 2 && a[2].is_null())) return Value();
  const std::int64_t start = int_arg("substring", a, 1);
  if (start < 0)
    invalid_argument("substring", "start must not be negative, got " + std::to_string(start));
  const auto offsets = code_point_offsets(s);
  const auto chars = static_cast<std::int64_t>(offsets.size() - 1);
  std::int64_t length = chars;
  if (a.size() > 2) {
    length = int_arg("substring", a, 2);
    if (length < 0)
      invalid_argument("substring", "length must not be negative, got " + std::to_string(length));
  }
  const std::int64_t from = std::min(start, chars);
  const std::int64_t to = length > chars - from ? chars : from + length;
  return Value(s.substr(offsets[from], offsets[to] - offsets[from]));
}

Value fn_left(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  const std::string& s = string_arg("left", a, 0);
  if (a[1].is_null()) invalid_argument("left", "length must not be null");
  const std::int64_t n = int_arg("left", a, 1);
  if (n < 0) invalid_argument("left", "length must not be negative, got " + std::to_string(n));
  const auto offsets = code_point_offsets(s);
  const auto chars = static_cast<std::int64_t>(offsets.size() - 1);
  return Value(s.substr(0, offsets[std::min(n, chars)]));
}

Value fn_right(std::vector<Value>& a, EvaluationContext&) {
  if (a[0].is_null()) return Value();
  const std::string& s = string_arg("right", a, 0);
  if (a[1].is_null()) invalid_argument("right", "length must not be null");
  const std::int64_t n = int_arg("right", a, 1);
  if (n < 0) invalid_argument("right", "length must not be negative, got " + std::to_string(n));
  const auto offsets = code_point_offsets(s);
  const auto chars = static_cast<std::int64_t>(offsets.size() - 1);
  return Value(s.substr(offsets[chars - std::min(n, chars)]));
}

Value fn_replace(std::vector<Value>& a, EvaluationContext&) {
  if (any_null(a)) return Value();
  const std::string& s = string_arg("replace", a, 0);
  const std::string& search = string_arg("replace", a, 1);
  const std::string& replacement = string_arg("replace", a, 2);
  std::string out;
  if (search.empty()) {
    // As Java's String.replace: the replacement goes around every character.
    const auto offsets = code_point_offsets(s);
    out = replacement;
    for (size_t i = 0; i + 1 < offsets.size(); ++i)
      out += s.substr(offsets[i], offsets[i + 1] - offsets[i]) + replacement;
    return Value(std::move(out));
  }
  size_t pos = 0;
  while (true) {
    size_t hit = s.find(search, pos);
    if (hit == std::string::npos) break;
    out.append(s, pos, hit - pos);
    out += replacement;
    pos = hit + search.size();
  }
  out.append(s, pos, std::string::npos);
  return Value(std::move(out));
}

Value fn_split(std::vector<Value>& a, EvaluationContext&) {
  if (any_null(a)) return Value();
  const std::string& s = string_arg("split", a, 0);
  std::vector<std::string> delimiters;
  if (a[1].kind() == ValueKind::kString) {
    delimiters.push_back(a[1].as_string());
  } else if (a[1].kind() == ValueKind::kList) {
    for (const Value& d : a[1].as_list()) {
      if (d.is_null()) return Value();
      if (d.kind() != ValueKind::kString)
        argument_type_error("split", 1, "STRING or LIST<STRING>", d);
      delimiters.push_back(d.as_string());
    }
  } else {
    argument_type_error("split", 1, "STRING or LIST<STRING>", a[1]);
  }
  List out;
  const bool by_character = std::all_of(delimiters.begin(), delimiters.end(),
                                        [](const std::string& d) { return d.empty(); });
  if (by_character) {
    const auto offsets = code_point_offsets(s);
    for (size_t i = 0; i + 1 < offsets.size(); ++i)
      out.emplace_back(s.substr(offsets[i], offsets[i + 1] - offsets[i]));
    return Value(std::move(out));
  }
  size_t start = 0, pos = 0;
  while (pos < s.size()) {
    size_t matched = 0;
    for (const std::string& d : delimiters) {
      if (!d.empty() && s.compare(pos, d.size(), d) == 0) {
        matched = d.size();
        break;
      }
    }
    if (matched > 0) {
      out.emplace_back(s.substr(start, pos - start));
      pos += matched;
      start = pos;
    } else {
      ++pos;
    }
  }
  out.emplace_back(s.substr(start));
  return Value(std::move(out));
}

}  // namespace

void register_string_functions(FunctionTable* t) {
  define(t, "toLower", 1, 1, fn_to_lower);
  define(t, "toUpper", 1, 1, fn_to_upper);
  define(t, "lower", 1, 1, fn_to_lower);
  define(t, "upper", 1, 1, fn_to_upper);
  define(t, "trim", 1, 1, fn_trim);
  define(t, "ltrim", 1, 1, fn_ltrim);
  define(t, "rtrim", 1, 1, fn_rtrim);
  define(t, "substring", 2, 3, fn_substring);
  define(t, "left", 2, 2, fn_left);
  define(t, "right", 2, 2, fn_right);
  define(t, "replace", 3, 3, fn_replace);
  define(t, "split", 2, 2, fn_split);
}

}  // namespace guanxi::query::functions
