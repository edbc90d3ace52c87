#include "exchange/cypher_literal.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "query/string_literal.h"
#include "storage/temporal.h"

namespace guanxi::exchange {

namespace {

constexpr int kMaxDepth = 64;

bool plain_identifier(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  // Words that could read as keywords in a map or a pattern.
  static constexpr std::string_view kReserved[] = {
      "null", "true", "false", "NULL", "TRUE", "FALSE", "AND", "OR", "NOT", "XOR", "IN",
      "IS",   "AS",   "row",   "and",  "or",   "not",   "xor", "in", "is",  "as",  "NaN"};
  for (std::string_view word : kReserved) {
    if (name == word) return false;
  }
  return true;
}

void append_float(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "(0.0 / 0.0)";
    return;
  }
  if (std::isinf(d)) {
    out += d > 0 ? "(1.0 / 0.0)" : "(-1.0 / 0.0)";
    return;
  }
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof(buf), d);
  std::string_view text(buf, static_cast<std::size_t>(result.ptr - buf));
  bool has_point = false;
  for (char c : text) {
    if (c == '.' || c == 'e') has_point = true;
  }
  const std::size_t e = text.find('e');
  if (e == std::string_view::npos) {
    out += text;
    if (!has_point) out += ".0";
    return;
  }
  // "1e+20" -> "1.0e20": the mantissa keeps a point so the value reads as a float.
  std::string_view mantissa = text.substr(0, e);
  std::string_view exponent = text.substr(e + 1);
  if (!exponent.empty() && exponent[0] == '+') exponent.remove_prefix(1);
  out += mantissa;
  if (mantissa.find('.') == std::string_view::npos) out += ".0";
  out += 'e';
  out += exponent;
}

}  // namespace

std::string identifier(std::string_view name) {
  std::string out;
  append_identifier(out, name);
  return out;
}

void append_identifier(std::string& out, std::string_view name) {
  if (plain_identifier(name)) {
    out += name;
    return;
  }
  out += '`';
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  out += '`';
}

void append_literal(std::string& out, const query::Value& value) {
  using query::ValueKind;
  switch (value.kind()) {
    case ValueKind::kNull: out += "null"; return;
    case ValueKind::kBool: out += value.as_bool() ? "true" : "false"; return;
    case ValueKind::kInt: out += std::to_string(value.as_int()); return;
    case ValueKind::kFloat: append_float(out, value.as_float()); return;
    case ValueKind::kString: query::append_string_literal(out, value.as_string()); return;
    case ValueKind::kList: {
      out += '[';
      bool first = true;
      for (const query::Value& v : value.as_list()) {
        if (!first) out += ", ";
        first = false;
        append_literal(out, v);
      }
      out += ']';
      return;
    }
    case ValueKind::kMap: {
      out += '{';
      bool first = true;
      for (const auto& [k, v] : value.as_map()) {
        if (!first) out += ", ";
        first = false;
        append_identifier(out, k);
        out += ": ";
        append_literal(out, v);
      }
      out += '}';
      return;
    }
    case ValueKind::kDate: out += "date('" + storage::format_date(value.as_date()) + "')"; return;
    case ValueKind::kDateTime:
      out += "datetime('" + storage::format_datetime(value.as_datetime()) + "')";
      return;
    case ValueKind::kDuration:
      out += "duration('" + storage::format_duration(value.as_duration()) + "')";
      return;
    case ValueKind::kLocalTime:
      out += "localtime('" + storage::format_local_time(value.as_local_time()) + "')";
      return;
    case ValueKind::kTime: out += "time('" + storage::format_time(value.as_time()) + "')"; return;
    case ValueKind::kLocalDateTime:
      out += "localdatetime('" + storage::format_local_datetime(value.as_local_datetime()) + "')";
      return;
    case ValueKind::kNode:
    case ValueKind::kRelationship:
    case ValueKind::kPath: break;
  }
  throw std::invalid_argument(std::string("a ") + query::value_kind_name(value.kind()) +
                              " is not a property value");
}

// --- reading ---------------------------------------------------------------

void LiteralReader::fail(const std::string& what) const {
  throw std::runtime_error(what + " at offset " + std::to_string(pos_));
}

void LiteralReader::skip_blanks() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      ++pos_;
    } else if (text_.compare(pos_, 2, "//") == 0) {
      while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
    } else {
      break;
    }
  }
}

bool LiteralReader::at_end() {
  skip_blanks();
  return pos_ >= text_.size();
}

bool LiteralReader::accept(std::string_view token) {
  skip_blanks();
  if (text_.compare(pos_, token.size(), token) != 0) return false;
  pos_ += token.size();
  return true;
}

void LiteralReader::expect(std::string_view token) {
  if (!accept(token)) fail("expected '" + std::string(token) + "'");
}

