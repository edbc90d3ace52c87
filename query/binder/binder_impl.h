// The binder's internal state, shared by the clause binder (binder.cc) and
// the expression binder (expression_binder.cc). Not part of the interface.
#pragma once

#include <set>
#include <string>

#include "query/ast.h"
#include "query/binder/bound_query.h"
#include "query/binder/scope.h"

namespace guanxi::query {

class ProcedureRegistry;
struct FunctionDefinition;

enum class PatternUse : std::uint8_t { kMatch, kCreate, kMerge, kExpression };

// Where aggregate calls may appear in the expression being bound.
enum class AggregateRule : std::uint8_t {
  kForbidden,        // WHERE, UNWIND, properties, SET, ...
  kAllowed,          // WITH / RETURN items and ORDER BY of an aggregating projection
  kInsideAggregate,  // the arguments of an aggregate: another one would nest
};

class Binder {
 public:
  Binder(ast::Statement& statement, const ProcedureRegistry& procedures)
      : statement_(statement), procedures_(procedures) {}
  BoundQuery bind();

 private:
  // binder.cc
  // `in_expression`: the body of EXISTS { } or COUNT { }, which may end
  // with any clause.
  BoundSingleQuery bind_single(ast::SingleQuery& query, bool only_query,
                               bool in_expression = false);
  void bind_pattern(std::vector<ast::PatternPart>& pattern, std::vector<BoundPatternPart>& bound,
                    PatternUse use);
  void bind_unwind(ast::Clause& clause, BoundClause& bound);
  void bind_pattern_part(ast::PatternPart& part, BoundPatternPart& bound, PatternUse use);
  // The slot of a pattern's node or relationship: its variable's, or a new one.
  int bind_pattern_node(const ast::NodePattern& node, PatternUse use);
  int bind_pattern_relationship(const ast::RelPattern& rel, PatternUse use);
  // CREATE and MERGE need one type and a fixed length (CREATE: a direction).
  void check_creatable(const ast::RelPattern& rel, PatternUse use) const;
  void bind_projection(ast::Clause& clause, BoundClause& bound, bool is_return);
  // One WITH / RETURN item: its column, its slot, and its name in `next`.
  void bind_projection_item(ast::ProjectionItem& item, const ast::Projection& projection,
                            BoundProjection& bound, Scope& next, bool is_return);
  // An aggregating projection's aggregates may read only its grouping keys.
  void check_grouping_keys(const ast::Projection& projection, const BoundProjection& bound);
  void bind_order_by(ast::Projection& projection, BoundProjection& bound, const Scope& next);
  void bind_set_items(std::vector<ast::SetItem>& items);
  void bind_remove_items(std::vector<ast::RemoveItem>& items);
  // Refuses labels() or type() of a variable known to hold no node
  // (relationship).
  void check_entity_argument(const ast::Expression& call) const;
  // Refuses a DELETE of an expression that cannot be an entity.
  void check_deletable(const ast::Expression& deleted) const;
  // The slot of `variable`, which must be in scope.
  int defined_slot(const std::string& variable, ast::Position pos) const;
  void bind_call(ast::Clause& clause, BoundClause& bound, bool standalone);
  // The number of arguments, literal arguments' types, and implicit
  // arguments only for a standalone CALL: errors before anything runs.
  void check_call_arguments(const ast::Clause& clause, const ProcedureSignature& procedure,
                            bool standalone) const;

  // subquery_binder.cc
  // CALL { }: binds the subquery's parts in scopes of their own (an
  // importing WITH first sees the outer variables), then declares its
  // RETURN columns in the outer scope.
  void bind_subquery(ast::Clause& clause, BoundClause& bound);
  // EXISTS { } / COUNT { } written as a query: every part sees the variables
  // in scope here; it may not write.
  void bind_expression_subquery(ast::Expression& expression);
  // The parts of a subquery (a UNION's must return the same columns), each
  // bound in the scope its kind gives it; the enclosing scope is restored.
  std::vector<BoundSingleQuery> bind_subquery_parts(ast::Query& subquery, bool in_expression);
  // The batch size of IN TRANSACTIONS, and where such a subquery may be.
  void bind_batches(ast::Clause& clause);
  // An updating clause or writing procedure call, inside IN TRANSACTIONS or not.
  void note_write() {
    result_.writes = true;
    if (!in_batched_subquery_) writes_outside_batches_ = true;
  }
  void check_last_clause(const ast::SingleQuery& query);

 public:
  // expression_binder.cc
  // A WHERE: bound as an expression, where a pattern may stand as a test.
  void bind_condition(ast::Expression* condition);
  void bind_expression(ast::Expression* expression, AggregateRule rule,
                       BoundProjection* aggregates = nullptr);
  int new_slot() { return result_.slot_count++; }
  // Declares `name` in the current scope and records it as its slot's name.
  void declare(const std::string& name, Variable variable) {
    const auto slot = static_cast<std::size_t>(variable.slot);
    if (result_.slot_names.size() <= slot) result_.slot_names.resize(slot + 1);
    // Names the parser makes up start with a space: they stay hidden.
    if (!name.empty() && name[0] != ' ') result_.slot_names[slot] = name;
    record_kind(variable);
    scope_.declare(name, variable);
  }
  void record_kind(Variable variable) {
    const auto slot = static_cast<std::size_t>(variable.slot);
    if (result_.slot_kinds.size() <= slot) result_.slot_kinds.resize(slot + 1, VariableKind::kAny);
    result_.slot_kinds[slot] = variable.kind;
  }
  [[noreturn]] void fail(const std::string& message, ast::Position pos) const;
  [[noreturn]] void fail(QueryErrorCode code, const std::string& message, ast::Position pos) const;

 private:
  // bind_expression without the constant check, for each node of the tree.
  void bind_expression_node(ast::Expression* expression, AggregateRule rule,
                            BoundProjection* aggregates);
  void bind_map_projection(ast::Expression& expression, AggregateRule rule,
                           BoundProjection* aggregates);
  // A function call or count(*); an aggregate gets its own slot in `aggregates`.
  void bind_function_call(ast::Expression& expression, AggregateRule rule,
                          BoundProjection* aggregates);
  // The function `expression` calls, checked against its arity and DISTINCT.
  const FunctionDefinition& resolve_function(const ast::Expression& expression) const;
  // List comprehensions, quantifiers and reduce: a variable in a scope of its own.
  void bind_iteration(ast::Expression& expression, AggregateRule rule, BoundProjection* aggregates);
  void bind_pattern_expression(ast::Expression& expression, AggregateRule rule,
                               BoundProjection* aggregates);

  ast::Statement& statement_;
  const ProcedureRegistry& procedures_;
  Scope scope_;
  BoundQuery result_;
  // Relationship slots declared by the clause being bound (one use each).
  std::set<int> clause_relationships_;
  int subquery_depth_ = 0;          // subqueries around the clause being bound
  int expression_depth_ = 0;        // bind_expression calls around the one running
  bool binding_condition_ = false;  // the expression bound at depth 0 is a WHERE
  bool in_batched_subquery_ = false;
  bool writes_outside_batches_ = false;
};

}  // namespace guanxi::query
