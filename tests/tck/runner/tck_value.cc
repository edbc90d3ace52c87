#include "tests/tck/runner/tck_value.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>

namespace guanxi::tck {

namespace {

using Kind = TckValue::Kind;

class ValueParser {
 public:
  explicit ValueParser(std::string_view text) : s_(text) {}

  TckValue parse_all() {
    TckValue v = parse();
    skip_space();
    if (pos_ != s_.size()) fail("unexpected text after the value");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw std::runtime_error("expected value '" + std::string(s_) + "', at offset " +
                             std::to_string(pos_) + ": " + why);
  }

  void skip_space() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool peek(char c) {
    skip_space();
    return pos_ < s_.size() && s_[pos_] == c;
  }
  void expect(char c) {
    if (!peek(c)) fail(std::string("expected '") + c + "'");
    ++pos_;
  }
  bool accept_word(std::string_view word) {
    skip_space();
    if (s_.substr(pos_, word.size()) != word) return false;
    const size_t end = pos_ + word.size();
    if (end < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[end])) || s_[end] == '_'))
      return false;
    pos_ = end;
    return true;
  }

  TckValue parse() {
    skip_space();
    if (pos_ >= s_.size()) fail("a value is missing");
    TckValue v;
    const char c = s_[pos_];
    if (accept_word("null")) return v;
    if (accept_word("true") || accept_word("false")) {
      v.kind = Kind::kBool;
      v.boolean = s_[pos_ - 1] == 'e' && s_[pos_ - 2] == 'u';
      return v;
    }
    if (accept_word("NaN")) return float_value(std::numeric_limits<double>::quiet_NaN());
    if (accept_word("Inf")) return float_value(std::numeric_limits<double>::infinity());
    if (c == '-' && s_.substr(pos_, 4) == "-Inf") {
      pos_ += 4;
      return float_value(-std::numeric_limits<double>::infinity());
    }
    if (c == '\'') return string_value();
    if (c == '-' || c == '+' || c == '.' || std::isdigit(static_cast<unsigned char>(c)))
      return number();
    if (c == '[') {
      const size_t save = pos_++;
      if (peek(':')) {
        pos_ = save;
        return relationship();
      }
      pos_ = save;
      return list();
    }
    if (c == '{') return map();
    if (c == '(') return node();
    if (c == '<') return path();
    fail("unknown value");
  }

  static TckValue float_value(double d) {
    TckValue v;
    v.kind = Kind::kFloat;
    v.number = d;
    return v;
  }

  TckValue number() {
    const size_t start = pos_;
    if (s_[pos_] == '-' || s_[pos_] == '+') ++pos_;
    bool is_float = false;
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (std::isdigit(static_cast<unsigned char>(c))) {
        ++pos_;
      } else if (c == '.' || c == 'e' || c == 'E') {
        is_float = true;
        ++pos_;
        if ((c == 'e' || c == 'E') && pos_ < s_.size() && (s_[pos_] == '-' || s_[pos_] == '+'))
          ++pos_;
      } else {
        break;
      }
    }
    const std::string digits(s_.substr(start, pos_ - start));
    if (is_float) return float_value(std::strtod(digits.c_str(), nullptr));
    TckValue v;
    v.kind = Kind::kInt;
    errno = 0;
    v.integer = std::strtoll(digits.c_str(), nullptr, 10);
    if (errno == ERANGE) fail("integer out of range");
    return v;
  }

  std::string quoted() {
    expect('\'');
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != '\'') {
      char c = s_[pos_++];
      if (c == '\\' && pos_ < s_.size()) {
        const char e = s_[pos_++];
        switch (e) {
          case 'n': c = '\n'; break;
          case 't': c = '\t'; break;
          case 'r': c = '\r'; break;
          default: c = e;
        }
      }
      out += c;
    }
    expect('\'');
    return out;
  }

  TckValue string_value() {
    TckValue v;
    v.kind = Kind::kString;
    v.text = quoted();
    return v;
  }

  std::string name() {
    skip_space();
    if (pos_ < s_.size() && s_[pos_] == '`') {
      const size_t end = s_.find('`', pos_ + 1);
      if (end == std::string_view::npos) fail("unterminated `name`");
      std::string out(s_.substr(pos_ + 1, end - pos_ - 1));
      pos_ = end + 1;
      return out;
    }
    const size_t start = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) ||
                                s_[pos_] == '_' || static_cast<unsigned char>(s_[pos_]) >= 0x80))
      ++pos_;
    if (pos_ == start) fail("a name is missing");
    return std::string(s_.substr(start, pos_ - start));
  }

  TckValue list() {
    expect('[');
    TckValue v;
    v.kind = Kind::kList;
    if (peek(']')) {
      ++pos_;
      return v;
    }
    do {
      v.items.push_back(parse());
    } while (peek(',') && ++pos_);
    expect(']');
    return v;
  }

  std::vector<TckEntry> entries() {
    expect('{');
    std::vector<TckEntry> out;
    if (peek('}')) {
      ++pos_;
      return out;
    }
    do {
      std::string key = name();
      expect(':');
      out.emplace_back(std::move(key), parse());
    } while (peek(',') && ++pos_);
    expect('}');
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
    return out;
  }

  TckValue map() {
    TckValue v;
    v.kind = Kind::kMap;
    v.entries = entries();
    return v;
  }

  TckValue node() {
    expect('(');
    TckValue v;
    v.kind = Kind::kNode;
    while (peek(':')) {
      ++pos_;
      v.labels.push_back(name());
    }
    std::sort(v.labels.begin(), v.labels.end());
    if (peek('{')) v.entries = entries();
    expect(')');
    return v;
  }

  TckValue relationship() {
    expect('[');
    expect(':');
    TckValue v;
    v.kind = Kind::kRelationship;
    v.text = name();
    if (peek('{')) v.entries = entries();
    expect(']');
    return v;
  }

  TckValue path() {
    expect('<');
    TckValue v;
    v.kind = Kind::kPath;
    v.items.push_back(node());
    while (!peek('>')) {
      bool backward = false;
      if (peek('<')) {
        ++pos_;
        backward = true;
      }
      expect('-');
      TckValue rel = relationship();
      expect('-');
      bool forward_arrow = false;
      if (peek('>')) {
        // Either the arrow head or the path's end: an arrow head is followed by a node.
        const size_t save = pos_++;
        if (peek('(')) {
          forward_arrow = true;
        } else {
          pos_ = save;
        }
      }
      if (backward == forward_arrow) fail("a path relationship needs exactly one direction");
      rel.forward = forward_arrow;
      v.items.push_back(std::move(rel));
      v.items.push_back(node());
    }
    expect('>');
    return v;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

TckValue properties_of(const Map& props, TckValue v) {
  for (const auto& [k, val] : props) v.entries.emplace_back(k, to_tck_value(val));
  std::sort(v.entries.begin(), v.entries.end(),
            [](const auto& a, const auto& b) { return a.key < b.key; });
  return v;
}

TckValue node_value(const Node& n) {
  TckValue v;
  v.kind = Kind::kNode;
  v.labels = n.labels;
  std::sort(v.labels.begin(), v.labels.end());
  return properties_of(n.properties, std::move(v));
}

TckValue relationship_value(const Relationship& r) {
  TckValue v;
  v.kind = Kind::kRelationship;
  v.text = r.type;
  return properties_of(r.properties, std::move(v));
}

bool bag_equal(const std::vector<TckValue>& a, const std::vector<TckValue>& b, bool unordered) {
  if (a.size() != b.size()) return false;
  std::vector<bool> used(b.size(), false);
  for (const TckValue& x : a) {
    bool found = false;
    for (size_t i = 0; i < b.size() && !found; ++i)
      if (!used[i] && tck_equal(x, b[i], unordered)) used[i] = found = true;
    if (!found) return false;
  }
  return true;
}

bool entries_equal(const TckValue& a, const TckValue& b, bool unordered) {
  if (a.entries.size() != b.entries.size()) return false;
  for (size_t i = 0; i < a.entries.size(); ++i)
    if (a.entries[i].key != b.entries[i].key ||
        !tck_equal(a.entries[i].value, b.entries[i].value, unordered))
      return false;
  return true;
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string entries_text(const TckValue& v) {
  std::string out = "{";
  for (size_t i = 0; i < v.entries.size(); ++i)
    out += (i ? ", " : "") + v.entries[i].key + ": " + to_string(v.entries[i].value);
  return out + "}";
}

std::string float_text(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Inf" : "-Inf";
  char buf[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  std::string out = buf;
  if (out.find_first_of(".eEn") == std::string::npos) out += ".0";
  return out;
}

}  // namespace

TckValue parse_tck_value(std::string_view text) { return ValueParser(text).parse_all(); }

TckValue to_tck_value(const Value& value) {
  TckValue v;
  switch (value.type()) {
    case Type::kNull: break;
    case Type::kBool:
      v.kind = Kind::kBool;
      v.boolean = value.as_bool();
      break;
    case Type::kInt:
      v.kind = Kind::kInt;
      v.integer = value.as_int();
      break;
    case Type::kFloat:
      v.kind = Kind::kFloat;
      v.number = value.as_float();
      break;
    case Type::kString:
      v.kind = Kind::kString;
      v.text = value.as_string();
      break;
    case Type::kList:
      v.kind = Kind::kList;
      for (const Value& item : value.as_list()) v.items.push_back(to_tck_value(item));
      break;
    case Type::kMap:
      v.kind = Kind::kMap;
      v = properties_of(value.as_map(), std::move(v));
      break;
    case Type::kNode: return node_value(value.as_node());
    case Type::kRelationship: return relationship_value(value.as_relationship());
    case Type::kPath: {
      const Path& p = value.as_path();
      v.kind = Kind::kPath;
      v.items.push_back(node_value(p.nodes[0]));
      for (size_t i = 0; i < p.relationships.size(); ++i) {
        TckValue rel = relationship_value(p.relationships[i]);
        rel.forward = p.relationships[i].start == p.nodes[i].id;
        v.items.push_back(std::move(rel));
        v.items.push_back(node_value(p.nodes[i + 1]));
      }
      break;
    }
    default:
      // Temporal values: the TCK writes them as their openCypher string.
      v.kind = Kind::kString;
      v.text = value.to_string();
      if (const auto open = v.text.find("('"); open != std::string::npos)
        v.text = v.text.substr(open + 2, v.text.size() - open - 4);
      break;
  }
  return v;
}

bool tck_equal(const TckValue& a, const TckValue& b, bool unordered_lists) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Kind::kNull: return true;
    case Kind::kBool: return a.boolean == b.boolean;
    case Kind::kInt: return a.integer == b.integer;
    case Kind::kFloat:
      return (std::isnan(a.number) && std::isnan(b.number)) || a.number == b.number;
    case Kind::kString: return a.text == b.text;
    case Kind::kList:
      if (unordered_lists) return bag_equal(a.items, b.items, true);
      [[fallthrough]];
    case Kind::kPath:
      if (a.items.size() != b.items.size()) return false;
      for (size_t i = 0; i < a.items.size(); ++i)
        if (!tck_equal(a.items[i], b.items[i], unordered_lists)) return false;
      return true;
    case Kind::kMap: return entries_equal(a, b, unordered_lists);
    case Kind::kNode: return a.labels == b.labels && entries_equal(a, b, unordered_lists);
    case Kind::kRelationship:
      return a.text == b.text && a.forward == b.forward && entries_equal(a, b, unordered_lists);
  }
  return false;
}

