#include "query/planner/optimizer.h"

#include <optional>
#include <set>

#include "query/binder/expression_slots.h"

namespace guanxi::query {

namespace {

bool is_plain_expand(const LogicalOperator& node) {
  return node.op == PlanOp::kExpand && !node.into && !node.rel_into && node.hop_properties.empty();
}

// The slots `consumer` reads, when it reads only the distinct values of its
// input (DISTINCT over slots, or an aggregation whose aggregates are all
// DISTINCT); nullopt otherwise. Rows that differ only in slots it does not
// read are then interchangeable, and duplicates among them may be dropped.
std::optional<std::set<int>> distinct_reads(const LogicalOperator& consumer,
                                            const BoundQuery& bound) {
  std::set<int> read;
  if (consumer.op == PlanOp::kDistinct) {
    read.insert(consumer.slots.begin(), consumer.slots.end());
  } else if (consumer.op == PlanOp::kAggregate) {
    if (consumer.aggregates.empty()) return std::nullopt;
    for (const ast::Expression* a : consumer.aggregates) {
      if (a->kind != ast::ExpressionKind::kFunctionCall || !a->distinct) return std::nullopt;
      for (const auto& child : a->children) collect_slots(child.get(), bound, read);
    }
    for (const auto& item : consumer.items) {
      if (item.expression) {
        collect_slots(item.expression, bound, read);
      } else {
        read.insert(item.slot);
      }
    }
    for (const auto& item : consumer.post_items) collect_slots(item.expression, bound, read);
  } else {
    return std::nullopt;
  }
  return read;
}

// Distinct consumer over Expand(b -> c) over Expand(a -> b), where neither
// relationship nor b is read above: the two expands become one
// PruningExpand that walks each distinct b once and yields each reachable c
// once per input row (friends of friends: count(DISTINCT c)). A Projection
// may sit between a Distinct and the expands (RETURN DISTINCT c.name).
bool prune_two_hop_expand(PlanPtr& plan, const BoundQuery& bound) {
  PlanPtr* link = &plan->input;
  const LogicalOperator* projection = nullptr;
  if (plan->op == PlanOp::kDistinct && *link && (*link)->op == PlanOp::kProjection) {
    projection = link->get();
    link = &(*link)->input;
  }
  if (!*link || !is_plain_expand(**link)) return false;
  LogicalOperator& second = **link;
  if (!second.input || !is_plain_expand(*second.input)) return false;
  LogicalOperator& first = *second.input;
  if (second.from_slot != first.to_slot || second.to_slot == first.from_slot) return false;
  std::optional<std::set<int>> read = distinct_reads(*plan, bound);
  if (!read) return false;
  if (projection) {
    for (const auto& item : projection->items) collect_slots(item.expression, bound, *read);
  }
  for (int hidden : {first.to_slot, first.rel_slot, second.rel_slot}) {
    if (read->count(hidden)) return false;
  }
  auto pruning = std::make_unique<LogicalOperator>();
  pruning->op = PlanOp::kPruningExpand;
  pruning->from_slot = first.from_slot;
  pruning->node_slot = first.to_slot;
  pruning->to_slot = second.to_slot;
  ExpandHop one{first.direction, first.types, first.unique_with, false};
  ExpandHop two{second.direction, second.types, {}, false};
  for (int slot : second.unique_with) {
    if (slot == first.rel_slot) {
      two.differs_from_previous = true;
    } else {
      two.unique_with.push_back(slot);
    }
  }
  pruning->hops = {std::move(one), std::move(two)};
  pruning->estimated_rows = second.estimated_rows;
  pruning->input = std::move(first.input);
  *link = std::move(pruning);
  return true;
}

// Limit(Sort(x)) and Limit(Skip(Sort(x))) -> TopK(x).
bool rewrite_top_k(PlanPtr& plan) {
  if (plan->op != PlanOp::kLimit || !plan->input) return false;
  LogicalOperator* below = plan->input.get();
  const ast::Expression* skip = nullptr;
  if (below->op == PlanOp::kSkip && below->input && below->input->op == PlanOp::kSort) {
    skip = below->count;
    below = below->input.get();
  }
  if (below->op != PlanOp::kSort) return false;
  auto top = std::make_unique<LogicalOperator>();
  top->op = PlanOp::kTopK;
  top->sort_keys = below->sort_keys;
  top->count = plan->count;
  top->skip = skip;
  top->drain_input = plan->drain_input;
  top->input = std::move(below->input);
  plan = std::move(top);
  return true;
}

bool merge_filters(PlanPtr& plan) {
  if (plan->op != PlanOp::kFilter || !plan->input || plan->input->op != PlanOp::kFilter) {
    return false;
  }
  PlanPtr below = std::move(plan->input);
  for (auto& p : plan->predicates) below->predicates.push_back(std::move(p));
  plan = std::move(below);
  return true;
}

}  // namespace

void optimize(PlanPtr& plan, const BoundQuery& bound) {
  if (!plan) return;
  while (rewrite_top_k(plan) || merge_filters(plan) || prune_two_hop_expand(plan, bound)) {
  }
  optimize(plan->input, bound);
  optimize(plan->inner, bound);
  for (auto& branch : plan->branches) optimize(branch, bound);
}

}  // namespace guanxi::query
