// The logical plan: a tree of relational steps over rows of slots.
//
// The planner (planner.h) builds it from a bound query, the optimizer rules
// (optimizer.h) rewrite it, and the operator builder (query/operators/)
// turns each logical operator into a physical Operator per run. A plan holds
// pointers into the AST it was planned from; both live in one PreparedQuery.
//
// Every logical operator reads rows from `input` (null for the leaves
// EmptyRow and Argument); those that run a sub-plan per input row (Optional,
// Merge, pattern expressions) hold it in `inner`, whose leaf is an Argument
// that yields the current outer row. Union holds its branches in `branches`.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "query/ast.h"
#include "query/binder/bound_query.h"

namespace guanxi::query {

struct ProcedureSignature;

enum class PlanOp : std::uint8_t {
  kEmptyRow,         // one empty row: the start of every query
  kArgument,         // the outer row of an Optional / Merge / pattern expression
  kAllNodesScan,     // per input row, every node into node_slot
  kNodeByLabelScan,  // per input row, the nodes of `label`
  kNodeIndexSeek,    // per input row, the nodes of `label` whose `property` = / in range
  kExpand,           // from_slot -[rel_slot]- to_slot
  kVarLengthExpand,  // from_slot -[rel_slot*min..max]- to_slot
  kPruningExpand,    // from_slot -[hops[0]]- () -[hops[1]]- to_slot, each to_slot once
  kShortestPath,     // path_slot = shortest path(s) from_slot .. to_slot
  kFilter,           // keeps rows where every predicate holds
  kProjection,       // evaluates expressions into slots
  kAggregate,        // groups by keys, computes aggregates
  kDistinct,         // drops rows equal on `slots`
  kSort,
  kTopK,  // Sort + Limit in bounded memory
  kSkip,
  kLimit,
  kUnwind,
  kOptional,   // inner per row; null-padded row when inner yields nothing
  kApply,      // CALL { }: inner per row, its rows out; without `slots` (no RETURN) the row once
  kNamedPath,  // builds path_slot from node and relationship slots
  kUnion,      // branches one after another (distinct: followed by kDistinct)
  kProcedureCall,
  kCreate,
  kMerge,
  kSetProperties,  // SET items (property, =, +=, labels)
  kRemove,
  kDelete,
  kEager,  // materializes its input before passing rows on
  kProduceResults,
};

// One condition a Filter checks.
struct Predicate {
  enum class Kind : std::uint8_t {
    kExpression,      // is_true(expression)
    kHasLabels,       // node in slot has every label
    kPropertyEquals,  // property `key` of slot equals expression (openCypher equality)
    kRelTypes,        // relationship in slot has one of `labels` (types)
    kNotEqual,        // slot and other_slot hold different entities (relationship uniqueness)
  };
  Kind kind = Kind::kExpression;
  const ast::Expression* expression = nullptr;
  int slot = -1;
  int other_slot = -1;
  std::vector<std::string> labels;
  std::string key;
  // Slots the predicate reads: it can run once all are bound.
  std::set<int> depends;
  // A kExpression of the form `slot.key op range_value` (op one of <, <=, >,
  // >=, normalized so the property is on the left): an index can narrow it.
  std::optional<ast::BinaryOp> range_op;
  const ast::Expression* range_value = nullptr;
};

// One hop of a PruningExpand.
struct ExpandHop {
  ast::RelDirection direction = ast::RelDirection::kRight;
  std::vector<std::string> types;
  // Relationship slots of the input row this hop's relationship must differ
  // from (relationship uniqueness with earlier parts of the MATCH).
  std::vector<int> unique_with;
  // The relationship must differ from the previous hop's (both hops come
  // from one MATCH).
  bool differs_from_previous = false;
};

struct SortKey {
  const ast::Expression* expression = nullptr;
  bool descending = false;
};

// A slot assigned from an expression (projection, grouping key, ...).
struct SlotExpression {
  int slot = -1;
  const ast::Expression* expression = nullptr;
};

// One step of a logical plan: `op` says which, and the fields of that step
// are set (the others keep their defaults).
struct LogicalOperator {
  PlanOp op = PlanOp::kEmptyRow;
  std::unique_ptr<LogicalOperator> input;
  std::unique_ptr<LogicalOperator> inner;
  std::vector<std::unique_ptr<LogicalOperator>> branches;

