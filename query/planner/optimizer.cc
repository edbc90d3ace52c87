#include "query/planner/optimizer.h"

namespace guanxi::query {

namespace {

// Limit(Sort(x)) and Limit(Skip(Sort(x))) -> TopK(x).
bool rewrite_top_k(PlanPtr& plan) {
  if (plan->op != PlanOp::kLimit || !plan->input) return false;
  PlanNode* below = plan->input.get();
  const ast::Expression* skip = nullptr;
  if (below->op == PlanOp::kSkip && below->input && below->input->op == PlanOp::kSort) {
    skip = below->count;
    below = below->input.get();
  }
  if (below->op != PlanOp::kSort) return false;
  auto top = std::make_unique<PlanNode>();
  top->op = PlanOp::kTopK;
  top->sort_keys = below->sort_keys;
  top->count = plan->count;
  top->skip = skip;
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

void optimize(PlanPtr& plan) {
  if (!plan) return;
  while (rewrite_top_k(plan) || merge_filters(plan)) {
  }
  optimize(plan->input);
  optimize(plan->inner);
  for (auto& branch : plan->branches) optimize(branch);
}

}  // namespace guanxi::query
