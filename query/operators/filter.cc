// Filter: keeps the rows for which every predicate is true (null and false
// drop the row, as in WHERE).
#include <algorithm>

#include "query/executor/execution_context.h"
#include "query/expression/comparison.h"
#include "query/expression/evaluator.h"
#include "query/operators/operator_factories.h"

namespace guanxi::query {

namespace {

class Filter final : public Operator {
 public:
  using Operator::Operator;

  void open(ExecutionContext& ctx) override {
    Operator::open(ctx);
    label_ids_.assign(plan_.predicates.size(), {});
    label_missing_.assign(plan_.predicates.size(), false);
    key_ids_.assign(plan_.predicates.size(), std::nullopt);
    for (size_t i = 0; i < plan_.predicates.size(); ++i) resolve_labels(i);
  }

 protected:
  bool next(Row& row) override {
    while (input_->pull(row)) {
      if (passes(row)) return true;
    }
    return false;
  }

 private:
  bool passes(Row& row) {
    for (size_t i = 0; i < plan_.predicates.size(); ++i) {
      if (!holds(i, row)) return false;
    }
    return true;
  }

  Value property(const Value& entity, const std::string& key) {
    if (entity.kind() == ValueKind::kNode) return ctx_->node_property(entity.as_node(), key);
    if (entity.kind() == ValueKind::kRelationship) {
      return ctx_->relationship_property(entity.as_relationship(), key);
    }
    return Value();
  }

  // The ids of predicate i's labels; a label that does not exist yet
  // leaves it missing (no node has it).
  void resolve_labels(size_t i) {
    const Predicate& p = plan_.predicates[i];
    if (p.kind != Predicate::Kind::kHasLabels) return;
    label_ids_[i].clear();
    label_missing_[i] = false;
    for (const auto& label : p.labels) {
      if (auto id = ctx_->label_id(label)) {
        label_ids_[i].push_back(*id);
      } else {
        label_missing_[i] = true;
      }
    }
  }

  bool holds(size_t i, Row& row) {
    const Predicate& p = plan_.predicates[i];
    switch (p.kind) {
      case Predicate::Kind::kExpression: return is_true(evaluate(*p.expression, row, *ctx_));
      case Predicate::Kind::kHasLabels: {
        const Value& v = row[p.slot];
        if (v.kind() != ValueKind::kNode) return false;
        // A write earlier in the statement may have created the label.
        if (label_missing_[i] && ctx_->writable()) resolve_labels(i);
        if (label_missing_[i]) return false;
        const auto& labels = ctx_->node_label_ids(v.as_node().id);
        for (auto id : label_ids_[i]) {
          if (!std::binary_search(labels.begin(), labels.end(), id)) return false;
        }
        return true;
      }
      case Predicate::Kind::kPropertyEquals: {
        const Value& entity = row[p.slot];
        if (entity.is_null()) return false;
        const Value expected = evaluate(*p.expression, row, *ctx_);
        return cypher_equals(property(entity, p.key), expected) == true;
      }
      case Predicate::Kind::kRelTypes: {
        const Value& v = row[p.slot];
        if (v.kind() != ValueKind::kRelationship) return false;
        const std::string type = ctx_->relationship_type(v.as_relationship());
        return std::find(p.labels.begin(), p.labels.end(), type) != p.labels.end();
      }
      case Predicate::Kind::kNotEqual: return !(row[p.slot] == row[p.other_slot]);
    }
    return false;
  }

  std::vector<std::vector<storage::LabelId>> label_ids_;
  std::vector<bool> label_missing_;
  std::vector<std::optional<storage::PropertyKeyId>> key_ids_;
};

}  // namespace

OperatorPtr make_filter(const LogicalOperator& plan) { return std::make_unique<Filter>(plan); }

}  // namespace guanxi::query
