// Planning MATCH patterns: the rule-based part of the optimizer.
//
// Rules, in order of preference for where a pattern part starts:
//   1. a node already bound (by an earlier clause or part),
//   2. an index seek: a label of the node with an index on a property the
//      pattern or WHERE compares for equality with a value computable first,
//   3. a label scan of the label with the fewest nodes,
//   4. a scan of all nodes.
// From the start the chain expands right, then left. Each predicate (WHERE
// conjunct, inline label or property) becomes a Filter right after the
// first operator that binds everything it reads.
#include <algorithm>
#include <limits>
#include <optional>

#include "query/binder/expression_slots.h"
#include "query/planner/planner_impl.h"

namespace guanxi::query {

struct Planner::PatternState {
  std::set<int>& bound;
  std::vector<Predicate> pending;
  std::vector<int> clause_rels;  // relationship slots bound by this MATCH, for uniqueness
};

namespace {

void split_conjuncts(const ast::Expression* e, std::vector<const ast::Expression*>& out) {
  if (!e) return;
  if (e->kind == ast::ExpressionKind::kBinary && e->binary_op == ast::BinaryOp::kAnd) {
    split_conjuncts(e->children[0].get(), out);
    split_conjuncts(e->children[1].get(), out);
    return;
  }
  out.push_back(e);
}

bool subset(const std::set<int>& a, const std::set<int>& b) {
  return std::includes(b.begin(), b.end(), a.begin(), a.end());
}

// `a op b` as `b op' a`.
ast::BinaryOp mirrored(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::kLt: return ast::BinaryOp::kGt;
    case ast::BinaryOp::kLe: return ast::BinaryOp::kGe;
    case ast::BinaryOp::kGt: return ast::BinaryOp::kLt;
    case ast::BinaryOp::kGe: return ast::BinaryOp::kLe;
    default: return op;
  }
}

// Whether everything `p` reads but `slot` is bound: `p` can be evaluated
// before `slot` is, as the key of a seek for it.
bool ready_but(const Predicate& p, int slot, const std::set<int>& bound) {
  std::set<int> needs = p.depends;
  needs.erase(slot);
  return subset(needs, bound);
}

ast::RelDirection reverse(ast::RelDirection d) {
  if (d == ast::RelDirection::kRight) return ast::RelDirection::kLeft;
  if (d == ast::RelDirection::kLeft) return ast::RelDirection::kRight;
  return d;
}

}  // namespace

PlanPtr make_operator(PlanOp op, PlanPtr input) {
  auto node = std::make_unique<LogicalOperator>();
  node->op = op;
  node->input = std::move(input);
  return node;
}

void Planner::add_property_predicates(int slot, const ast::Expression* map, PatternState& state) {
  // A parameter map is refused by the binder outside CREATE.
  if (!map || map->kind != ast::ExpressionKind::kMap) return;
  for (size_t k = 0; k < map->keys.size(); ++k) {
    Predicate p;
    p.kind = Predicate::Kind::kPropertyEquals;
    p.slot = slot;
    p.key = map->keys[k];
    p.expression = map->children[k].get();
    collect_slots(p.expression, bound_, p.depends);
    p.depends.insert(slot);
    state.pending.push_back(std::move(p));
  }
}

std::optional<Planner::PropertyComparison> Planner::property_comparison(
    const ast::Expression& comparison) {
  for (int side = 0; side < 2; ++side) {
    const ast::Expression* property = comparison.children[side].get();
    const ast::Expression* value = comparison.children[1 - side].get();
    if (property->kind != ast::ExpressionKind::kProperty ||
        property->children[0]->kind != ast::ExpressionKind::kVariable) {
      continue;
    }
    const int slot = property->children[0]->slot;
    std::set<int> value_slots;
    collect_slots(value, bound_, value_slots);
    if (value_slots.count(slot)) continue;
    return PropertyComparison{slot, property->name, value, side == 1};
  }
  return std::nullopt;
}

Predicate Planner::where_predicate(const ast::Expression* conjunct) {
  Predicate p;
  p.expression = conjunct;
  collect_slots(conjunct, bound_, p.depends);
  if (conjunct->kind != ast::ExpressionKind::kBinary) return p;
  const ast::BinaryOp op = conjunct->binary_op;
  const bool range = op == ast::BinaryOp::kLt || op == ast::BinaryOp::kLe ||
                     op == ast::BinaryOp::kGt || op == ast::BinaryOp::kGe;
  if (!range && op != ast::BinaryOp::kEq) return p;
  const auto comparison = property_comparison(*conjunct);
  if (!comparison) return p;
  p.slot = comparison->slot;
  p.key = comparison->key;
  if (range) {
    // `n.key < value` (either way round) can narrow an index range.
    p.range_op = comparison->property_on_right ? mirrored(op) : op;
    p.range_value = comparison->value;
  } else {
    // `n.key = value` (either way round) can drive an index seek.
    p.kind = Predicate::Kind::kPropertyEquals;
    p.expression = comparison->value;
  }
  return p;
}