std::string LiteralReader::name() {
  skip_blanks();
  if (pos_ < text_.size() && text_[pos_] == '`') {
    std::string out;
    for (++pos_; pos_ < text_.size(); ++pos_) {
      if (text_[pos_] == '`') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '`') {
          out += '`';
          ++pos_;
          continue;
        }
        ++pos_;
        return out;
      }
      out += text_[pos_];
    }
    fail("unterminated `name`");
  }
  const std::size_t start = pos_;
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    const bool part = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                      (pos_ > start && c >= '0' && c <= '9');
    if (!part) break;
    ++pos_;
  }
  if (pos_ == start) fail("expected a name");
  return std::string(text_.substr(start, pos_ - start));
}

std::string LiteralReader::quoted_string() {
  std::string out;
  ++pos_;  // the opening quote
  while (pos_ < text_.size()) {
    const char c = text_[pos_++];
    if (c == '\'') return out;
    if (c != '\\') {
      out += c;
      continue;
    }
    if (pos_ >= text_.size()) break;
    const char e = text_[pos_++];
    switch (e) {
      case '\'': out += '\''; break;
      case '\\': out += '\\'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        unsigned code = 0;
        if (pos_ + 4 > text_.size() ||
            std::from_chars(text_.data() + pos_, text_.data() + pos_ + 4, code, 16).ptr !=
                text_.data() + pos_ + 4 ||
            code >= 0x80) {
          fail("bad \\u escape");
        }
        out += static_cast<char>(code);
        pos_ += 4;
        break;
      }
      default: fail(std::string("unknown escape \\") + e);
    }
  }
  fail("unterminated string");
}

storage::Value LiteralReader::number() {
  const std::size_t start = pos_;
  if (text_[pos_] == '-') ++pos_;
  bool is_float = false;
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c >= '0' && c <= '9') {
      ++pos_;
    } else if (c == '.' || c == 'e' || c == 'E' ||
               ((c == '-' || c == '+') && (text_[pos_ - 1] == 'e' || text_[pos_ - 1] == 'E'))) {
      is_float = true;
      ++pos_;
    } else {
      break;
    }
  }
  const char* begin = text_.data() + start;
  const char* end = text_.data() + pos_;
  if (is_float) {
    double d = 0;
    if (std::from_chars(begin, end, d).ptr != end) fail("bad float");
    return storage::Value(d);
  }
  std::int64_t i = 0;
  if (std::from_chars(begin, end, i).ptr != end) fail("bad integer");
  return storage::Value(i);
}

storage::Value LiteralReader::special_float() {
  // (0.0 / 0.0), (1.0 / 0.0), (-1.0 / 0.0)
  if (accept("(0.0 / 0.0)")) return storage::Value(std::nan(""));
  if (accept("(1.0 / 0.0)")) return storage::Value(HUGE_VAL);
  if (accept("(-1.0 / 0.0)")) return storage::Value(-HUGE_VAL);
  fail("expected a value");
}

storage::Value LiteralReader::list() {
  ++pos_;
  storage::List items;
  if (accept("]")) return storage::Value(std::move(items));
  do {
    items.push_back(value());
  } while (accept(","));
  expect("]");
  return storage::Value(std::move(items));
}

storage::Value LiteralReader::map() {
  ++pos_;
  storage::Map entries;
  if (accept("}")) return storage::Value::map(std::move(entries));
  do {
    std::string key = name();
    expect(":");
    entries.emplace_back(std::move(key), value());
  } while (accept(","));
  expect("}");
  return storage::Value::map(std::move(entries));
}

storage::Value LiteralReader::temporal(std::string_view function) {
  expect("(");
  skip_blanks();
  if (pos_ >= text_.size() || text_[pos_] != '\'') fail("expected a quoted time");
  const std::string text = quoted_string();
  expect(")");
  if (function == "date") {
    if (auto d = storage::parse_date(text)) return storage::Value(*d);
  } else if (function == "datetime") {
    if (auto d = storage::parse_datetime(text)) return storage::Value(*d);
  } else if (function == "localdatetime") {
    if (auto t = storage::parse_local_datetime(text)) return storage::Value(*t);
  } else if (function == "localtime") {
    if (auto t = storage::parse_local_time(text)) return storage::Value(*t);
  } else if (function == "time") {
    if (auto t = storage::parse_time(text)) return storage::Value(*t);
  } else if (auto d = storage::parse_duration(text)) {
    return storage::Value(*d);
  }
  fail("bad " + std::string(function) + " '" + text + "'");
}

storage::Value LiteralReader::value() {
  skip_blanks();
  if (pos_ >= text_.size()) fail("expected a value");
  if (++depth_ > kMaxDepth) fail("values nested too deeply");
  struct Leave {
    int& depth;
    ~Leave() { --depth; }
  } leave{depth_};
  const char c = text_[pos_];
  if (c == '\'') return storage::Value(quoted_string());
  if (c == '[') return list();
  if (c == '{') return map();
  if (c == '(') return special_float();
  if (c == '-' || (c >= '0' && c <= '9')) return number();
  if (accept("null")) return storage::Value();
  if (accept("true")) return storage::Value(true);
  if (accept("false")) return storage::Value(false);
  // Longer names first: "date" is a prefix of "datetime".
  for (std::string_view function :
       {"localdatetime", "localtime", "datetime", "date", "duration", "time"}) {
    if (accept(function)) return temporal(function);
  }
  fail("expected a value");
}

}  // namespace guanxi::exchange
