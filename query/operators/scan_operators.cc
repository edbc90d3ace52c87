// The leaves that find start nodes: AllNodesScan (a cursor over the node
// table, so LIMIT stops it early), NodeByLabelScan (a label's posting
// bitmap) and NodeIndexSeek (a property index, exact equality).
//
// Each runs once per input row (a scan after earlier clauses is a nested
// loop over their rows).
#include <algorithm>
#include <roaring/roaring64map.hh>

#include "query/executor/execution_context.h"
#include "query/expression/comparison.h"
#include "query/expression/evaluator.h"
#include "query/operators/operator_factories.h"
#include "query/privacy/access_decision.h"
#include "storage/keys.h"

namespace guanxi::query {

namespace {

class AllNodesScan final : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    cursor_.reset();
  }

 protected:
  bool next(Row& row) override {
    MDB_val k, v;
    for (;;) {
      if (cursor_) {
        const bool more = first_ ? cursor_->get(k, v, MDB_FIRST) : cursor_->get(k, v, MDB_NEXT);
        first_ = false;
        if (more) {
          if ((++seen_ & 1023) == 0) ctx_->check_cancelled();
          const storage::NodeId id = storage::get_be64(k.mv_data);
          if (ctx_->reader().hidden(ctx_->txn(), id)) continue;
          row[plan_.node_slot] = NodeRef{id};
          return true;
        }
        cursor_.reset();
      }
      if (!input_->pull(row)) return false;
      cursor_ = std::make_unique<storage::Cursor>(ctx_->txn(), ctx_->graph().env().dbi().nodes);
      first_ = true;
    }
  }

 private:
  std::unique_ptr<storage::Cursor> cursor_;
  bool first_ = true;
  std::uint64_t seen_ = 0;
};

class NodeByLabelScan final : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    active_ = false;
  }

 protected:
  bool next(Row& row) override {
    for (;;) {
      if (active_ && it_ != end_) {
        if ((++seen_ & 1023) == 0) ctx_->check_cancelled();
        row[plan_.node_slot] = NodeRef{*it_};
        ++it_;
        return true;
      }
      active_ = false;
      if (!input_->pull(row)) return false;
      // Label sets may change under a write transaction: load per input row.
      if (!loaded_ || ctx_->writable()) {
        const auto label = ctx_->label_id(plan_.label);
        nodes_ = label ? ctx_->graph().nodes_with_label(ctx_->txn(), *label) : Roaring64Map();
        const AccessDecision& access = ctx_->reader().access(ctx_->txn());
        if (access.hides_anything()) nodes_ -= access.hidden_nodes();
        loaded_ = true;
      }
      it_ = nodes_.begin();
      end_ = nodes_.end();
      active_ = true;
    }
  }

 private:
  Roaring64Map nodes_;
  Roaring64Map::const_iterator it_ = nodes_.begin();
  Roaring64Map::const_iterator end_ = nodes_.end();
  bool loaded_ = false;
  bool active_ = false;
  std::uint64_t seen_ = 0;
};

