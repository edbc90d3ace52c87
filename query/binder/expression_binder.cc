// The expression half of the binder: variables to slots, functions to their
// definitions, aggregate placement, and the scopes expressions open.
#include <string>
#include <utility>

#include "query/binder/binder_impl.h"
#include "query/binder/constant_type_check.h"
#include "query/binder/pattern_position_check.h"
#include "query/expression/function_registry.h"

namespace guanxi::query {

namespace {

std::string arity_text(const FunctionDefinition& f) {
  if (f.min_args == f.max_args) return std::to_string(f.min_args);
  if (f.max_args < 0) return "at least " + std::to_string(f.min_args);
  return std::to_string(f.min_args) + " to " + std::to_string(f.max_args);
}

}  // namespace

void Binder::bind_condition(ast::Expression* condition) {
  binding_condition_ = true;
  bind_expression(condition, AggregateRule::kForbidden);
  binding_condition_ = false;
}

void Binder::bind_expression(ast::Expression* e, AggregateRule rule, BoundProjection* aggregates) {
  if (!e) return;
  // The whole expression, once bound, is checked for type errors in its
  // constant parts; its subexpressions are bound through here too.
  if (expression_depth_ == 0) {
    const bool condition = std::exchange(binding_condition_, false);
    check_pattern_positions(*e, condition, statement_.text);
    struct Depth {
      int& depth;
      explicit Depth(int& d) : depth(d) { ++depth; }
      ~Depth() { --depth; }
    } depth(expression_depth_);
    bind_expression_node(e, rule, aggregates);
    check_constant_types(*e, result_.slot_count, statement_.text);
    return;
  }
  bind_expression_node(e, rule, aggregates);
}

void Binder::bind_expression_node(ast::Expression* e, AggregateRule rule,
                                  BoundProjection* aggregates) {
  using K = ast::ExpressionKind;
  switch (e->kind) {
    case K::kVariable: e->slot = defined_slot(e->name, e->pos); return;
    case K::kProperty: {
      // A property of a variable that holds a scalar, a list or a path is a
      // type error whatever the rows.
      const ast::Expression& owner = *e->children[0];
      if (owner.kind == K::kVariable) {
        const auto var = scope_.find(owner.name);
        if (var && (var->kind == VariableKind::kScalar || var->kind == VariableKind::kList ||
                    var->kind == VariableKind::kPath)) {
          const char* held = var->kind == VariableKind::kList   ? "LIST"
                             : var->kind == VariableKind::kPath ? "PATH"
                                                                : "scalar value";
          fail(QueryErrorCode::kType,
               "Type mismatch: property access `." + e->name + "` expected a MAP, NODE or " +
                   "RELATIONSHIP but `" + owner.name + "` holds a " + held,
               e->pos);
        }
      }
      for (auto& child : e->children) bind_expression(child.get(), rule, aggregates);
      return;
    }
    case K::kMapProjection: bind_map_projection(*e, rule, aggregates); return;
    case K::kCountStar:
    case K::kFunctionCall: bind_function_call(*e, rule, aggregates); return;
    case K::kListComprehension:
    case K::kQuantifier:
    case K::kReduce: bind_iteration(*e, rule, aggregates); return;
    case K::kExists:
    case K::kCountSubquery:
      if (e->subquery) {
        bind_expression_subquery(*e);
        return;
      }
      bind_pattern_expression(*e, rule, aggregates);
      return;
    case K::kPatternPredicate:
    case K::kPatternComprehension: bind_pattern_expression(*e, rule, aggregates); return;
    default:
      for (auto& child : e->children) bind_expression(child.get(), rule, aggregates);
      return;
  }
}

void Binder::bind_map_projection(ast::Expression& e, AggregateRule rule,
                                 BoundProjection* aggregates) {
  e.slot = defined_slot(e.name, e.pos);
  for (auto& item : e.projection_items) {
    if (item.kind == ast::MapProjectionItem::Kind::kVariable) {
      item.slot = defined_slot(item.key, e.pos);
    } else if (item.kind == ast::MapProjectionItem::Kind::kLiteralEntry) {
      bind_expression(item.value.get(), rule, aggregates);
    }
  }
}

const FunctionDefinition& Binder::resolve_function(const ast::Expression& e) const {
  const FunctionDefinition* f = find_function(e.name);
  if (!f) fail("Unknown function '" + e.name + "'", e.pos);
  const auto n = static_cast<int>(e.children.size());
  if (n < f->min_args || (f->max_args >= 0 && n > f->max_args)) {
    fail("Function '" + e.name + "' expects " + arity_text(*f) + " argument" +
             (f->min_args == 1 && f->max_args == 1 ? "" : "s") + ", got " + std::to_string(n),
         e.pos);
  }
  if (e.distinct && !f->aggregate) {
    fail("DISTINCT is only allowed in aggregate functions, not in '" + e.name + "'", e.pos);
  }
  return *f;
}

void Binder::bind_function_call(ast::Expression& e, AggregateRule rule,
                                BoundProjection* aggregates) {
  const bool count_star = e.kind == ast::ExpressionKind::kCountStar;
  if (!count_star) e.function = &resolve_function(e);
  if (!count_star) check_entity_argument(e);
  if (!count_star && !e.function->aggregate) {
    if (rule == AggregateRule::kInsideAggregate && e.function->name == "rand") {
      fail("Can't use a random function (rand()) inside an aggregate function", e.pos);
    }
    for (auto& child : e.children) bind_expression(child.get(), rule, aggregates);
    return;
  }
  const std::string what = count_star ? "count(*)" : e.name + "(...)";
  if (rule == AggregateRule::kInsideAggregate) {
    fail("Can't use aggregate functions inside of aggregate functions", e.pos);
  }
  if (rule == AggregateRule::kForbidden || !aggregates) {
    fail("Invalid use of aggregating function " + what + " in this context", e.pos);
  }
  e.slot = new_slot();
  aggregates->aggregates.push_back(&e);
  for (auto& child : e.children) {
    bind_expression(child.get(), AggregateRule::kInsideAggregate, aggregates);
  }
}

void Binder::bind_iteration(ast::Expression& e, AggregateRule rule, BoundProjection* aggregates) {
  // The list (and reduce's initial value) are bound outside the new scope.
  const bool reduce = e.kind == ast::ExpressionKind::kReduce;
  const size_t outer = reduce ? 2 : 1;
  for (size_t i = 0; i < outer; ++i) bind_expression(e.children[i].get(), rule, aggregates);
  scope_.push();
  if (reduce) {
    e.accumulator_slot = new_slot();
    declare(e.keys.at(0), {e.accumulator_slot, VariableKind::kAny});
  }
  e.slot = new_slot();
  declare(e.name, {e.slot, VariableKind::kAny});
  // The body runs once per element, an aggregate once per group: no
  // aggregate in the body.
  const AggregateRule inner = rule == AggregateRule::kAllowed ? AggregateRule::kForbidden : rule;
  for (size_t i = outer; i < e.children.size(); ++i) {
    bind_expression(e.children[i].get(), inner, aggregates);
  }
  scope_.pop();
}

void Binder::bind_pattern_expression(ast::Expression& e, AggregateRule rule,
                                     BoundProjection* aggregates) {
  // shortestPath(...) in an expression searches between nodes the query
  // already has; it does not range over every pair of nodes.
  for (const auto& part : e.pattern) {
    if (part.shortest == ast::PatternPart::Shortest::kNone) continue;
    for (const ast::NodePattern* end : {&part.nodes.front(), &part.nodes.back()}) {
      if (end->variable.empty() || !scope_.find(end->variable)) {
        fail(
            "shortestPath in an expression needs both end nodes bound: use variables the query "
            "already has, or shortestPath in MATCH",
            end->pos);
      }
    }
  }
  // A pattern used as a predicate only tests the variables the query has;
  // EXISTS { }, COUNT { } and a pattern comprehension may bring new ones.
  if (e.kind == ast::ExpressionKind::kPatternPredicate) {
    for (const auto& part : e.pattern) {
      for (size_t i = 0; i < part.nodes.size(); ++i) {
        const ast::NodePattern& node = part.nodes[i];
        if (!node.variable.empty()) defined_slot(node.variable, node.pos);
        if (i == part.rels.size()) continue;
        const ast::RelPattern& rel = part.rels[i];
        if (!rel.variable.empty()) defined_slot(rel.variable, rel.pos);
      }
    }
  }
  // New variables of the pattern live only inside the expression.
  scope_.push();
  auto saved = clause_relationships_;
  clause_relationships_.clear();
  BoundPatternExpression bound;
  bound.first_slot = result_.slot_count;
  bind_pattern(e.pattern, bound.parts, PatternUse::kExpression);
  const AggregateRule inner = rule == AggregateRule::kAllowed ? AggregateRule::kForbidden : rule;
  for (auto& child : e.children) bind_expression(child.get(), inner, aggregates);
  clause_relationships_ = std::move(saved);
  scope_.pop();
  result_.pattern_expressions[&e] = std::move(bound);
}

}  // namespace guanxi::query