std::string to_string(const TckValue& v) {
  switch (v.kind) {
    case Kind::kNull: return "null";
    case Kind::kBool: return v.boolean ? "true" : "false";
    case Kind::kInt: return std::to_string(v.integer);
    case Kind::kFloat: return float_text(v.number);
    case Kind::kString: return quote(v.text);
    case Kind::kList: {
      std::string out = "[";
      for (size_t i = 0; i < v.items.size(); ++i) out += (i ? ", " : "") + to_string(v.items[i]);
      return out + "]";
    }
    case Kind::kMap: return entries_text(v);
    case Kind::kNode: {
      std::string out = "(";
      for (const auto& l : v.labels) out += ":" + l;
      if (!v.entries.empty()) out += (v.labels.empty() ? "" : " ") + entries_text(v);
      return out + ")";
    }
    case Kind::kRelationship:
      return "[:" + v.text + (v.entries.empty() ? "" : " " + entries_text(v)) + "]";
    case Kind::kPath: {
      std::string out = "<" + to_string(v.items[0]);
      for (size_t i = 1; i + 1 < v.items.size(); i += 2) {
        const TckValue& rel = v.items[i];
        out += (rel.forward ? "-" : "<-") + to_string(rel) + (rel.forward ? "->" : "-") +
               to_string(v.items[i + 1]);
      }
      return out + ">";
    }
  }
  return "?";
}

Value to_value(const TckValue& v) {
  switch (v.kind) {
    case Kind::kNull: return Value();
    case Kind::kBool: return Value(v.boolean);
    case Kind::kInt: return Value(v.integer);
    case Kind::kFloat: return Value(v.number);
    case Kind::kString: return Value(v.text);
    case Kind::kList: {
      List list;
      for (const TckValue& item : v.items) list.push_back(to_value(item));
      return Value(std::move(list));
    }
    case Kind::kMap: {
      Map map;
      for (const TckEntry& e : v.entries) map.emplace_back(e.key, to_value(e.value));
      return Value::map(std::move(map));
    }
    default:
      throw std::runtime_error("a node, relationship or path cannot be passed in: " + to_string(v));
  }
}

}  // namespace guanxi::tck