  // Scans, seeks and expansions.
  int node_slot = -1;
  int from_slot = -1;
  int rel_slot = -1;
  int to_slot = -1;
  int path_slot = -1;
  std::string label;
  std::string property;
  const ast::Expression* seek_value = nullptr;   // equality seek
  const ast::Expression* range_lower = nullptr;  // range seek bounds
  const ast::Expression* range_upper = nullptr;
  bool lower_inclusive = true;
  bool upper_inclusive = true;
  ast::RelDirection direction = ast::RelDirection::kRight;
  std::vector<std::string> types;
  bool into = false;  // Expand: to_slot already bound, check it
  std::int64_t min_hops = 1;
  std::int64_t max_hops = 1;  // -1: unbounded
  bool all_shortest = false;
  // VarLengthExpand planned against the written direction: reverse the list
  // so that it follows the pattern as written.
  bool reverse_list = false;
  // Expand: rel_slot already bound by an earlier clause; only that one matches.
  bool rel_into = false;
  // Relationship slots bound earlier in the same MATCH: a new relationship
  // must differ from each (lists for variable-length ones).
  std::vector<int> unique_with;
  // PruningExpand: its two hops. The second hop's relationship also differs
  // from the first's (the pair of an openCypher pattern), checked exactly.
  std::vector<ExpandHop> hops;
  // Per-hop property conditions of variable-length relationships.
  std::vector<std::pair<std::string, const ast::Expression*>> hop_properties;

  // Filter.
  std::vector<Predicate> predicates;

  // Projection; Aggregate grouping keys; Unwind (one item); ProduceResults.
  std::vector<SlotExpression> items;
  // Aggregate.
  std::vector<const ast::Expression*> aggregates;  // each writes its own slot
  std::vector<SlotExpression> post_items;          // items computed from aggregates
  // Distinct: the slots compared.
  std::vector<int> slots;
  // Sort / TopK.
  std::vector<SortKey> sort_keys;
  // Skip / Limit / TopK.
  const ast::Expression* count = nullptr;
  const ast::Expression* skip = nullptr;  // TopK: rows skipped before the limit
  // Limit / TopK over an Eager after writes: pull the input once even when
  // no row is wanted (LIMIT 0), so that every write happens.
  bool drain_input = false;

  // Optional: the slots the inner plan binds, nulled when it finds nothing.
  std::vector<int> null_slots;
  // Apply: the slots the outer row binds, restored on each row the subquery
  // returns (its aggregations build rows of their own). Its `clause` says
  // whether it commits in batches (IN TRANSACTIONS).
  std::vector<int> outer_slots;
  // NamedPath: the pattern part and its slots.
  const BoundPatternPart* pattern = nullptr;

  // Writes: the clause and its bound patterns.
  const ast::Clause* clause = nullptr;
  const BoundClause* bound_clause = nullptr;

  // ProcedureCall.
  const ProcedureSignature* procedure = nullptr;

  // ProduceResults / Union: column names, parallel to `slots`.
  std::vector<std::string> columns;

  // Cardinality guess of the optimizer (for EXPLAIN).
  double estimated_rows = 0;
};

using PlanPtr = std::unique_ptr<LogicalOperator>;

// The name EXPLAIN shows for an operator, e.g. "NodeIndexSeek", "Expand(All)".
std::string plan_op_name(const LogicalOperator& node);
// A one-line description of what the operator does, e.g. "c:Customer(id = $id)",
// naming each slot by `slot_names` (the binder's) or, for a hidden slot, by
// its number ("#3").
std::string plan_details(const LogicalOperator& node, const std::vector<std::string>& slot_names);

}  // namespace guanxi::query
