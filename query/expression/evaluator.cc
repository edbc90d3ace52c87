#include "query/expression/evaluator.h"

#include <algorithm>

#include "query/expression/arithmetic.h"
#include "query/expression/comparison.h"
#include "query/expression/evaluator_internal.h"
#include "query/expression/function_registry.h"
#include "query/expression/regex_match.h"
#include "query/expression/temporal_ops.h"

namespace guanxi::query {

using ast::BinaryOp;
using ast::Expression;
using ast::ExpressionKind;

namespace detail {

void type_error(const std::string& what, const char* expected, const Value& got) {
  throw QueryError(QueryErrorCode::kType, "Type mismatch: " + what + " expected " + expected +
                                              " but was " + value_kind_name(got.kind()));
}

Value property_of(const Value& subject, const std::string& key, EvaluationContext& ctx) {
  switch (subject.kind()) {
    case ValueKind::kNull: return Value();
    case ValueKind::kNode: return ctx.node_property(subject.as_node(), key);
    case ValueKind::kRelationship: return ctx.relationship_property(subject.as_relationship(), key);
    case ValueKind::kMap: {
      const Value* v = subject.find(key);
      return v != nullptr ? *v : Value();
    }
    case ValueKind::kDate:
    case ValueKind::kLocalTime:
    case ValueKind::kTime:
    case ValueKind::kLocalDateTime:
    case ValueKind::kDateTime:
    case ValueKind::kDuration: {
      std::optional<Value> field = temporal::field(subject, key);
      if (!field)
        throw QueryError(
            QueryErrorCode::kInvalidArgument,
            std::string("A ") + value_kind_name(subject.kind()) + " has no field `" + key + "`");
      return *field;
    }
    default: type_error("property access `." + key + "`", "a MAP, NODE or RELATIONSHIP", subject);
  }
}

}  // namespace detail

namespace {

using detail::type_error;

const Value& slot_value(const Expression& e, int slot, const Row& row, const char* what) {
  if (slot < 0 || static_cast<size_t>(slot) >= row.size()) {
    throw QueryError(
        QueryErrorCode::kSemantic,
        std::string(what) + " `" + (e.text.empty() ? e.name : e.text) + "` is not available here");
  }
  return row[static_cast<size_t>(slot)];
}

// Three-valued logic operands: a BOOLEAN or null.
std::optional<bool> logic_operand(const Value& v, const char* op) {
  if (v.is_null()) return std::nullopt;
  if (v.kind() != ValueKind::kBool) type_error(std::string("operand of ") + op, "a BOOLEAN", v);
  return v.as_bool();
}

Value from_optional(std::optional<bool> b) { return b ? Value(*b) : Value(); }

Value evaluate_logic(const Expression& e, Row& row, EvaluationContext& ctx) {
  const char* name = e.binary_op == BinaryOp::kAnd  ? "AND"
                     : e.binary_op == BinaryOp::kOr ? "OR"
                                                    : "XOR";
  std::optional<bool> a = logic_operand(evaluate(*e.children[0], row, ctx), name);
  // Short-circuit where the left side decides the result.
  if (e.binary_op == BinaryOp::kAnd && a == false) return Value(false);
  if (e.binary_op == BinaryOp::kOr && a == true) return Value(true);
  std::optional<bool> b = logic_operand(evaluate(*e.children[1], row, ctx), name);
  switch (e.binary_op) {
    case BinaryOp::kAnd:
      if (b == false) return Value(false);
      if (!a || !b) return Value();
      return Value(true);
    case BinaryOp::kOr:
      if (b == true) return Value(true);
      if (!a || !b) return Value();
      return Value(false);
    default:
      if (!a || !b) return Value();
      return Value(*a != *b);
  }
}

Value evaluate_in(const Value& needle, const Value& haystack) {
  if (haystack.is_null()) return Value();
  if (haystack.kind() != ValueKind::kList) type_error("right side of IN", "a LIST", haystack);
  const List& list = haystack.as_list();
  if (list.empty()) return Value(false);
  if (needle.is_null()) return Value();
  bool unknown = false;
  for (const Value& item : list) {
    std::optional<bool> eq = cypher_equals(needle, item);
    if (eq == true) return Value(true);
    if (!eq) unknown = true;
  }
  return unknown ? Value() : Value(false);
}

Value evaluate_string_predicate(const Expression& e, const Value& a, const Value& b) {
  if (a.kind() != ValueKind::kString || b.kind() != ValueKind::kString) return Value();
  const std::string& s = a.as_string();
  const std::string& t = b.as_string();
  switch (e.binary_op) {
    case BinaryOp::kStartsWith: return Value(s.starts_with(t));
    case BinaryOp::kEndsWith: return Value(s.ends_with(t));
    case BinaryOp::kContains: return Value(s.find(t) != std::string::npos);
    default: return Value(regex_full_match(t, s));
  }
}

Value evaluate_binary(const Expression& e, Row& row, EvaluationContext& ctx) {
  switch (e.binary_op) {
    case BinaryOp::kAnd:
    case BinaryOp::kOr:
    case BinaryOp::kXor: return evaluate_logic(e, row, ctx);
    default: break;
  }
  Value a = evaluate(*e.children[0], row, ctx);
  Value b = evaluate(*e.children[1], row, ctx);
  switch (e.binary_op) {
    case BinaryOp::kEq:
    case BinaryOp::kNe:
    case BinaryOp::kLt:
    case BinaryOp::kLe:
    case BinaryOp::kGt:
    case BinaryOp::kGe: return from_optional(evaluate_comparison(e.binary_op, a, b));
    case BinaryOp::kIn: return evaluate_in(a, b);
    case BinaryOp::kStartsWith:
    case BinaryOp::kEndsWith:
    case BinaryOp::kContains:
    case BinaryOp::kRegexMatch: return evaluate_string_predicate(e, a, b);
    default: return apply_arithmetic(e.binary_op, a, b);
  }
}

Value evaluate_unary(const Expression& e, Row& row, EvaluationContext& ctx) {
  Value v = evaluate(*e.children[0], row, ctx);
  switch (e.unary_op) {
    case ast::UnaryOp::kNot: {
      std::optional<bool> b = logic_operand(v, "NOT");
      return b ? Value(!*b) : Value();
    }
    case ast::UnaryOp::kMinus: return negate_value(v);
    case ast::UnaryOp::kPlus:
      if (v.is_null() || v.is_number() || v.kind() == ValueKind::kDuration) return v;
      type_error("operand of unary +", "a number or DURATION", v);
  }
  return Value();
}

// Resolves a list index, negative from the end; nullopt when out of range.
std::optional<size_t> list_position(std::int64_t index, size_t size) {
  const auto n = static_cast<std::int64_t>(size);
  if (index < 0) index += n;
  if (index < 0 || index >= n) return std::nullopt;
  return static_cast<size_t>(index);
}

Value evaluate_index(const Expression& e, Row& row, EvaluationContext& ctx) {
  Value subject = evaluate(*e.children[0], row, ctx);
  Value index = evaluate(*e.children[1], row, ctx);
  if (subject.is_null() || index.is_null()) return Value();
  if (subject.kind() == ValueKind::kList) {
    if (index.kind() != ValueKind::kInt) type_error("list index", "an INTEGER", index);
    std::optional<size_t> pos = list_position(index.as_int(), subject.as_list().size());
    return pos ? subject.as_list()[*pos] : Value();
  }
  if (subject.kind() == ValueKind::kMap || subject.kind() == ValueKind::kNode ||
      subject.kind() == ValueKind::kRelationship) {
    if (index.kind() != ValueKind::kString) type_error("map key", "a STRING", index);
    return detail::property_of(subject, index.as_string(), ctx);
  }
  type_error("subscript", "a LIST, MAP, NODE or RELATIONSHIP", subject);
}

Value evaluate_slice(const Expression& e, Row& row, EvaluationContext& ctx) {
  Value subject = evaluate(*e.children[0], row, ctx);
  if (subject.is_null()) return Value();
  if (subject.kind() != ValueKind::kList) type_error("slice", "a LIST", subject);
  const auto n = static_cast<std::int64_t>(subject.as_list().size());
  auto bound = [&](size_t child, std::int64_t fallback) -> std::optional<std::int64_t> {
    if (e.children.size() <= child || e.children[child] == nullptr) return fallback;
    Value v = evaluate(*e.children[child], row, ctx);
    if (v.is_null()) return std::nullopt;
    if (v.kind() != ValueKind::kInt) type_error("slice bound", "an INTEGER", v);
    std::int64_t i = v.as_int();
    if (i < 0) i = std::max<std::int64_t>(0, n + std::max<std::int64_t>(i, -n));
    return std::min(i, n);
  };
  std::optional<std::int64_t> from = bound(1, 0);
  std::optional<std::int64_t> to = bound(2, n);
  if (!from || !to) return Value();
  if (*from >= *to) return Value(List{});
  const List& list = subject.as_list();
  return Value(List(list.begin() + *from, list.begin() + *to));
}

Value evaluate_map_projection(const Expression& e, Row& row, EvaluationContext& ctx) {
  const Value subject = slot_value(e, e.slot, row, "Variable");
  if (subject.is_null()) return Value();
  if (subject.kind() != ValueKind::kMap && subject.kind() != ValueKind::kNode &&
      subject.kind() != ValueKind::kRelationship)
    type_error("map projection", "a MAP, NODE or RELATIONSHIP", subject);
  Map entries;
  for (const ast::MapProjectionItem& item : e.projection_items) {
    switch (item.kind) {
      case ast::MapProjectionItem::Kind::kProperty:
        entries.emplace_back(item.key, detail::property_of(subject, item.key, ctx));
        break;
      case ast::MapProjectionItem::Kind::kAllProperties: {
        Map all = subject.kind() == ValueKind::kNode ? ctx.node_properties(subject.as_node())
                  : subject.kind() == ValueKind::kRelationship
                      ? ctx.relationship_properties(subject.as_relationship())
                      : subject.as_map();
        for (auto& entry : all) entries.push_back(std::move(entry));
        break;
      }
      case ast::MapProjectionItem::Kind::kLiteralEntry:
        entries.emplace_back(item.key, evaluate(*item.value, row, ctx));
        break;
      case ast::MapProjectionItem::Kind::kVariable: {
        if (item.slot < 0 || static_cast<size_t>(item.slot) >= row.size())
          throw QueryError(QueryErrorCode::kSemantic,
                           "Variable `" + item.key + "` is not available here");
        entries.emplace_back(item.key, row[static_cast<size_t>(item.slot)]);
        break;
      }
    }
  }
  Value map = Value::map(std::move(entries));
  check_value_nesting(map);
  return map;
}

Value evaluate_case(const Expression& e, Row& row, EvaluationContext& ctx) {
  const size_t n = e.children.size();
  if (n < 2) throw QueryError(QueryErrorCode::kSemantic, "CASE without WHEN");
  const size_t pairs = (n - 2) / 2;
  std::optional<Value> subject;
  if (e.children[0] != nullptr) subject = evaluate(*e.children[0], row, ctx);
  for (size_t i = 0; i < pairs; ++i) {
    Value when = evaluate(*e.children[1 + 2 * i], row, ctx);
    const bool hit = subject ? cypher_equals(*subject, when) == true : is_true(when);
    if (hit) return evaluate(*e.children[2 + 2 * i], row, ctx);
  }
  if (e.children[n - 1] != nullptr) return evaluate(*e.children[n - 1], row, ctx);
  return Value();
}

Value evaluate_function(const Expression& e, Row& row, EvaluationContext& ctx) {
  const FunctionDefinition* f = e.function != nullptr ? e.function : find_function(e.name);
  if (f == nullptr)
    throw QueryError(QueryErrorCode::kSemantic, "Unknown function '" + e.name + "'");
  if (f->aggregate) return slot_value(e, e.slot, row, "Aggregate");
  // exists(pattern) is the pattern's own answer, not whether it is null.
  if (f->name == "exists" && e.children.size() == 1 && e.children[0] != nullptr &&
      (e.children[0]->kind == ExpressionKind::kPatternPredicate ||
       e.children[0]->kind == ExpressionKind::kExists)) {
    return ctx.evaluate_pattern(*e.children[0], row);
  }
  std::vector<Value> args;
  args.reserve(e.children.size());
  for (const auto& child : e.children) args.push_back(evaluate(*child, row, ctx));
  return call_function(*f, args, ctx);
}

Value evaluate_node(const Expression& e, Row& row, EvaluationContext& ctx) {
  switch (e.kind) {
    case ExpressionKind::kLiteral: return e.literal;
    case ExpressionKind::kParameter: return ctx.parameter(e.name);
    case ExpressionKind::kVariable: return slot_value(e, e.slot, row, "Variable");
    case ExpressionKind::kProperty:
      return detail::property_of(evaluate(*e.children[0], row, ctx), e.name, ctx);
    case ExpressionKind::kDynamicIndex: return evaluate_index(e, row, ctx);
    case ExpressionKind::kSlice: return evaluate_slice(e, row, ctx);
    case ExpressionKind::kList: {
      List out;
      out.reserve(e.children.size());
      for (const auto& child : e.children) out.push_back(evaluate(*child, row, ctx));
      Value list(std::move(out));
      check_value_nesting(list);
      return list;
    }
    case ExpressionKind::kMap: {
      Map out;
      out.reserve(e.children.size());
      for (size_t i = 0; i < e.children.size() && i < e.keys.size(); ++i)
        out.emplace_back(e.keys[i], evaluate(*e.children[i], row, ctx));
      Value map = Value::map(std::move(out));
      check_value_nesting(map);
      return map;
    }
    case ExpressionKind::kMapProjection: return evaluate_map_projection(e, row, ctx);
    case ExpressionKind::kUnary: return evaluate_unary(e, row, ctx);
    case ExpressionKind::kBinary: return evaluate_binary(e, row, ctx);
    case ExpressionKind::kIsNull: {
      const bool null = evaluate(*e.children[0], row, ctx).is_null();
      return Value(e.negated ? !null : null);
    }
    case ExpressionKind::kFunctionCall: return evaluate_function(e, row, ctx);
    case ExpressionKind::kCountStar: return slot_value(e, e.slot, row, "Aggregate");
    case ExpressionKind::kCase: return evaluate_case(e, row, ctx);
    case ExpressionKind::kListComprehension:
      return detail::evaluate_list_comprehension(e, row, ctx);
    case ExpressionKind::kQuantifier: return detail::evaluate_quantifier(e, row, ctx);
    case ExpressionKind::kReduce: return detail::evaluate_reduce(e, row, ctx);
    case ExpressionKind::kPatternPredicate:
    case ExpressionKind::kExists:
    case ExpressionKind::kCountSubquery:
    case ExpressionKind::kPatternComprehension: return ctx.evaluate_pattern(e, row);
  }
  throw QueryError(QueryErrorCode::kSemantic, "Unknown expression kind");
}

}  // namespace

Value evaluate(const Expression& expression, Row& row, EvaluationContext& ctx) {
  try {
    return evaluate_node(expression, row, ctx);
  } catch (const QueryError& error) {
    // The innermost expression that failed names the spot, once.
    if (error.position().known() || !expression.pos.known() ||
        error.code() == QueryErrorCode::kCancelled || error.code() == QueryErrorCode::kStorage)
      throw;
    const std::string_view text = ctx.query_text();
    if (text.empty()) throw;
    throw QueryError(error.code(), error.message(), expression.pos, text);
  }
}

bool is_true(const Value& value) { return value.kind() == ValueKind::kBool && value.as_bool(); }

}  // namespace guanxi::query