void Planner::collect_predicates(const std::vector<BoundPatternPart>& parts,
                                 const ast::Expression* where, PatternState& state) {
  for (const auto& part : parts) {
    for (size_t i = 0; i < part.part->nodes.size(); ++i) {
      const auto& node = part.part->nodes[i];
      const int slot = part.node_slots[i];
      if (!node.labels.empty()) {
        Predicate p;
        p.kind = Predicate::Kind::kHasLabels;
        p.slot = slot;
        p.labels = node.labels;
        p.depends = {slot};
        state.pending.push_back(std::move(p));
      }
      add_property_predicates(slot, node.properties.get(), state);
    }
    for (size_t j = 0; j < part.part->rels.size(); ++j) {
      const auto& rel = part.part->rels[j];
      if (!rel.variable_length)
        add_property_predicates(part.rel_slots[j], rel.properties.get(), state);
    }
  }
  std::vector<const ast::Expression*> conjuncts;
  split_conjuncts(where, conjuncts);
  for (const ast::Expression* c : conjuncts) state.pending.push_back(where_predicate(c));
}

PlanPtr Planner::apply_ready(PlanPtr plan, PatternState& state) {
  std::vector<Predicate> ready;
  for (auto it = state.pending.begin(); it != state.pending.end();) {
    if (subset(it->depends, state.bound)) {
      ready.push_back(std::move(*it));
      it = state.pending.erase(it);
    } else {
      ++it;
    }
  }
  if (ready.empty()) return plan;
  if (plan->op == PlanOp::kFilter) {
    for (auto& p : ready) plan->predicates.push_back(std::move(p));
    return plan;
  }
  auto filter = make_operator(PlanOp::kFilter, std::move(plan));
  filter->predicates = std::move(ready);
  return filter;
}

PlanPtr Planner::plan_pattern(PlanPtr input, const std::vector<BoundPatternPart>& parts,
                              const ast::Expression* where, std::set<int>& bound) {
  PatternState state{bound, {}, {}};
  collect_predicates(parts, where, state);
  PlanPtr plan = apply_ready(std::move(input), state);
  // Shortest paths last: their ends are usually bound by the other parts.
  for (const auto& part : parts) {
    if (part.part->shortest == ast::PatternPart::Shortest::kNone) {
      plan = plan_chain(std::move(plan), part, state);
    }
  }
  for (const auto& part : parts) {
    if (part.part->shortest != ast::PatternPart::Shortest::kNone) {
      plan = plan_shortest(std::move(plan), part, state);
    }
  }
  if (!state.pending.empty()) {
    auto filter = make_operator(PlanOp::kFilter, std::move(plan));
    filter->predicates = std::move(state.pending);
    plan = std::move(filter);
  }
  return plan;
}

bool Planner::index_answers(const Predicate& p, int slot, const std::string& label,
                            const PatternState& state) {
  return p.slot == slot && ready_but(p, slot, state.bound) && catalog_.has_index(label, p.key);
}

double Planner::start_cost(const ast::NodePattern& node, int slot, const PatternState& state) {
  double cost = static_cast<double>(catalog_.node_count()) + 1;
  for (const auto& label : node.labels) {
    const double label_count = static_cast<double>(catalog_.label_count(label));
    for (const auto& p : state.pending) {
      const bool equality = p.kind == Predicate::Kind::kPropertyEquals;
      if ((!equality && !p.range_op) || !index_answers(p, slot, label, state)) continue;
      if (equality) {
        cost = std::min(cost, catalog_.has_unique_index(label, p.key) ? 0.0 : 0.5);
      } else {
        cost = std::min(cost, label_count / 3 + 0.6);
      }
    }
    cost = std::min(cost, label_count + 0.75);
  }
  return cost;
}

size_t Planner::choose_start(const BoundPatternPart& part, PatternState& state) {
  for (size_t i = 0; i < part.node_slots.size(); ++i) {
    if (state.bound.count(part.node_slots[i])) return i;
  }
  size_t best = 0;
  double best_cost = std::numeric_limits<double>::max();
  for (size_t i = 0; i < part.node_slots.size(); ++i) {
    const double cost = start_cost(part.part->nodes[i], part.node_slots[i], state);
    if (cost < best_cost) {
      best_cost = cost;
      best = i;
    }
  }
  return best;
}

