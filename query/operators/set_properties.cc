// SetProperties (SET) and Remove (REMOVE), row by row.
#include "query/executor/execution_context.h"
#include "query/expression/evaluator.h"
#include "query/operators/graph_writes.h"
#include "query/operators/operator_factories.h"

namespace guanxi::query {

namespace {

class SetProperties final : public Operator {
 public:
  using Operator::Operator;

 protected:
  bool next(Row& row) override {
    if (!input_->pull(row)) return false;
    apply_set_items(*ctx_, plan_.clause->set_items, row);
    return true;
  }
};

class Remove final : public Operator {
 public:
  using Operator::Operator;

 protected:
  bool next(Row& row) override {
    if (!input_->pull(row)) return false;
    auto& txn = ctx_->write_txn();
    for (const auto& item : plan_.clause->remove_items) {
      if (item.kind == ast::RemoveItem::Kind::kProperty) {
        const Value entity = evaluate(*item.target->children[0], row, *ctx_);
        const auto key = ctx_->key_id(item.target->name);
        if (!key) continue;
        if (entity.kind() == ValueKind::kNode) {
          if (!ctx_->node_property(entity.as_node(), item.target->name).is_null()) {
            ctx_->graph().set_node_property(txn, entity.as_node().id, *key, storage::Value());
            ++ctx_->changes().properties_set;
          }
        } else if (entity.kind() == ValueKind::kRelationship) {
          if (!ctx_->relationship_property(entity.as_relationship(), item.target->name).is_null()) {
            ctx_->graph().set_relationship_property(txn, entity.as_relationship(), *key,
                                                    storage::Value());
            ++ctx_->changes().properties_set;
          }
        }
      } else {
        const Value& entity = row[item.slot];
        if (entity.kind() != ValueKind::kNode) continue;
        for (const auto& label : item.labels) {
          const auto id = ctx_->label_id(label);
          if (id && ctx_->graph().remove_label(txn, entity.as_node().id, *id)) {
            ++ctx_->changes().labels_removed;
          }
        }
      }
    }
    return true;
  }
};

}  // namespace

OperatorPtr make_set_properties(const LogicalOperator& plan) {
  return std::make_unique<SetProperties>(plan);
}
OperatorPtr make_remove(const LogicalOperator& plan) { return std::make_unique<Remove>(plan); }

}  // namespace guanxi::query
