// Delete / DetachDelete. Reads all input rows first and deletes the
// relationships before the nodes, so `MATCH (n)-[r]-() DELETE r, n` works
// whatever the row order; a node that still has relationships afterwards (without
// DETACH) fails the statement with kHasRelationships naming it. Deleting something
// already deleted is a no-op.
#include <set>

#include "query/executor/execution_context.h"
#include "query/expression/evaluator.h"
#include "query/operators/operator_factories.h"
#include "storage/adjacency.h"

namespace guanxi::query {

namespace {

class Delete final : public Operator {
 public:
  using Operator::Operator;
  void reset() override {
    Operator::reset();
    rows_.clear();
    done_ = false;
    pos_ = 0;
  }

 protected:
  bool next(Row& row) override {
    if (!done_) {
      done_ = true;
      std::vector<storage::NodeId> nodes;
      std::vector<RelRef> rels;
      std::set<storage::NodeId> seen_nodes;
      std::set<storage::RelationshipId> seen_rels;
      while (input_->pull(row)) {
        for (const auto& e : plan_.clause->delete_expressions) {
          collect(evaluate(*e, row, *ctx_), e.get(), nodes, rels, seen_nodes, seen_rels);
        }
        rows_.push_back(row);
      }
      remove(nodes, rels);
    }
    if (pos_ >= rows_.size()) return false;
    row = std::move(rows_[pos_++]);
    return true;
  }

 private:
  void collect(const Value& v, const ast::Expression* at, std::vector<storage::NodeId>& nodes,
               std::vector<RelRef>& rels, std::set<storage::NodeId>& seen_nodes,
               std::set<storage::RelationshipId>& seen_rels) {
    switch (v.kind()) {
      case ValueKind::kNull: return;
      case ValueKind::kNode:
        if (seen_nodes.insert(v.as_node().id).second) nodes.push_back(v.as_node().id);
        return;
      case ValueKind::kRelationship:
        if (seen_rels.insert(v.as_relationship().id).second) rels.push_back(v.as_relationship());
        return;
      case ValueKind::kPath:
        for (const auto& r : v.as_path().rels)
          collect(Value(r), at, nodes, rels, seen_nodes, seen_rels);
        for (const auto& n : v.as_path().nodes)
          collect(Value(n), at, nodes, rels, seen_nodes, seen_rels);
        return;
      case ValueKind::kList:
        for (const auto& item : v.as_list()) collect(item, at, nodes, rels, seen_nodes, seen_rels);
        return;
      default:
        ctx_->fail(QueryErrorCode::kType,
                   std::string("DELETE expects a node, relationship or path, got ") +
                       value_kind_name(v.kind()),
                   at);
    }
  }

  void remove(const std::vector<storage::NodeId>& nodes, const std::vector<RelRef>& rels) {
    auto& txn = ctx_->write_txn();
    auto& graph = ctx_->graph();
    const bool detach = plan_.clause->detach;
    for (const RelRef& rel : rels) {
      if (!graph.get_relationship(txn, rel)) continue;
      graph.delete_relationship(txn, rel);
      ++ctx_->changes().relationships_deleted;
    }
    for (storage::NodeId id : nodes) {
      if (!graph.node_exists(txn, id)) continue;
      const std::uint64_t attached = storage::degree(txn, id, storage::Direction::kBoth);
      if (attached > 0 && !detach) {
        throw QueryError(QueryErrorCode::kHasRelationships,
                         "Cannot delete node " + std::to_string(id) +
                             ", because it still has relationships. To delete this node, you "
                             "must first delete its relationships (or use DETACH DELETE).");
      }
      if (attached > 0) {
        std::set<storage::RelationshipId> relationships;
        for (const auto& e : storage::neighbours(txn, id, storage::Direction::kBoth)) {
          relationships.insert(e.relationship());
        }
        ctx_->changes().relationships_deleted += static_cast<std::int64_t>(relationships.size());
      }
      graph.delete_node(txn, id, detach);
      ++ctx_->changes().nodes_deleted;
    }
  }

  std::vector<Row> rows_;
  bool done_ = false;
  size_t pos_ = 0;
};

}  // namespace

OperatorPtr make_delete(const LogicalOperator& plan) { return std::make_unique<Delete>(plan); }

}  // namespace guanxi::query
