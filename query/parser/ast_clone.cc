#include "query/parser/ast_clone.h"

namespace guanxi::query::ast {

ExpressionPtr clone(const Expression* expression) {
  if (expression == nullptr) return nullptr;
  auto copy = std::make_unique<Expression>();
  copy->kind = expression->kind;
  copy->pos = expression->pos;
  copy->literal = expression->literal;
  copy->name = expression->name;
  copy->unary_op = expression->unary_op;
  copy->binary_op = expression->binary_op;
  copy->quantifier = expression->quantifier;
  copy->distinct = expression->distinct;
  copy->negated = expression->negated;
  copy->children.reserve(expression->children.size());
  for (const ExpressionPtr& child : expression->children) copy->children.push_back(clone(child));
  copy->keys = expression->keys;
  copy->projection_items.reserve(expression->projection_items.size());
  for (const MapProjectionItem& item : expression->projection_items) {
    MapProjectionItem item_copy;
    item_copy.kind = item.kind;
    item_copy.key = item.key;
    item_copy.value = clone(item.value);
    item_copy.slot = item.slot;
    copy->projection_items.push_back(std::move(item_copy));
  }
  copy->pattern.reserve(expression->pattern.size());
  for (const PatternPart& part : expression->pattern) copy->pattern.push_back(clone(part));
  copy->slot = expression->slot;
  copy->accumulator_slot = expression->accumulator_slot;
  copy->function = expression->function;
  copy->text = expression->text;
  return copy;
}

bool holds_subquery(const Expression& expression) {
  if (expression.subquery) return true;
  auto holds = [](const ExpressionPtr& e) { return e != nullptr && holds_subquery(*e); };
  for (const ExpressionPtr& child : expression.children) {
    if (holds(child)) return true;
  }
  for (const MapProjectionItem& item : expression.projection_items) {
    if (holds(item.value)) return true;
  }
  for (const PatternPart& part : expression.pattern) {
    for (const NodePattern& node : part.nodes) {
      if (holds(node.properties)) return true;
    }
    for (const RelPattern& rel : part.rels) {
      if (holds(rel.properties)) return true;
    }
  }
  return false;
}

NodePattern clone(const NodePattern& node) {
  NodePattern copy;
  copy.pos = node.pos;
  copy.variable = node.variable;
  copy.labels = node.labels;
  copy.properties = clone(node.properties);
  return copy;
}

RelPattern clone(const RelPattern& rel) {
  RelPattern copy;
  copy.pos = rel.pos;
  copy.variable = rel.variable;
  copy.types = rel.types;
  copy.direction = rel.direction;
  copy.variable_length = rel.variable_length;
  copy.min_hops = rel.min_hops;
  copy.max_hops = rel.max_hops;
  copy.properties = clone(rel.properties);
  return copy;
}

PatternPart clone(const PatternPart& part) {
  PatternPart copy;
  copy.pos = part.pos;
  copy.path_variable = part.path_variable;
  copy.shortest = part.shortest;
  copy.nodes.reserve(part.nodes.size());
  for (const NodePattern& node : part.nodes) copy.nodes.push_back(clone(node));
  copy.rels.reserve(part.rels.size());
  for (const RelPattern& rel : part.rels) copy.rels.push_back(clone(rel));
  return copy;
}

}  // namespace guanxi::query::ast
