// Names and one-line details of plan nodes, for EXPLAIN and PROFILE.
#include <string>

#include "query/planner/logical_plan.h"
#include "query/procedures/procedure_registry.h"

namespace guanxi::query {

namespace {

std::string text_of(const ast::Expression* e) {
  if (!e) return "";
  if (!e->text.empty()) return e->text;
  if (e->kind == ast::ExpressionKind::kParameter) return "$" + e->name;
  if (e->kind == ast::ExpressionKind::kVariable) return e->name;
  if (e->kind == ast::ExpressionKind::kLiteral) return e->literal.to_string();
  return "?";
}

// A slot as EXPLAIN shows it: its variable's name, or "#n" for a hidden one.
std::string slot_name(int slot, const std::vector<std::string>& names) {
  if (slot < 0) return "_";
  const auto i = static_cast<std::size_t>(slot);
  if (i < names.size() && !names[i].empty()) return names[i];
  return "#" + std::to_string(slot);
}

std::string types_text(const std::vector<std::string>& types) {
  std::string out;
  for (size_t i = 0; i < types.size(); ++i) out += (i ? "|" : ":") + types[i];
  return out;
}

std::string predicate_text(const Predicate& p, const std::vector<std::string>& names) {
  switch (p.kind) {
    case Predicate::Kind::kExpression: return text_of(p.expression);
    case Predicate::Kind::kHasLabels: {
      std::string out = slot_name(p.slot, names);
      if (p.labels.empty()) return out + " IS NOT NULL";  // a node, of any labels
      for (const auto& l : p.labels) out += ":" + l;
      return out;
    }
    case Predicate::Kind::kPropertyEquals:
      return slot_name(p.slot, names) + "." + p.key + " = " + text_of(p.expression);
    case Predicate::Kind::kRelTypes: return slot_name(p.slot, names) + types_text(p.labels);
    case Predicate::Kind::kNotEqual:
      return slot_name(p.slot, names) + " <> " + slot_name(p.other_slot, names);
  }
  return "";
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

}  // namespace

std::string plan_op_name(const LogicalOperator& node) {
  switch (node.op) {
    case PlanOp::kEmptyRow: return "EmptyRow";
    case PlanOp::kArgument: return "Argument";
    case PlanOp::kAllNodesScan: return "AllNodesScan";
    case PlanOp::kNodeByLabelScan: return "NodeByLabelScan";
    case PlanOp::kNodeIndexSeek: return "NodeIndexSeek";
    case PlanOp::kExpand: return node.into ? "Expand(Into)" : "Expand(All)";
    case PlanOp::kVarLengthExpand:
      return node.into ? "VarLengthExpand(Into)" : "VarLengthExpand(All)";
    case PlanOp::kPruningExpand: return "Expand(Pruning)";
    case PlanOp::kShortestPath: return node.all_shortest ? "AllShortestPaths" : "ShortestPath";
    case PlanOp::kFilter: return "Filter";
    case PlanOp::kProjection: return "Projection";
    case PlanOp::kAggregate: return "EagerAggregation";
    case PlanOp::kDistinct: return "Distinct";
    case PlanOp::kSort: return "Sort";
    case PlanOp::kTopK: return "Top";
    case PlanOp::kSkip: return "Skip";
    case PlanOp::kLimit: return "Limit";
    case PlanOp::kUnwind: return "Unwind";
    case PlanOp::kOptional: return "Optional";
    case PlanOp::kApply:
      return node.clause && node.clause->in_transactions ? "TransactionApply" : "Apply";
    case PlanOp::kNamedPath: return "NamedPath";
    case PlanOp::kUnion: return "Union";
    case PlanOp::kProcedureCall: return "ProcedureCall";
    case PlanOp::kCreate: return "Create";
    case PlanOp::kMerge: return "Merge";
    case PlanOp::kSetProperties: return "SetProperties";
    case PlanOp::kRemove: return "Remove";
    case PlanOp::kDelete: return node.clause && node.clause->detach ? "DetachDelete" : "Delete";
    case PlanOp::kEager: return "Eager";
    case PlanOp::kProduceResults: return "ProduceResults";
  }
  return "?";
}

namespace {

// "c:Customer(id = $id)", "c:Customer(age >= 18 AND age < 65)".
std::string index_seek_details(const LogicalOperator& seek, const std::vector<std::string>& names) {
  std::string condition;
  if (seek.seek_value) {
    condition = seek.property + " = " + text_of(seek.seek_value);
  } else {
    if (seek.range_lower) {
      condition +=
          seek.property + (seek.lower_inclusive ? " >= " : " > ") + text_of(seek.range_lower);
    }
    if (seek.range_upper) {
      condition += std::string(condition.empty() ? "" : " AND ") + seek.property +
                   (seek.upper_inclusive ? " <= " : " < ") + text_of(seek.range_upper);
    }
  }
  return slot_name(seek.node_slot, names) + ":" + seek.label + "(" + condition + ")";
}

// "(a)-[r:KNOWS*1..3]->(b)".
std::string expand_details(const LogicalOperator& expand, const std::vector<std::string>& names) {
  std::string hops;
  if (expand.op != PlanOp::kExpand) {
    hops = "*" + std::to_string(expand.min_hops) + ".." +
           (expand.max_hops < 0 ? std::string() : std::to_string(expand.max_hops));
  }
  const char* left = expand.direction == ast::RelDirection::kLeft ? "<-" : "-";
  const char* right = expand.direction == ast::RelDirection::kRight ? "->" : "-";
  return "(" + slot_name(expand.from_slot, names) + ")" + left + "[" +
         slot_name(expand.rel_slot, names) + types_text(expand.types) + hops + "]" + right + "(" +
         slot_name(expand.to_slot, names) + ")";
}

// "(a)-[:KNOWS]-()-[:KNOWS]-(c)".
std::string pruning_expand_details(const LogicalOperator& expand,
                                   const std::vector<std::string>& names) {
  std::string out = "(" + slot_name(expand.from_slot, names) + ")";
  for (size_t i = 0; i < expand.hops.size(); ++i) {
    const ExpandHop& hop = expand.hops[i];
    out += std::string(hop.direction == ast::RelDirection::kLeft ? "<-" : "-") + "[" +
           types_text(hop.types) + "]" + (hop.direction == ast::RelDirection::kRight ? "->" : "-");
    out += i + 1 < expand.hops.size() ? "()" : "(" + slot_name(expand.to_slot, names) + ")";
  }
  return out;
}

// "keys: c.city; count(*)".
std::string aggregate_details(const LogicalOperator& aggregate,
                              const std::vector<std::string>& names) {
  std::vector<std::string> keys, aggregates;
  for (const auto& item : aggregate.items) {
    keys.push_back(item.expression ? text_of(item.expression) : slot_name(item.slot, names));
  }
  for (const auto* a : aggregate.aggregates) aggregates.push_back(text_of(a));
  return (keys.empty() ? "" : "keys: " + join(keys, ", ") + "; ") + join(aggregates, ", ");
}

// "c.spend DESC, c.name ASC LIMIT 10".
std::string sort_details(const LogicalOperator& sort) {
  std::vector<std::string> parts;
  for (const auto& k : sort.sort_keys) {
    parts.push_back(text_of(k.expression) + (k.descending ? " DESC" : " ASC"));
  }
  std::string out = join(parts, ", ");
  if (sort.op == PlanOp::kTopK) {
    out += " LIMIT " + text_of(sort.count);
    if (sort.skip) out += " SKIP " + text_of(sort.skip);
  }
  return out;
}

}  // namespace

std::string plan_details(const LogicalOperator& node, const std::vector<std::string>& names) {
  switch (node.op) {
    case PlanOp::kAllNodesScan: return slot_name(node.node_slot, names);
    case PlanOp::kNodeByLabelScan: return slot_name(node.node_slot, names) + ":" + node.label;
    case PlanOp::kNodeIndexSeek: return index_seek_details(node, names);
    case PlanOp::kExpand:
    case PlanOp::kVarLengthExpand:
    case PlanOp::kShortestPath: return expand_details(node, names);
    case PlanOp::kPruningExpand: return pruning_expand_details(node, names);
    case PlanOp::kFilter: {
      std::vector<std::string> parts;
      for (const auto& p : node.predicates) parts.push_back(predicate_text(p, names));
      return join(parts, " AND ");
    }
    case PlanOp::kProjection:
    case PlanOp::kUnwind: {
      std::vector<std::string> parts;
      for (const auto& item : node.items) parts.push_back(text_of(item.expression));
      return join(parts, ", ");
    }
    case PlanOp::kAggregate: return aggregate_details(node, names);
    case PlanOp::kSort:
    case PlanOp::kTopK: return sort_details(node);
    case PlanOp::kSkip:
    case PlanOp::kLimit: return text_of(node.count);
    case PlanOp::kProcedureCall: return node.procedure ? node.procedure->name : "";
    case PlanOp::kApply:
      if (node.clause && node.clause->in_transactions) {
        const std::string rows = node.clause->batch_rows ? text_of(node.clause->batch_rows.get())
                                                         : std::to_string(ast::kDefaultBatchRows);
        const std::string batches = "OF " + rows + " ROWS";
        return node.columns.empty() ? batches : batches + "; " + join(node.columns, ", ");
      }
      return join(node.columns, ", ");
    case PlanOp::kProduceResults:
    case PlanOp::kUnion: return join(node.columns, ", ");
    default: return "";
  }
}

}  // namespace guanxi::query
