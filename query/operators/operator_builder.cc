// build_operator: one physical operator per logical plan node.
#include "query/operators/operator.h"
#include "query/operators/operator_factories.h"

namespace guanxi::query {

namespace {

OperatorPtr make(const LogicalOperator& plan, const Row* argument) {
  switch (plan.op) {
    case PlanOp::kEmptyRow: return make_empty_row(plan);
    case PlanOp::kArgument: return make_argument(plan, argument);
    case PlanOp::kAllNodesScan: return make_all_nodes_scan(plan);
    case PlanOp::kNodeByLabelScan: return make_label_scan(plan);
    case PlanOp::kNodeIndexSeek: return make_index_seek(plan);
    case PlanOp::kExpand: return make_expand(plan);
    case PlanOp::kVarLengthExpand: return make_var_length_expand(plan);
    case PlanOp::kPruningExpand: return make_pruning_expand(plan);
    case PlanOp::kShortestPath: return make_shortest_path(plan);
    case PlanOp::kFilter: return make_filter(plan);
    case PlanOp::kProjection: return make_projection(plan);
    case PlanOp::kAggregate: return make_aggregate(plan);
    case PlanOp::kDistinct: return make_distinct(plan);
    case PlanOp::kSort: return make_sort(plan);
    case PlanOp::kTopK: return make_top_k(plan);
    case PlanOp::kSkip: return make_skip(plan);
    case PlanOp::kLimit: return make_limit(plan);
    case PlanOp::kUnwind: return make_unwind(plan);
    case PlanOp::kOptional: return make_optional(plan);
    case PlanOp::kApply:
      return plan.clause && plan.clause->in_transactions ? make_batched_apply(plan)
                                                         : make_apply(plan);
    case PlanOp::kNamedPath: return make_named_path(plan);
    case PlanOp::kUnion: return make_union(plan, argument);
    case PlanOp::kProcedureCall: return make_procedure_call(plan);
    case PlanOp::kCreate: return make_create(plan);
    case PlanOp::kMerge: return make_merge(plan);
    case PlanOp::kSetProperties: return make_set_properties(plan);
    case PlanOp::kRemove: return make_remove(plan);
    case PlanOp::kDelete: return make_delete(plan);
    case PlanOp::kEager: return make_eager(plan);
    case PlanOp::kProduceResults: return make_produce_results(plan);
  }
  return nullptr;
}

}  // namespace

OperatorPtr build_operator(const LogicalOperator& plan, const Row* argument) {
  OperatorPtr op = make(plan, argument);
  if (plan.input) op->set_input(build_operator(*plan.input, argument));
  return op;
}

}  // namespace guanxi::query
