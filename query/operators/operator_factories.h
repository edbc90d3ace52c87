// Factories of the physical operators, one per logical PlanOp, used by
// build_operator(). Each operator class lives in the .cc file of its family.
#pragma once

#include "query/operators/operator.h"

namespace guanxi::query {

// leaf_operators.cc
OperatorPtr make_empty_row(const LogicalOperator& plan);
OperatorPtr make_argument(const LogicalOperator& plan, const Row* argument);
// scan_operators.cc
OperatorPtr make_all_nodes_scan(const LogicalOperator& plan);
OperatorPtr make_label_scan(const LogicalOperator& plan);
OperatorPtr make_index_seek(const LogicalOperator& plan);
// expand.cc, var_length_expand.cc, shortest_path.cc
OperatorPtr make_expand(const LogicalOperator& plan);
OperatorPtr make_pruning_expand(const LogicalOperator& plan);
OperatorPtr make_var_length_expand(const LogicalOperator& plan);
OperatorPtr make_shortest_path(const LogicalOperator& plan);
// filter.cc
OperatorPtr make_filter(const LogicalOperator& plan);
// projection.cc
OperatorPtr make_projection(const LogicalOperator& plan);
OperatorPtr make_unwind(const LogicalOperator& plan);
OperatorPtr make_named_path(const LogicalOperator& plan);
OperatorPtr make_produce_results(const LogicalOperator& plan);
// aggregate.cc
OperatorPtr make_aggregate(const LogicalOperator& plan);
// distinct.cc
OperatorPtr make_distinct(const LogicalOperator& plan);
// sort.cc
OperatorPtr make_sort(const LogicalOperator& plan);
OperatorPtr make_top_k(const LogicalOperator& plan);
// skip_limit.cc
OperatorPtr make_skip(const LogicalOperator& plan);
OperatorPtr make_limit(const LogicalOperator& plan);
// optional.cc (inner built by the factory)
OperatorPtr make_optional(const LogicalOperator& plan);
OperatorPtr make_apply(const LogicalOperator& plan);
OperatorPtr make_batched_apply(const LogicalOperator& plan);
// union.cc
// `argument`: the outer row of a UNION inside CALL { }, where each branch
// starts (null for a statement's UNION).
OperatorPtr make_union(const LogicalOperator& plan, const Row* argument);
// procedure_call.cc
OperatorPtr make_procedure_call(const LogicalOperator& plan);
// create.cc, merge.cc, set_properties.cc, delete.cc, eager.cc
OperatorPtr make_create(const LogicalOperator& plan);
OperatorPtr make_merge(const LogicalOperator& plan);
OperatorPtr make_set_properties(const LogicalOperator& plan);
OperatorPtr make_remove(const LogicalOperator& plan);
OperatorPtr make_delete(const LogicalOperator& plan);
OperatorPtr make_eager(const LogicalOperator& plan);

}  // namespace guanxi::query
