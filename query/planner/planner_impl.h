// The planner's internal state, shared by the clause planner (planner.cc)
// and the pattern planner (pattern_planner.cc). Not part of the interface.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "query/planner/planner.h"

namespace guanxi::query {

class Planner {
 public:
  Planner(const BoundQuery& bound, const ast::Statement& statement, PlanningCatalog& catalog)
      : bound_(bound), statement_(statement), catalog_(catalog) {}
  QueryPlan plan();

  // planner.cc: one plan per single query; each clause extends the plan of
  // the clauses before it and adds the slots it binds to `bound`.
  // `start` is the plan's first operator: EmptyRow for the statement,
  // Argument for a subquery, whose `outer` slots are bound by its Argument.
  PlanPtr plan_single(const BoundSingleQuery& query, PlanOp start = PlanOp::kEmptyRow,
                      std::set<int> outer = {});

  // pattern_planner.cc: the parts of one MATCH (or MERGE, or pattern
  // expression) over `input`, with the WHERE conjuncts pushed down. Adds the
  // slots it binds to `bound`.
  PlanPtr plan_pattern(PlanPtr input, const std::vector<BoundPatternPart>& parts,
                       const ast::Expression* where, std::set<int>& bound);

 private:
  struct EagerBoundary;
  PlanPtr plan_union();
  PlanPtr plan_pattern_expression(const ast::Expression& expression,
                                  const BoundPatternExpression& pattern);
  // A subquery's parts from an Argument row whose `outer` slots are bound:
  // one plan, or a Union of them (Distinct unless UNION ALL) writing `slots`.
  PlanPtr plan_subquery_parts(const std::vector<BoundSingleQuery>& parts,
                              const std::vector<bool>& union_all, const std::vector<int>& slots,
                              const std::vector<std::string>& columns, const std::set<int>& outer);
  PlanPtr plan_clause(PlanPtr plan, const BoundClause& clause, std::set<int>& bound,
                      const EagerBoundary& eager);
  PlanPtr plan_optional_match(PlanPtr plan, const BoundClause& clause, std::set<int>& bound);
  PlanPtr plan_create_or_merge(PlanPtr plan, const BoundClause& clause, std::set<int>& bound);
  PlanPtr plan_call(PlanPtr plan, const BoundClause& clause, std::set<int>& bound);
  PlanPtr plan_subquery(PlanPtr plan, const BoundClause& clause, std::set<int>& bound);
  PlanPtr plan_projection(PlanPtr plan, const BoundClause& clause, std::set<int>& bound);
  PlanPtr plan_projection_items(PlanPtr plan, const BoundProjection& projection);

  struct PatternState;
  PlanPtr plan_chain(PlanPtr plan, const BoundPatternPart& part, PatternState& state);
  PlanPtr plan_shortest(PlanPtr plan, const BoundPatternPart& part, PatternState& state);
  // The operator that binds node `index` of `part` first: one of the rules
  // of pattern_planner.cc; `plan` itself where the node is bound already.
  PlanPtr plan_start(PlanPtr plan, const BoundPatternPart& part, size_t index, PatternState& state);
  // The seeks leave `plan` alone and return null where no index applies.
  PlanPtr plan_equality_seek(PlanPtr& plan, const std::vector<std::string>& labels, int slot,
                             PatternState& state);
  PlanPtr plan_range_seek(PlanPtr& plan, const std::vector<std::string>& labels, int slot,
                          PatternState& state);
  PlanPtr plan_scan(PlanPtr plan, const std::vector<std::string>& labels, int slot,
                    PatternState& state);
  size_t choose_start(const BoundPatternPart& part, PatternState& state);
  double start_cost(const ast::NodePattern& node, int slot, const PatternState& state);
  // Whether an index on (label, p.key) can find the nodes of `slot` for `p`.
  bool index_answers(const Predicate& p, int slot, const std::string& label,
                     const PatternState& state);
  PlanPtr plan_hop(PlanPtr plan, const BoundPatternPart& part, size_t rel, bool leftward,
                   PatternState& state);
  PlanPtr apply_ready(PlanPtr plan, PatternState& state);
  // Every inline label and property of `parts` and every conjunct of
  // `where` becomes a pending predicate.
  void collect_predicates(const std::vector<BoundPatternPart>& parts, const ast::Expression* where,
                          PatternState& state);
  void add_property_predicates(int slot, const ast::Expression* map, PatternState& state);
  Predicate where_predicate(const ast::Expression* conjunct);
  // `n.key op value` with a value that does not read n.
  struct PropertyComparison {
    int slot;
    std::string key;
    const ast::Expression* value;
    bool property_on_right;  // written `value op n.key`
  };
  std::optional<PropertyComparison> property_comparison(const ast::Expression& comparison);

  const BoundQuery& bound_;
  const ast::Statement& statement_;
  PlanningCatalog& catalog_;
};

PlanPtr make_operator(PlanOp op, PlanPtr input = nullptr);

}  // namespace guanxi::query
