// Factories of the physical operators, one per logical PlanOp, used by
// build_operator(). Each operator class lives in the .cc file of its family.
#pragma once

#include "query/operators/operator.h"

namespace guanxi::query {

// leaf_operators.cc
OperatorPtr make_once(const PlanNode& plan);
OperatorPtr make_argument(const PlanNode& plan, const Row* argument);
// scan_operators.cc
OperatorPtr make_all_nodes_scan(const PlanNode& plan);
OperatorPtr make_label_scan(const PlanNode& plan);
OperatorPtr make_index_seek(const PlanNode& plan);
// expand.cc, var_length_expand.cc, shortest_path.cc
OperatorPtr make_expand(const PlanNode& plan);
OperatorPtr make_pruning_expand(const PlanNode& plan);
OperatorPtr make_var_length_expand(const PlanNode& plan);
OperatorPtr make_shortest_path(const PlanNode& plan);
// filter.cc
OperatorPtr make_filter(const PlanNode& plan);
// projection.cc
OperatorPtr make_projection(const PlanNode& plan);
OperatorPtr make_unwind(const PlanNode& plan);
OperatorPtr make_named_path(const PlanNode& plan);
OperatorPtr make_produce_results(const PlanNode& plan);
// aggregate.cc
OperatorPtr make_aggregate(const PlanNode& plan);
// distinct.cc
OperatorPtr make_distinct(const PlanNode& plan);
// sort.cc
OperatorPtr make_sort(const PlanNode& plan);
OperatorPtr make_top_k(const PlanNode& plan);
// skip_limit.cc
OperatorPtr make_skip(const PlanNode& plan);
OperatorPtr make_limit(const PlanNode& plan);
// optional.cc (inner built by the factory)
OperatorPtr make_optional(const PlanNode& plan);
// union.cc
OperatorPtr make_union(const PlanNode& plan);
// procedure_call.cc
OperatorPtr make_procedure_call(const PlanNode& plan);
// create.cc, merge.cc, set_properties.cc, delete.cc, eager.cc
OperatorPtr make_create(const PlanNode& plan);
OperatorPtr make_merge(const PlanNode& plan);
OperatorPtr make_set_properties(const PlanNode& plan);
OperatorPtr make_remove(const PlanNode& plan);
OperatorPtr make_delete(const PlanNode& plan);
OperatorPtr make_eager(const PlanNode& plan);

}  // namespace guanxi::query
