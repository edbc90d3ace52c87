// Helpers for the expression tests: a fake EvaluationContext holding a tiny
// in-memory graph, and builders for hand-made ASTs.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "query/ast.h"
#include "query/expression/evaluation_context.h"
#include "query/expression/evaluator.h"
#include "query/expression/function_registry.h"
#include "query/query_error.h"
#include "query/value.h"
#include "storage/temporal.h"

namespace guanxi::query::testing {

using ast::BinaryOp;
using ast::Expression;
using ast::ExpressionKind;
using ast::ExpressionPtr;
using ast::UnaryOp;

class FakeContext : public EvaluationContext {
 public:
  struct NodeData {
    List labels;
    Map properties;
  };
  struct RelData {
    std::string type;
    Map properties;
  };

  std::map<std::string, Value> parameters;
  std::map<storage::NodeId, NodeData> nodes;
  std::map<storage::RelationshipId, RelData> rels;
  std::string text;
  Value pattern_result = Value(true);
  int pattern_calls = 0;
  int cancel_checks = 0;
  MemoryBudget budget{std::uint64_t{1} << 40};
  // 2024-05-17T10:30:00Z
  DateTime now = *storage::parse_datetime("2024-05-17T10:30:00Z");

  const Value& parameter(const std::string& name) override {
    auto it = parameters.find(name);
    if (it == parameters.end())
      throw QueryError(QueryErrorCode::kSemantic, "Expected parameter $" + name);
    return it->second;
  }
  Value node_property(NodeRef node, std::string_view key) override {
    const Value props = Value::map(nodes.at(node.id).properties);
    const Value* v = props.find(key);
    return v != nullptr ? *v : Value();
  }
  Value relationship_property(const RelRef& rel, std::string_view key) override {
    const Value props = Value::map(rels.at(rel.id).properties);
    const Value* v = props.find(key);
    return v != nullptr ? *v : Value();
  }
  Map node_properties(NodeRef node) override { return nodes.at(node.id).properties; }
  Map relationship_properties(const RelRef& rel) override { return rels.at(rel.id).properties; }
  List node_labels(NodeRef node) override { return nodes.at(node.id).labels; }
  std::string relationship_type(const RelRef& rel) override { return rels.at(rel.id).type; }
  Value evaluate_pattern(const Expression&, Row&) override {
    ++pattern_calls;
    return pattern_result;
  }
  void check_cancelled() override { ++cancel_checks; }
  double random() override { return 0.25; }
  MemoryBudget& memory_budget() override { return budget; }
  DateTime statement_time() override { return now; }
  std::string_view query_text() override { return text; }
};

// --- AST builders -------------------------------------------------------------

inline ExpressionPtr make(ExpressionKind kind) {
  auto e = std::make_unique<Expression>();
  e->kind = kind;
  return e;
}

template <typename... Children>
std::vector<ExpressionPtr> children(Children&&... c) {
  std::vector<ExpressionPtr> out;
  (out.push_back(std::forward<Children>(c)), ...);
  return out;
}

inline ExpressionPtr lit(Value v) {
  auto e = make(ExpressionKind::kLiteral);
  e->literal = std::move(v);
  return e;
}

inline ExpressionPtr var(const std::string& name, int slot) {
  auto e = make(ExpressionKind::kVariable);
  e->name = name;
  e->slot = slot;
  return e;
}

inline ExpressionPtr param(const std::string& name) {
  auto e = make(ExpressionKind::kParameter);
  e->name = name;
  return e;
}

inline ExpressionPtr prop(ExpressionPtr subject, const std::string& key) {
  auto e = make(ExpressionKind::kProperty);
  e->name = key;
  e->children.push_back(std::move(subject));
  return e;
}

inline ExpressionPtr bin(BinaryOp op, ExpressionPtr a, ExpressionPtr b) {
  auto e = make(ExpressionKind::kBinary);
  e->binary_op = op;
  e->children = children(std::move(a), std::move(b));
  return e;
}

inline ExpressionPtr bin(BinaryOp op, Value a, Value b) {
  return bin(op, lit(std::move(a)), lit(std::move(b)));
}

inline ExpressionPtr un(UnaryOp op, ExpressionPtr a) {
  auto e = make(ExpressionKind::kUnary);
  e->unary_op = op;
  e->children.push_back(std::move(a));
  return e;
}

inline ExpressionPtr is_null(ExpressionPtr a, bool negated = false) {
  auto e = make(ExpressionKind::kIsNull);
  e->negated = negated;
  e->children.push_back(std::move(a));
  return e;
}

inline ExpressionPtr call(const std::string& name, std::vector<ExpressionPtr> args) {
  auto e = make(ExpressionKind::kFunctionCall);
  e->name = name;
  e->children = std::move(args);
  return e;
}

inline ExpressionPtr list_of(std::vector<ExpressionPtr> items) {
  auto e = make(ExpressionKind::kList);
  e->children = std::move(items);
  return e;
}

inline ExpressionPtr map_of(std::vector<std::string> keys, std::vector<ExpressionPtr> values) {
  auto e = make(ExpressionKind::kMap);
  e->keys = std::move(keys);
  e->children = std::move(values);
  return e;
}

inline ExpressionPtr index(ExpressionPtr subject, ExpressionPtr i) {
  auto e = make(ExpressionKind::kDynamicIndex);
  e->children = children(std::move(subject), std::move(i));
  return e;
}

inline ExpressionPtr slice(ExpressionPtr subject, ExpressionPtr from, ExpressionPtr to) {
  auto e = make(ExpressionKind::kSlice);
  e->children = children(std::move(subject), std::move(from), std::move(to));
  return e;
}

// --- evaluation shortcuts -------------------------------------------------------

inline Value eval(const ExpressionPtr& e, FakeContext& ctx, Row& row) {
  return evaluate(*e, row, ctx);
}

inline Value eval(const ExpressionPtr& e) {
  FakeContext ctx;
  Row row;
  return evaluate(*e, row, ctx);
}

// Calls the scalar function `name` with `args` directly.
inline Value fn(const std::string& name, std::vector<Value> args) {
  FakeContext ctx;
  const FunctionDefinition* f = find_function(name);
  if (f == nullptr) throw std::runtime_error("no function " + name);
  return call_function(*f, args, ctx);
}

// The code of the QueryError that `body` throws; fails the test if none.
template <typename Body>
QueryErrorCode error_code(Body&& body) {
  try {
    body();
  } catch (const QueryError& e) {
    return e.code();
  }
  ADD_FAILURE() << "expected a QueryError";
  return QueryErrorCode::kStorage;
}

// The what() of the QueryError that `body` throws.
template <typename Body>
std::string error_text(Body&& body) {
  try {
    body();
  } catch (const QueryError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a QueryError";
  return "";
}

inline Value date(const char* text) { return Value(*storage::parse_date(text)); }
inline Value datetime(const char* text) { return Value(*storage::parse_datetime(text)); }
inline Value duration(const char* text) { return Value(*storage::parse_duration(text)); }

inline std::string str(const Value& v) { return v.to_string(); }

}  // namespace guanxi::query::testing
