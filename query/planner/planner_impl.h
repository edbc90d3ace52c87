// The planner's internal state, shared by the clause planner (planner.cc)
// and the pattern planner (pattern_planner.cc). Not part of the interface.
#pragma once

#include <set>
#include <vector>

#include "query/planner/planner.h"

namespace guanxi::query {

class Planner {
 public:
  Planner(const BoundQuery& bound, const ast::Statement& statement, PlanningCatalog& catalog)
      : bound_(bound), statement_(statement), catalog_(catalog) {}
  QueryPlan plan();

  // planner.cc
  PlanPtr plan_single(const BoundSingleQuery& query);
  PlanPtr plan_projection(PlanPtr input, const BoundClause& clause, std::set<int>& bound);

  // pattern_planner.cc: the parts of one MATCH (or MERGE, or pattern
  // expression) over `input`, with the WHERE conjuncts pushed down. Adds the
  // slots it binds to `bound`.
  PlanPtr plan_pattern(PlanPtr input, const std::vector<BoundPatternPart>& parts,
                       const ast::Expression* where, std::set<int>& bound);

 private:
  struct PatternState;
  PlanPtr plan_chain(PlanPtr plan, const BoundPatternPart& part, PatternState& state);
  PlanPtr plan_shortest(PlanPtr plan, const BoundPatternPart& part, PatternState& state);
  PlanPtr plan_start(PlanPtr plan, const BoundPatternPart& part, size_t index, PatternState& state);
  size_t choose_start(const BoundPatternPart& part, PatternState& state);
  PlanPtr plan_hop(PlanPtr plan, const BoundPatternPart& part, size_t rel, bool leftward,
                   PatternState& state);
  PlanPtr apply_ready(PlanPtr plan, PatternState& state);
  void collect_predicates(const std::vector<BoundPatternPart>& parts, const ast::Expression* where,
                          PatternState& state);

  const BoundQuery& bound_;
  const ast::Statement& statement_;
  PlanningCatalog& catalog_;
};

PlanPtr make_node(PlanOp op, PlanPtr input = nullptr);

}  // namespace guanxi::query