class NodeIndexSeek final : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    pos_ = nodes_.size();
  }

 protected:
  bool next(Row& row) override {
    for (;;) {
      if (pos_ < nodes_.size()) {
        row[plan_.node_slot] = NodeRef{nodes_[pos_++]};
        return true;
      }
      if (!input_->pull(row)) return false;
      seek(row);
      const AccessDecision& access = ctx_->reader().access(ctx_->txn());
      if (access.hides_anything()) {
        std::erase_if(nodes_, [&](storage::NodeId id) { return access.hidden(id); });
      }
      pos_ = 0;
    }
  }

 private:
  void seek(Row& row) {
    nodes_.clear();
    if (!plan_.seek_value) {
      seek_range(row);
      return;
    }
    const Value value = evaluate(*plan_.seek_value, row, *ctx_);
    if (value.is_null()) return;
    const auto label = ctx_->label_id(plan_.label);
    const auto key = ctx_->key_id(plan_.property);
    if (!label || !key) return;
    const ValueKind kind = value.kind();
    if (kind == ValueKind::kNode || kind == ValueKind::kRelationship || kind == ValueKind::kPath) {
      return;
    }
    const storage::Value stored = to_storage(value);
    auto index = ctx_->graph().indexes().find(ctx_->txn(), *label, *key);
    // Where the session reads masked values the index must not answer (it
    // would find a phone number the session cannot read); the scan below
    // compares what the session reads.
    const AccessDecision& access = ctx_->reader().access(ctx_->txn());
    if (access.may_mask(*key)) index.reset();
    if (index && storage::PropertyIndexes::indexable(stored)) {
      nodes_ = ctx_->graph().indexes().seek_equal(ctx_->txn(), *index, stored);
      // Sealed values are indexed by their fingerprint: seek that too.
      if (access.tagged(*key)) {
        if (auto fingerprint = ctx_->graph().cipher().fingerprint(ctx_->txn(), stored)) {
          for (storage::NodeId id :
               ctx_->graph().indexes().seek_equal(ctx_->txn(), *index, *fingerprint))
            nodes_.push_back(id);
          std::sort(nodes_.begin(), nodes_.end());
          nodes_.erase(std::unique(nodes_.begin(), nodes_.end()), nodes_.end());
        }
      }
      return;
    }
    // No usable index (dropped since planning, or a list value): scan the label.
    for (storage::NodeId id : ctx_->graph().nodes_with_label(ctx_->txn(), *label)) {
      const Value property = ctx_->reader().node_property(ctx_->txn(), NodeRef{id}, *key);
      if (cypher_equals(property, value) == true) nodes_.push_back(id);
    }
  }

  // Candidates for the range comparisons (which stay as a filter above):
  // the index range when both bounds are indexable, else the whole label.
  void seek_range(Row& row) {
    const auto label = ctx_->label_id(plan_.label);
    const auto key = ctx_->key_id(plan_.property);
    if (!label || !key) return;
    std::optional<storage::RangeBound> lower, upper;
    bool usable = true;
    auto bound = [&](const ast::Expression* e, bool inclusive,
                     std::optional<storage::RangeBound>& out) {
      if (!e) return true;
      const Value v = evaluate(*e, row, *ctx_);
      if (v.is_null()) return false;  // a comparison with null holds for no node
      const ValueKind k = v.kind();
      if (k == ValueKind::kNode || k == ValueKind::kRelationship || k == ValueKind::kPath ||
          k == ValueKind::kMap || k == ValueKind::kList) {
        usable = false;
        return true;
      }
      out = storage::RangeBound{to_storage(v), inclusive};
      return true;
    };
    if (!bound(plan_.range_lower, plan_.lower_inclusive, lower)) return;
    if (!bound(plan_.range_upper, plan_.upper_inclusive, upper)) return;
    auto index = ctx_->graph().indexes().find(ctx_->txn(), *label, *key);
    // A tagged property's index holds fingerprints, which have no order.
    if (ctx_->reader().access(ctx_->txn()).tagged(*key)) usable = false;
    if (index && usable) {
      nodes_ = ctx_->graph().indexes().seek_range(ctx_->txn(), *index, lower, upper);
      return;
    }
    for (storage::NodeId id : ctx_->graph().nodes_with_label(ctx_->txn(), *label))
      nodes_.push_back(id);
  }

  std::vector<storage::NodeId> nodes_;
  size_t pos_ = 0;
};

}  // namespace

OperatorPtr make_all_nodes_scan(const LogicalOperator& plan) {
  return std::make_unique<AllNodesScan>(plan);
}
OperatorPtr make_label_scan(const LogicalOperator& plan) {
  return std::make_unique<NodeByLabelScan>(plan);
}
OperatorPtr make_index_seek(const LogicalOperator& plan) {
  return std::make_unique<NodeIndexSeek>(plan);
}

}  // namespace guanxi::query
