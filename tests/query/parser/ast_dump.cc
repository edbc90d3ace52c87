#include "tests/query/parser/ast_dump.h"

#include <fmt/format.h>

namespace guanxi::query::testing {

namespace {

std::string literal(const Value& value) {
  switch (value.kind()) {
    case ValueKind::kNull: return "null";
    case ValueKind::kBool: return value.as_bool() ? "true" : "false";
    case ValueKind::kInt: return std::to_string(value.as_int());
    case ValueKind::kFloat: return fmt::format("{}f", value.as_float());
    case ValueKind::kString: return "'" + value.as_string() + "'";
    default: return "?";
  }
}

const char* binary_name(ast::BinaryOp op) {
  using ast::BinaryOp;
  switch (op) {
    case BinaryOp::kOr: return "or";
    case BinaryOp::kXor: return "xor";
    case BinaryOp::kAnd: return "and";
    case BinaryOp::kEq: return "=";
    case BinaryOp::kNe: return "<>";
    case BinaryOp::kLt: return "<";
    case BinaryOp::kLe: return "<=";
    case BinaryOp::kGt: return ">";
    case BinaryOp::kGe: return ">=";
    case BinaryOp::kIn: return "in";
    case BinaryOp::kStartsWith: return "starts";
    case BinaryOp::kEndsWith: return "ends";
    case BinaryOp::kContains: return "contains";
    case BinaryOp::kRegexMatch: return "=~";
    case BinaryOp::kAdd: return "+";
    case BinaryOp::kSub: return "-";
    case BinaryOp::kMul: return "*";
    case BinaryOp::kDiv: return "/";
    case BinaryOp::kMod: return "%";
    case BinaryOp::kPow: return "^";
  }
  return "?";
}

std::string children(const ast::Expression& e, std::size_t from = 0) {
  std::string out;
  for (std::size_t i = from; i < e.children.size(); ++i) out += " " + dump(e.children[i]);
  return out;
}

std::string node(const ast::NodePattern& n) {
  std::string out = "(" + n.variable;
  for (const auto& label : n.labels) out += ":" + label;
  if (n.properties) out += " " + dump(n.properties);
  return out + ")";
}

std::string rel(const ast::RelPattern& r) {
  std::string inner = r.variable;
  for (std::size_t i = 0; i < r.types.size(); ++i) inner += (i == 0 ? ":" : "|") + r.types[i];
  if (r.variable_length) {
    inner += "*";
    if (r.min_hops) inner += std::to_string(*r.min_hops);
    inner += "..";
    if (r.max_hops) inner += std::to_string(*r.max_hops);
  }
  if (r.properties) inner += " " + dump(r.properties);
  std::string body = inner.empty() ? "--" : "-[" + inner + "]-";
  switch (r.direction) {
    case ast::RelDirection::kRight: return body + ">";
    case ast::RelDirection::kLeft: return "<" + body;
    case ast::RelDirection::kBoth: return body;
  }
  return body;
}

}  // namespace

std::string dump(const ast::PatternPart& part) {
  std::string out;
  if (!part.path_variable.empty()) out += part.path_variable + " = ";
  if (part.shortest == ast::PatternPart::Shortest::kShortest) out += "shortestPath(";
  if (part.shortest == ast::PatternPart::Shortest::kAllShortest) out += "allShortestPaths(";
  for (std::size_t i = 0; i < part.nodes.size(); ++i) {
    if (i > 0) out += rel(part.rels[i - 1]);
    out += node(part.nodes[i]);
  }
  if (part.shortest != ast::PatternPart::Shortest::kNone) out += ")";
  return out;
}

std::string dump(const ast::Expression* expression) {
  if (expression == nullptr) return "_";
  const ast::Expression& e = *expression;
  using K = ast::ExpressionKind;
  switch (e.kind) {
    case K::kLiteral: return literal(e.literal);
    case K::kParameter: return "$" + e.name;
    case K::kVariable: return e.name;
    case K::kProperty: return "(. " + dump(e.children[0]) + " " + e.name + ")";
    case K::kDynamicIndex: return "([]" + children(e) + ")";
    case K::kSlice: return "([..]" + children(e) + ")";
    case K::kList: return "[" + (e.children.empty() ? "" : children(e).substr(1)) + "]";
    case K::kMap: {
      std::string out = "{";
      for (std::size_t i = 0; i < e.keys.size(); ++i) {
        out += (i ? ", " : "") + e.keys[i] + ": " + dump(e.children[i]);
      }
      return out + "}";
    }
    case K::kMapProjection: {
      std::string out = e.name + "{";
      for (std::size_t i = 0; i < e.projection_items.size(); ++i) {
        const auto& item = e.projection_items[i];
        out += i ? ", " : "";
        switch (item.kind) {
          case ast::MapProjectionItem::Kind::kProperty: out += "." + item.key; break;
          case ast::MapProjectionItem::Kind::kAllProperties: out += ".*"; break;
          case ast::MapProjectionItem::Kind::kLiteralEntry:
            out += item.key + ": " + dump(item.value);
            break;
          case ast::MapProjectionItem::Kind::kVariable: out += item.key; break;
        }
      }
      return out + "}";
    }
    case K::kUnary: {
      const char* op = e.unary_op == ast::UnaryOp::kNot     ? "not"
                       : e.unary_op == ast::UnaryOp::kMinus ? "neg"
                                                            : "pos";
      return fmt::format("({}{})", op, children(e));
    }
    case K::kBinary: return fmt::format("({}{})", binary_name(e.binary_op), children(e));
    case K::kIsNull: return fmt::format("({}{})", e.negated ? "notnull" : "isnull", children(e));
    case K::kFunctionCall:
      return fmt::format("(call {}{}{})", e.name, e.distinct ? " distinct" : "", children(e));
    case K::kCountStar: return "count(*)";
    case K::kCase: return "(case" + children(e) + ")";
    case K::kListComprehension: return "(listcomp " + e.name + children(e) + ")";
    case K::kQuantifier: {
      const char* q = e.quantifier == ast::Quantifier::kAll    ? "all"
                      : e.quantifier == ast::Quantifier::kAny  ? "any"
                      : e.quantifier == ast::Quantifier::kNone ? "none"
                                                               : "single";
      return fmt::format("({} {}{})", q, e.name, children(e));
    }
    case K::kReduce:
      return fmt::format("(reduce {} {} {} {} {})", e.keys[0], dump(e.children[0]), e.name,
                         dump(e.children[1]), dump(e.children[2]));
    case K::kPatternPredicate: return "(pattern " + dump(e.pattern[0]) + ")";
    case K::kExists:
    case K::kCountSubquery: {
      std::string out = e.kind == K::kExists ? "(exists" : "(count";
      if (e.subquery) out += " {query of " + std::to_string(e.subquery->parts.size()) + "}";
      for (const auto& part : e.pattern) out += " " + dump(part);
      return out + children(e) + ")";
    }
    case K::kPatternComprehension: return "(patcomp " + dump(e.pattern[0]) + children(e) + ")";
  }
  return "?";
}

}  // namespace guanxi::query::testing
