// Row-wise operators that compute slots: Projection (WITH / RETURN items),
// Unwind (a list into rows), NamedPath (p = ...) and ProduceResults (the
// root; the result stream reads the column slots).
#include "query/executor/execution_context.h"
#include "query/expression/evaluator.h"
#include "query/operators/operator_factories.h"

namespace guanxi::query {

namespace {

class Projection final : public Operator {
 public:
  using Operator::Operator;

 protected:
  bool next(Row& row) override {
    if (!input_->pull(row)) return false;
    for (const auto& item : plan_.items) row[item.slot] = evaluate(*item.expression, row, *ctx_);
    return true;
  }
};

class Unwind final : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    list_.clear();
    pos_ = 0;
  }

 protected:
  bool next(Row& row) override {
    const SlotExpression& item = plan_.items.front();
    for (;;) {
      if (pos_ < list_.size()) {
        if ((pos_ & 1023) == 1023) ctx_->check_cancelled();
        row[item.slot] = std::move(list_[pos_++]);
        return true;
      }
      if (!input_->pull(row)) return false;
      Value v = evaluate(*item.expression, row, *ctx_);
      list_.clear();
      pos_ = 0;
      if (v.kind() == ValueKind::kList) {
        list_ = std::move(v.as_list());
      } else if (!v.is_null()) {
        list_.push_back(std::move(v));
      }
    }
  }

 private:
  List list_;
  size_t pos_ = 0;
};

class NamedPath final : public Operator {
 public:
  using Operator::Operator;

 protected:
  bool next(Row& row) override {
    if (!input_->pull(row)) return false;
    const BoundPatternPart& part = *plan_.pattern;
    PathValue path;
    const Value& first = row[part.node_slots[0]];
    if (first.kind() != ValueKind::kNode) {
      row[plan_.path_slot] = Value();
      return true;
    }
    storage::NodeId current = first.as_node().id;
    path.nodes.push_back(NodeRef{current});
    for (size_t j = 0; j < part.rel_slots.size(); ++j) {
      const Value& r = row[part.rel_slots[j]];
      auto step = [&](const RelRef& rel) {
        current = rel.src == current ? rel.dst : rel.src;
        path.rels.push_back(rel);
        path.nodes.push_back(NodeRef{current});
      };
      if (r.kind() == ValueKind::kRelationship) {
        step(r.as_relationship());
      } else if (r.kind() == ValueKind::kList) {
        for (const Value& rel : r.as_list()) step(rel.as_relationship());
      } else {
        row[plan_.path_slot] = Value();
        return true;
      }
    }
    row[plan_.path_slot] = Value(std::move(path));
    return true;
  }
};

class ProduceResults final : public Operator {
 public:
  using Operator::Operator;

 protected:
  bool next(Row& row) override {
    if (!input_->pull(row)) return false;
    if ((++rows_seen_ & 1023) == 0) ctx_->check_cancelled();
    return true;
  }

 private:
  std::uint64_t rows_seen_ = 0;
};

}  // namespace

OperatorPtr make_projection(const LogicalOperator& plan) {
  return std::make_unique<Projection>(plan);
}
OperatorPtr make_unwind(const LogicalOperator& plan) { return std::make_unique<Unwind>(plan); }
OperatorPtr make_named_path(const LogicalOperator& plan) {
  return std::make_unique<NamedPath>(plan);
}
OperatorPtr make_produce_results(const LogicalOperator& plan) {
  return std::make_unique<ProduceResults>(plan);
}

}  // namespace guanxi::query
