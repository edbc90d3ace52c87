// Merge: for each input row, every match of the pattern (ON MATCH SET
// applied to each), or, when there is none, the pattern created (ON CREATE
// SET applied). The match runs in the write transaction, so a later row
// finds what an earlier row created. With a unique index on the key the
// match is an index seek (the planner chose it).
#include "query/executor/execution_context.h"
#include "query/expression/evaluator.h"
#include "query/operators/graph_writes.h"
#include "query/operators/operator_factories.h"

namespace guanxi::query {

namespace {

class Merge final : public Operator {
 public:
  explicit Merge(const LogicalOperator& plan) : Operator(plan) {
    inner_ = build_operator(*plan.inner, &argument_);
    add_child(inner_.get());
  }
  void reset() override {
    Operator::reset();
    matched_.clear();
    pos_ = 0;
  }

 protected:
  bool next(Row& row) override {
    for (;;) {
      if (pos_ < matched_.size()) {
        row = std::move(matched_[pos_++]);
        return true;
      }
      if (!input_->pull(row)) return false;
      ctx_->check_cancelled();
      matched_.clear();
      pos_ = 0;
      argument_ = row;
      inner_->reset();
      Row found(row.size());
      while (inner_->pull(found)) matched_.push_back(found);
      if (!matched_.empty()) {
        for (Row& m : matched_) apply_set_items(*ctx_, plan_.clause->on_match, m);
        continue;
      }
      refuse_null_properties(row);
      create_pattern(*ctx_, plan_.bound_clause->parts, plan_.slots, row);
      apply_set_items(*ctx_, plan_.clause->on_create, row);
      return true;
    }
  }

 private:
  // A null property value never matches, so MERGE would create the
  // entity again on every run: openCypher makes it an error instead.
  void refuse_null_properties(Row& row) {
    for (const auto& part : plan_.bound_clause->parts) {
      const ast::PatternPart& pattern = *part.part;
      for (size_t i = 0; i < pattern.nodes.size(); ++i) {
        if (row[part.node_slots[i]].kind() == ValueKind::kNode) continue;  // bound before
        refuse_null_property(pattern.nodes[i].properties.get(), "node", row);
      }
      for (const auto& rel : pattern.rels)
        refuse_null_property(rel.properties.get(), "relationship", row);
    }
  }
  void refuse_null_property(const ast::Expression* properties, const char* entity, Row& row) {
    if (properties == nullptr) return;
    const Value map = evaluate(*properties, row, *ctx_);
    if (map.kind() != ValueKind::kMap) return;
    for (const auto& [key, value] : map.as_map()) {
      if (value.is_null()) {
        ctx_->fail(QueryErrorCode::kSemantic,
                   std::string("Cannot merge a ") + entity + " with a null value for `" + key +
                       "`: null never matches, so it would be created again on every run",
                   properties);
      }
    }
  }

  Row argument_;
  OperatorPtr inner_;
  std::vector<Row> matched_;
  size_t pos_ = 0;
};

}  // namespace

OperatorPtr make_merge(const LogicalOperator& plan) { return std::make_unique<Merge>(plan); }

}  // namespace guanxi::query