namespace {

// The scan or seek of `label` already guarantees it: drop it from the checks.
void drop_label_check(std::vector<Predicate>& pending, int slot, const std::string& label) {
  for (auto it = pending.begin(); it != pending.end(); ++it) {
    if (it->kind != Predicate::Kind::kHasLabels || it->slot != slot) continue;
    auto l = std::find(it->labels.begin(), it->labels.end(), label);
    if (l != it->labels.end()) it->labels.erase(l);
    if (it->labels.empty()) pending.erase(it);
    return;
  }
}

// The tightest bounds the pending comparisons of `seek`'s property give its
// range: the first lower and the first upper bound that can be evaluated.
void set_range_bounds(LogicalOperator& seek, const std::vector<Predicate>& pending,
                      const std::set<int>& bound) {
  for (const auto& q : pending) {
    if (!q.range_op || q.slot != seek.node_slot || q.key != seek.property) continue;
    if (!ready_but(q, seek.node_slot, bound)) continue;
    const bool lower = *q.range_op == ast::BinaryOp::kGt || *q.range_op == ast::BinaryOp::kGe;
    const bool inclusive = *q.range_op == ast::BinaryOp::kGe || *q.range_op == ast::BinaryOp::kLe;
    if (lower && !seek.range_lower) {
      seek.range_lower = q.range_value;
      seek.lower_inclusive = inclusive;
    } else if (!lower && !seek.range_upper) {
      seek.range_upper = q.range_value;
      seek.upper_inclusive = inclusive;
    }
  }
}

}  // namespace

PlanPtr Planner::plan_start(PlanPtr plan, const BoundPatternPart& part, size_t index,
                            PatternState& state) {
  const int slot = part.node_slots[index];
  if (state.bound.count(slot)) {
    // A node an earlier clause bound may be null (OPTIONAL MATCH, WITH
    // null AS n); a pattern of that node alone matches only a node. (An
    // expansion from or into it finds nothing from a null by itself.)
    if (part.part->rels.empty()) {
      Predicate is_node;
      is_node.kind = Predicate::Kind::kHasLabels;
      is_node.slot = slot;
      is_node.depends = {slot};
      state.pending.push_back(std::move(is_node));
      return apply_ready(std::move(plan), state);
    }
    return plan;
  }
  const auto& labels = part.part->nodes[index].labels;
  PlanPtr start = plan_equality_seek(plan, labels, slot, state);
  if (!start) start = plan_range_seek(plan, labels, slot, state);
  if (!start) start = plan_scan(std::move(plan), labels, slot, state);
  state.bound.insert(slot);
  return apply_ready(std::move(start), state);
}

PlanPtr Planner::plan_equality_seek(PlanPtr& plan, const std::vector<std::string>& labels, int slot,
                                    PatternState& state) {
  // The first (label, property) with an index.
  for (const auto& label : labels) {
    for (auto it = state.pending.begin(); it != state.pending.end(); ++it) {
      if (it->kind != Predicate::Kind::kPropertyEquals || !index_answers(*it, slot, label, state)) {
        continue;
      }
      auto seek = make_operator(PlanOp::kNodeIndexSeek, std::move(plan));
      seek->node_slot = slot;
      seek->label = label;
      seek->property = it->key;
      seek->seek_value = it->expression;
      seek->estimated_rows = catalog_.has_unique_index(label, it->key) ? 1 : 10;
      state.pending.erase(it);
      drop_label_check(state.pending, slot, label);
      return seek;
    }
  }
  return nullptr;
}

PlanPtr Planner::plan_range_seek(PlanPtr& plan, const std::vector<std::string>& labels, int slot,
                                 PatternState& state) {
  // The comparisons stay as a filter: they decide across types, the index
  // only narrows the candidates.
  for (const auto& label : labels) {
    for (const auto& p : state.pending) {
      if (!p.range_op || !index_answers(p, slot, label, state)) continue;
      auto seek = make_operator(PlanOp::kNodeIndexSeek, std::move(plan));
      seek->node_slot = slot;
      seek->label = label;
      seek->property = p.key;
      set_range_bounds(*seek, state.pending, state.bound);
      seek->estimated_rows = static_cast<double>(catalog_.label_count(label)) / 3;
      drop_label_check(state.pending, slot, label);
      return seek;
    }
  }
  return nullptr;
}

