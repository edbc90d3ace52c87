#include "query/binder/binder.h"

#include <algorithm>
#include <set>

#include "query/binder/binder_impl.h"
#include "query/binder/constant_type_check.h"
#include "query/binder/read_names.h"
#include "query/expression/function_registry.h"
#include "query/procedures/procedure_registry.h"

namespace guanxi::query {

namespace {

const char* kind_name(VariableKind kind) {
  switch (kind) {
    case VariableKind::kNode: return "Node";
    case VariableKind::kRelationship: return "Relationship";
    case VariableKind::kRelationshipList: return "List<Relationship>";
    case VariableKind::kPath: return "Path";
    case VariableKind::kScalar: return "Scalar";
    case VariableKind::kMap: return "Map";
    case VariableKind::kList: return "List";
    case VariableKind::kAny: break;
  }
  return "Any";
}

bool is_writing_clause(ast::ClauseKind kind) {
  return kind == ast::ClauseKind::kCreate || kind == ast::ClauseKind::kMerge ||
         kind == ast::ClauseKind::kSet || kind == ast::ClauseKind::kRemove ||
         kind == ast::ClauseKind::kDelete;
}

// Replaces ORDER BY sub-expressions that repeat a projected item (by text)
// with a reference to the item's column, so an aggregating projection can be
// sorted by `n.city` or `count(*)` when it returns them.
void rewrite_projected(ast::Expression* e, const BoundProjection& projection,
                       const ast::Projection& ast_projection) {
  if (!e) return;
  if (!e->text.empty()) {
    for (size_t i = 0; i < ast_projection.items.size(); ++i) {
      const auto& item = ast_projection.items[i];
      if (item.expression && item.expression->text == e->text &&
          e->kind != ast::ExpressionKind::kVariable) {
        const std::string name = item.alias.empty() ? item.expression->text : item.alias;
        e->kind = ast::ExpressionKind::kVariable;
        e->name = name;
        e->children.clear();
        e->function = nullptr;
        (void)projection;
        return;
      }
    }
  }
  for (auto& child : e->children) rewrite_projected(child.get(), projection, ast_projection);
}

// Whether `e` calls an aggregate; also before the binder resolved it (an
// ORDER BY item is checked before it is bound).
bool is_aggregate_call(const ast::Expression& e) {
  if (e.kind == ast::ExpressionKind::kCountStar) return true;
  if (e.kind != ast::ExpressionKind::kFunctionCall) return false;
  const FunctionDefinition* f = e.function ? e.function : find_function(e.name);
  return f != nullptr && f->aggregate;
}

bool contains_aggregate_call(const ast::Expression* e) {
  if (!e) return false;
  if (is_aggregate_call(*e)) return true;
  return std::any_of(e->children.begin(), e->children.end(),
                     [](const auto& child) { return contains_aggregate_call(child.get()); });
}

// The first expression of `e`, outside its aggregate calls, that reads a
// variable which is not a grouping key and is not part of an expression that
// is one: `x + count(*)` without `x` among the keys would group by x
// implicitly, which openCypher forbids (Neo4j: "implicit grouping
// expressions"). `local` holds variables the expression binds itself.
const ast::Expression* implicit_grouping(const ast::Expression* e,
                                         const std::set<std::string>& key_variables,
                                         const std::set<std::string>& key_texts,
                                         std::set<std::string>& local) {
  using K = ast::ExpressionKind;
  if (!e) return nullptr;
  // Beside an aggregate, a key counts only as a variable or a property
  // access: `a.x + b.x + count(*)` is refused even when `a.x + b.x` is a key,
  // as openCypher (and Neo4j) rule.
  if (e->kind == K::kProperty && !e->text.empty() && key_texts.count(e->text)) return nullptr;
  switch (e->kind) {
    case K::kCountStar: return nullptr;
    case K::kFunctionCall:
      if (is_aggregate_call(*e)) return nullptr;
      break;
    case K::kVariable: return key_variables.count(e->name) || local.count(e->name) ? nullptr : e;
    case K::kExists:
    case K::kCountSubquery:
    case K::kPatternComprehension:
    case K::kPatternPredicate: return nullptr;  // checked when their patterns are bound
    case K::kListComprehension:
    case K::kQuantifier:
    case K::kReduce: {
      // The iteration variable (and reduce's accumulator) are the
      // expression's own.
      std::set<std::string> inner = local;
      inner.insert(e->name);
      if (e->kind == K::kReduce && !e->keys.empty()) inner.insert(e->keys[0]);
      for (const auto& child : e->children) {
        if (auto* found = implicit_grouping(child.get(), key_variables, key_texts, inner))
          return found;
      }
      return nullptr;
    }
    default: break;
  }
  for (const auto& child : e->children) {
    if (auto* found = implicit_grouping(child.get(), key_variables, key_texts, local)) return found;
  }
  return nullptr;
}

}  // namespace

BoundQuery bind_query(ast::Statement& statement, const ProcedureRegistry& procedures) {
  BoundQuery bound = Binder(statement, procedures).bind();
  bound.read_names = collect_read_names(statement, bound);
  return bound;
}

void Binder::fail(const std::string& message, ast::Position pos) const {
  fail(QueryErrorCode::kSemantic, message, pos);
}

void Binder::fail(QueryErrorCode code, const std::string& message, ast::Position pos) const {
  throw QueryError(code, message, pos, statement_.text);
}

BoundQuery Binder::bind() {
  auto& query = statement_.query;
  const bool single = query.parts.size() == 1;
  for (auto& part : query.parts) {
    scope_ = Scope();
    result_.parts.push_back(bind_single(part, single));
  }
  if (result_.batched && writes_outside_batches_) {
    fail(
        "CALL { } IN TRANSACTIONS must do all of its statement's writing: move the other "
        "updating clauses into the subquery, or run them as a statement of their own",
        query.parts.front().pos);
  }
  result_.columns = result_.parts.front().columns;
  for (size_t i = 1; i < result_.parts.size(); ++i) {
    if (result_.parts[i].columns != result_.columns) {
      fail("All sub queries in an UNION must have the same return column names",
           query.parts[i].pos);
    }
  }
  return std::move(result_);
}

void Binder::check_last_clause(const ast::SingleQuery& query) {
  if (query.clauses.empty()) fail("A query needs at least one clause", query.pos);
  const ast::Clause& last = query.clauses.back();
  for (size_t i = 0; i + 1 < query.clauses.size(); ++i) {
    if (query.clauses[i].kind == ast::ClauseKind::kReturn) {
      fail("RETURN can only be used at the end of the query", query.clauses[i].pos);
    }
  }
  switch (last.kind) {
    case ast::ClauseKind::kReturn:
    case ast::ClauseKind::kCall:
    case ast::ClauseKind::kSubquery: return;
    case ast::ClauseKind::kWith:
      fail(
          "Query cannot conclude with WITH (must be a RETURN clause, an update clause or a "
          "procedure call)",
          last.pos);
    case ast::ClauseKind::kMatch:
    case ast::ClauseKind::kUnwind:
      fail("Query cannot conclude with " +
               std::string(last.kind == ast::ClauseKind::kMatch ? "MATCH" : "UNWIND") +
               " (must be a RETURN clause, an update clause or a procedure call)",
           last.pos);
    default: return;
  }
}

BoundSingleQuery Binder::bind_single(ast::SingleQuery& query, bool only_query, bool in_expression) {
  if (!in_expression) check_last_clause(query);
  BoundSingleQuery bound;
  for (size_t i = 0; i < query.clauses.size(); ++i) {
    ast::Clause& clause = query.clauses[i];
    clause_relationships_.clear();
    BoundClause bc;
    bc.clause = &clause;
    if (is_writing_clause(clause.kind)) note_write();
    switch (clause.kind) {
      case ast::ClauseKind::kMatch:
        bind_pattern(clause.pattern, bc.parts, PatternUse::kMatch);
        bind_condition(clause.where.get());
        break;
      case ast::ClauseKind::kUnwind: bind_unwind(clause, bc); break;
      case ast::ClauseKind::kWith: bind_projection(clause, bc, false); break;
      case ast::ClauseKind::kReturn:
        bind_projection(clause, bc, true);
        bound.columns = bc.projection.columns;
        bound.result_slots = bc.projection.column_slots;
        break;
      case ast::ClauseKind::kCreate:
        bind_pattern(clause.pattern, bc.parts, PatternUse::kCreate);
        break;
      case ast::ClauseKind::kMerge:
        bind_pattern(clause.pattern, bc.parts, PatternUse::kMerge);
        bind_set_items(clause.on_create);
        bind_set_items(clause.on_match);
        break;
      case ast::ClauseKind::kSet: bind_set_items(clause.set_items); break;
      case ast::ClauseKind::kRemove: bind_remove_items(clause.remove_items); break;
      case ast::ClauseKind::kDelete:
        for (auto& e : clause.delete_expressions) {
          check_deletable(*e);
          bind_expression(e.get(), AggregateRule::kForbidden);
        }
        break;
      case ast::ClauseKind::kSubquery: bind_subquery(clause, bc); break;
      case ast::ClauseKind::kCall: {
        const bool standalone = only_query && query.clauses.size() == 1;
        bc.standalone_call = standalone;
        bind_call(clause, bc, standalone);
        if (standalone) {
          bound.columns = bc.yield_columns;
          bound.result_slots = bc.yield_column_slots;
        }
        break;
      }
    }
    bound.clauses.push_back(std::move(bc));
  }
  return bound;
}

void Binder::bind_pattern(std::vector<ast::PatternPart>& pattern,
                          std::vector<BoundPatternPart>& bound, PatternUse use) {
  for (auto& part : pattern) {
    BoundPatternPart bp;
    bind_pattern_part(part, bp, use);
    bound.push_back(std::move(bp));
  }
}

void Binder::bind_unwind(ast::Clause& clause, BoundClause& bound) {
  bind_expression(clause.expression.get(), AggregateRule::kForbidden);
  if (scope_.find(clause.variable)) {
    fail("Variable `" + clause.variable + "` already declared", clause.pos);
  }
  bound.unwind_slot = new_slot();
  declare(clause.variable, {bound.unwind_slot, VariableKind::kAny});
}

void Binder::bind_pattern_part(ast::PatternPart& part, BoundPatternPart& bound, PatternUse use) {
  bound.part = &part;
  if (part.shortest != ast::PatternPart::Shortest::kNone && part.rels.size() != 1) {
    fail("shortestPath requires a pattern of exactly one relationship", part.pos);
  }
  // CREATE (a) or MERGE (a) of a node already bound has nothing to make.
  if ((use == PatternUse::kCreate || use == PatternUse::kMerge) && part.rels.empty() &&
      !part.nodes.front().variable.empty() && scope_.find(part.nodes.front().variable)) {
    fail("Variable `" + part.nodes.front().variable + "` already declared", part.nodes.front().pos);
  }
  for (auto& node : part.nodes) bound.node_slots.push_back(bind_pattern_node(node, use));
  for (auto& rel : part.rels) bound.rel_slots.push_back(bind_pattern_relationship(rel, use));
  if (!part.path_variable.empty()) {
    if (scope_.find(part.path_variable)) {
      fail("Variable `" + part.path_variable + "` already declared", part.pos);
    }
    bound.path_slot = new_slot();
    declare(part.path_variable, {bound.path_slot, VariableKind::kPath});
  }
  if (use != PatternUse::kCreate) {
    // A pattern that is matched names the properties it compares; only
    // CREATE takes a whole map of them from a parameter.
    auto refuse_parameter_map = [&](const ast::ExpressionPtr& properties) {
      if (properties && properties->kind == ast::ExpressionKind::kParameter) {
        fail("A parameter map cannot give the properties of a pattern that is matched (" +
                 std::string(use == PatternUse::kMerge ? "MERGE" : "MATCH") +
                 "): name them, as in {id: $id}, or compare in WHERE",
             properties->pos);
      }
    };
    for (const auto& node : part.nodes) refuse_parameter_map(node.properties);
    for (const auto& rel : part.rels) refuse_parameter_map(rel.properties);
  }
  for (auto& node : part.nodes) bind_expression(node.properties.get(), AggregateRule::kForbidden);
  for (auto& rel : part.rels) bind_expression(rel.properties.get(), AggregateRule::kForbidden);
}

int Binder::bind_pattern_node(const ast::NodePattern& node, PatternUse use) {
  if (node.variable.empty()) return new_slot();
  const bool creating = use == PatternUse::kCreate || use == PatternUse::kMerge;
  if (auto var = scope_.find(node.variable)) {
    if (var->kind != VariableKind::kNode && var->kind != VariableKind::kAny) {
      fail("Type mismatch: `" + node.variable + "` defined with conflicting type " +
               kind_name(var->kind) + " (expected Node)",
           node.pos);
    }
    if (creating && (!node.labels.empty() || node.properties)) {
      fail("Can't create node `" + node.variable +
               "` with labels or properties here. The variable is already declared in this "
               "context",
           node.pos);
    }
    return var->slot;
  }
  const int slot = new_slot();
  declare(node.variable, {slot, VariableKind::kNode});
  return slot;
}

void Binder::check_creatable(const ast::RelPattern& rel, PatternUse use) const {
  if (rel.types.size() != 1) {
    fail(std::string("A single relationship type must be specified for ") +
             (use == PatternUse::kCreate ? "CREATE" : "MERGE"),
         rel.pos);
  }
  if (rel.variable_length) {
    fail("Variable length relationships cannot be used in CREATE or MERGE", rel.pos);
  }
  if (use == PatternUse::kCreate && rel.direction == ast::RelDirection::kBoth) {
    fail("Only directed relationships are supported in CREATE", rel.pos);
  }
}

int Binder::bind_pattern_relationship(const ast::RelPattern& rel, PatternUse use) {
  const bool creating = use == PatternUse::kCreate || use == PatternUse::kMerge;
  if (creating) check_creatable(rel, use);
  const VariableKind kind =
      rel.variable_length ? VariableKind::kRelationshipList : VariableKind::kRelationship;
  int slot = -1;
  if (rel.variable.empty()) {
    slot = new_slot();
  } else if (auto var = scope_.find(rel.variable)) {
    if (creating) fail("Variable `" + rel.variable + "` already declared", rel.pos);
    if (clause_relationships_.count(var->slot)) {
      fail("Cannot use the same relationship variable '" + rel.variable +
               "' for multiple relationships",
           rel.pos);
    }
    // A list literal may hold the relationships of a variable-length one.
    const bool list_of_relationships =
        kind == VariableKind::kRelationshipList && var->kind == VariableKind::kList;
    if (var->kind != kind && var->kind != VariableKind::kAny && !list_of_relationships) {
      fail("Type mismatch: `" + rel.variable + "` defined with conflicting type " +
               kind_name(var->kind) + " (expected " + kind_name(kind) + ")",
           rel.pos);
    }
    slot = var->slot;
  } else {
    slot = new_slot();
    declare(rel.variable, {slot, kind});
  }
  clause_relationships_.insert(slot);
  return slot;
}

void Binder::bind_set_items(std::vector<ast::SetItem>& items) {
  for (auto& item : items) {
    if (item.kind == ast::SetItem::Kind::kProperty) {
      bind_expression(item.target.get(), AggregateRule::kForbidden);
    } else {
      item.slot = defined_slot(item.variable, item.pos);
    }
    bind_expression(item.value.get(), AggregateRule::kForbidden);
  }
}

void Binder::bind_remove_items(std::vector<ast::RemoveItem>& items) {
  for (auto& item : items) {
    if (item.kind == ast::RemoveItem::Kind::kProperty) {
      bind_expression(item.target.get(), AggregateRule::kForbidden);
    } else {
      item.slot = defined_slot(item.variable, item.pos);
    }
  }
}

void Binder::check_entity_argument(const ast::Expression& e) const {
  // size() of a string or a list: a variable known to hold a path (use
  // length()) fails whatever the rows.
  if (e.function->name == "size" && e.children.size() == 1 &&
      e.children[0]->kind == ast::ExpressionKind::kVariable) {
    const auto var = scope_.find(e.children[0]->name);
    if (var && var->kind == VariableKind::kPath) {
      fail(QueryErrorCode::kType,
           "Invalid argument 1 of size(): expected STRING or LIST, got a PATH (length() gives "
           "the length of a path)",
           e.children[0]->pos);
    }
  }
  // labels() of a node, type() of a relationship: a variable known to hold
  // something else fails whatever the rows.
  const bool labels = e.function->name == "labels";
  if ((!labels && e.function->name != "type") || e.children.size() != 1) return;
  const ast::Expression& argument = *e.children[0];
  if (argument.kind != ast::ExpressionKind::kVariable) return;
  const auto var = scope_.find(argument.name);
  const VariableKind wanted = labels ? VariableKind::kNode : VariableKind::kRelationship;
  if (!var || var->kind == VariableKind::kAny || var->kind == wanted) return;
  fail(QueryErrorCode::kType,
       "Invalid argument 1 of " + e.function->name + "(): expected " +
           (labels ? "NODE" : "RELATIONSHIP") + ", got " + kind_name(var->kind),
       argument.pos);
}

void Binder::check_deletable(const ast::Expression& e) const {
  // Literals, operators, comparisons and label checks never yield a node,
  // relationship or path, whatever the rows (a property may: of a map).
  using K = ast::ExpressionKind;
  switch (e.kind) {
    case K::kLiteral:
      if (e.literal.is_null()) return;  // deleting null does nothing
      [[fallthrough]];
    case K::kMap:
    case K::kUnary:
    case K::kBinary:
    case K::kIsNull:
    case K::kCountStar:
      fail("DELETE takes a node, relationship or path, and `" + e.text +
               "` can be none of them (REMOVE takes labels and properties away)",
           e.pos);
    default: return;
  }
}

int Binder::defined_slot(const std::string& variable, ast::Position pos) const {
  auto var = scope_.find(variable);
  if (!var) fail("Variable `" + variable + "` not defined", pos);
  return var->slot;
}

void Binder::bind_projection(ast::Clause& clause, BoundClause& bound, bool is_return) {
  ast::Projection& projection = clause.projection;
  BoundProjection& bp = bound.projection;
  Scope next;
  if (projection.star) {
    if (scope_.clause_variables().empty() && is_return) {
      fail("RETURN * is not allowed when there are no variables in scope", clause.pos);
    }
    for (const auto& [name, var] : scope_.clause_variables()) {
      bp.columns.push_back(name);
      bp.column_slots.push_back(var.slot);
      bp.star_slots.push_back(var.slot);
      next.declare(name, var);
    }
  }
  for (auto& item : projection.items) bind_projection_item(item, projection, bp, next, is_return);
  if (bp.aggregating) check_grouping_keys(projection, bp);
  bind_order_by(projection, bp, next);

  Scope previous = std::move(scope_);
  scope_ = Scope();
  bind_expression(projection.skip.get(), AggregateRule::kForbidden);
  bind_expression(projection.limit.get(), AggregateRule::kForbidden);
  for (const ast::Expression* count : {projection.skip.get(), projection.limit.get()}) {
    if (count) check_constant_row_count(*count, result_.slot_count, statement_.text);
  }
  // WITH's WHERE sees the projected columns and, unless the projection
  // aggregates or is DISTINCT, the variables before it too (openCypher:
  // MATCH (a) WITH a.name AS name WHERE a.age > 30), projected names first.
  const bool sees_previous = !bp.aggregating && !projection.distinct;
  scope_ = sees_previous ? std::move(previous) : Scope();
  if (sees_previous) scope_.push();
  for (const auto& [name, var] : next.clause_variables()) scope_.declare(name, var);
  bind_condition(projection.where.get());
  scope_ = std::move(next);
}

void Binder::bind_projection_item(ast::ProjectionItem& item, const ast::Projection& projection,
                                  BoundProjection& bp, Scope& next, bool is_return) {
  const size_t before = bp.aggregates.size();
  bind_expression(item.expression.get(), AggregateRule::kAllowed, &bp);
  const bool has_aggregate = bp.aggregates.size() > before;
  const bool is_variable = item.expression->kind == ast::ExpressionKind::kVariable;
  std::string name = item.alias;
  if (name.empty()) {
    if (!is_return && !is_variable) fail("Expression in WITH must be aliased (use AS)", item.pos);
    name = is_variable ? item.expression->name : item.expression->text;
  }
  if (std::find(bp.columns.begin(), bp.columns.end(), name) != bp.columns.end()) {
    if (projection.star) fail("Variable `" + name + "` already declared", item.pos);
    fail("Multiple result columns with the same name are not supported", item.pos);
  }
  // What a later pattern may take the variable for: an entity only when
  // it may hold one (so `WITH true AS n MATCH (n)` is refused when prepared).
  VariableKind kind = VariableKind::kAny;
  if (is_variable) {
    if (auto var = scope_.find(item.expression->name)) kind = var->kind;
  } else if (item.expression->kind == ast::ExpressionKind::kMap) {
    kind = VariableKind::kMap;
  } else if (item.expression->kind == ast::ExpressionKind::kLiteral &&
             !item.expression->literal.is_null()) {
    kind = VariableKind::kScalar;
  } else if (item.expression->kind == ast::ExpressionKind::kList) {
    kind = VariableKind::kList;
  }
  const int slot = new_slot();
  bp.columns.push_back(name);
  bp.column_slots.push_back(slot);
  bp.item_expressions.push_back(item.expression.get());
  bp.item_slots.push_back(slot);
  bp.item_has_aggregate.push_back(has_aggregate);
  if (has_aggregate) bp.aggregating = true;
  record_kind({slot, kind});
  next.declare(name, {slot, kind});
}

void Binder::check_grouping_keys(const ast::Projection& projection, const BoundProjection& bp) {
  // The flags of this projection's items (after any `*` columns).
  const size_t first = bp.item_has_aggregate.size() - projection.items.size();
  std::set<std::string> key_variables, key_texts, local;
  if (projection.star) {
    for (const auto& [name, var] : scope_.clause_variables()) key_variables.insert(name);
  }
  for (size_t i = 0; i < projection.items.size(); ++i) {
    if (bp.item_has_aggregate[first + i]) continue;
    const ast::Expression* key = projection.items[i].expression.get();
    if (key->kind == ast::ExpressionKind::kVariable) key_variables.insert(key->name);
    if (!key->text.empty()) key_texts.insert(key->text);
  }
  for (size_t i = 0; i < projection.items.size(); ++i) {
    if (!bp.item_has_aggregate[first + i]) continue;
    const ast::Expression* item = projection.items[i].expression.get();
    if (const ast::Expression* bad = implicit_grouping(item, key_variables, key_texts, local)) {
      fail("Aggregation column contains implicit grouping expressions: `" +
               (bad->text.empty() ? bad->name : bad->text) + "` in `" + item->text +
               "` must be a grouping key (project it as its own column)",
           bad->pos);
    }
  }
  // An ORDER BY item that aggregates, other than a repeat of a column, is
  // held to the same rule; it may also read the columns by name.
  for (const std::string& column : bp.columns) key_variables.insert(column);
  for (const auto& sort : projection.order_by) {
    const ast::Expression* e = sort.expression.get();
    const bool repeats_item =
        std::any_of(projection.items.begin(), projection.items.end(),
                    [&](const auto& item) { return item.expression->text == e->text; });
    if (repeats_item || !contains_aggregate_call(e)) continue;
    if (const ast::Expression* bad = implicit_grouping(e, key_variables, key_texts, local)) {
      fail("ORDER BY contains implicit grouping expressions: `" +
               (bad->text.empty() ? bad->name : bad->text) + "` in `" + e->text +
               "` must be a grouping key (project it as its own column)",
           bad->pos);
    }
  }
}

void Binder::bind_order_by(ast::Projection& projection, BoundProjection& bp, const Scope& next) {
  // ORDER BY sees the projected columns and, unless the projection
  // aggregates or is DISTINCT, the variables before it.
  const bool sees_previous = !bp.aggregating && !projection.distinct;
  if (!sees_previous) {
    for (auto& sort : projection.order_by) rewrite_projected(sort.expression.get(), bp, projection);
  }
  Scope order_scope = sees_previous ? scope_ : Scope();
  if (sees_previous) order_scope.push();
  for (const auto& [name, var] : next.clause_variables()) order_scope.declare(name, var);
  std::swap(scope_, order_scope);
  for (auto& sort : projection.order_by) {
    bind_expression(sort.expression.get(),
                    bp.aggregating ? AggregateRule::kAllowed : AggregateRule::kForbidden, &bp);
  }
  std::swap(scope_, order_scope);
}

}  // namespace guanxi::query
