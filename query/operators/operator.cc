#include "query/operators/operator.h"

#include "query/executor/execution_context.h"

namespace guanxi::query {

void Operator::open(ExecutionContext& ctx) {
  ctx_ = &ctx;
  memory_.attach(&ctx.memory_budget());
  if (input_) input_->open(ctx);
  for (Operator* child : children_) child->open(ctx);
}

void Operator::reset() {
  memory_.clear();
  if (input_) input_->reset();
}

void Operator::enable_profiling() {
  profiling_ = true;
  if (input_) input_->enable_profiling();
  for (Operator* child : children_) child->enable_profiling();
}

PlanNode Operator::profile(const std::vector<std::string>& slot_names) const {
  PlanNode p;
  p.name = plan_op_name(plan_);
  p.details = plan_details(plan_, slot_names);
  p.rows = rows_;
  p.seconds = seconds_;
  for (Operator* child : children_) p.children.push_back(child->profile(slot_names));
  if (input_) p.children.push_back(input_->profile(slot_names));
  return p;
}

}  // namespace guanxi::query