PlanPtr Planner::plan_scan(PlanPtr plan, const std::vector<std::string>& labels, int slot,
                           PatternState& state) {
  PlanPtr scan;
  if (labels.empty()) {
    scan = make_operator(PlanOp::kAllNodesScan, std::move(plan));
    scan->estimated_rows = static_cast<double>(catalog_.node_count());
  } else {
    std::string smallest = labels.front();
    std::uint64_t count = catalog_.label_count(smallest);
    for (const auto& label : labels) {
      const std::uint64_t c = catalog_.label_count(label);
      if (c < count) {
        count = c;
        smallest = label;
      }
    }
    scan = make_operator(PlanOp::kNodeByLabelScan, std::move(plan));
    scan->label = smallest;
    drop_label_check(state.pending, slot, smallest);
    scan->estimated_rows = static_cast<double>(count);
  }
  scan->node_slot = slot;
  return scan;
}

PlanPtr Planner::plan_hop(PlanPtr plan, const BoundPatternPart& part, size_t j, bool leftward,
                          PatternState& state) {
  const auto& rel = part.part->rels[j];
  auto hop = make_operator(rel.variable_length ? PlanOp::kVarLengthExpand : PlanOp::kExpand,
                           std::move(plan));
  hop->from_slot = part.node_slots[leftward ? j + 1 : j];
  hop->to_slot = part.node_slots[leftward ? j : j + 1];
  hop->rel_slot = part.rel_slots[j];
  hop->direction = leftward ? reverse(rel.direction) : rel.direction;
  hop->types = rel.types;
  hop->into = state.bound.count(hop->to_slot) > 0;
  hop->rel_into = state.bound.count(hop->rel_slot) > 0;
  hop->unique_with = state.clause_rels;
  if (rel.variable_length) {
    hop->min_hops = rel.min_hops.value_or(1);
    hop->max_hops = rel.max_hops.value_or(-1);
    // Lists of relationships are kept in the order the pattern is written.
    hop->reverse_list = leftward;
    if (rel.properties && rel.properties->kind == ast::ExpressionKind::kMap) {
      for (size_t k = 0; k < rel.properties->keys.size(); ++k) {
        hop->hop_properties.emplace_back(rel.properties->keys[k],
                                         rel.properties->children[k].get());
      }
    }
  }
  state.bound.insert(hop->rel_slot);
  state.bound.insert(hop->to_slot);
  state.clause_rels.push_back(hop->rel_slot);
  return apply_ready(std::move(hop), state);
}

PlanPtr Planner::plan_chain(PlanPtr plan, const BoundPatternPart& part, PatternState& state) {
  const size_t start = choose_start(part, state);
  plan = plan_start(std::move(plan), part, start, state);
  for (size_t j = start; j < part.rel_slots.size(); ++j) {
    plan = plan_hop(std::move(plan), part, j, false, state);
  }
  for (size_t j = start; j-- > 0;) plan = plan_hop(std::move(plan), part, j, true, state);
  if (part.path_slot >= 0) {
    auto path = make_operator(PlanOp::kNamedPath, std::move(plan));
    path->pattern = &part;
    path->path_slot = part.path_slot;
    state.bound.insert(part.path_slot);
    plan = apply_ready(std::move(path), state);
  }
  return plan;
}

PlanPtr Planner::plan_shortest(PlanPtr plan, const BoundPatternPart& part, PatternState& state) {
  plan = plan_start(std::move(plan), part, 0, state);
  plan = plan_start(std::move(plan), part, 1, state);
  const auto& rel = part.part->rels[0];
  auto sp = make_operator(PlanOp::kShortestPath, std::move(plan));
  sp->from_slot = part.node_slots[0];
  sp->to_slot = part.node_slots[1];
  sp->rel_slot = part.rel_slots[0];
  sp->path_slot = part.path_slot;
  sp->direction = rel.direction;
  sp->types = rel.types;
  sp->min_hops = rel.min_hops.value_or(1);
  sp->max_hops = rel.variable_length ? rel.max_hops.value_or(-1) : 1;
  sp->all_shortest = part.part->shortest == ast::PatternPart::Shortest::kAllShortest;
  sp->unique_with = state.clause_rels;
  state.bound.insert(sp->rel_slot);
  if (sp->path_slot >= 0) state.bound.insert(sp->path_slot);
  state.clause_rels.push_back(sp->rel_slot);
  return apply_ready(std::move(sp), state);
}

}  // namespace guanxi::query
