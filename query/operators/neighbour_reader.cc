#include "query/operators/neighbour_reader.h"

#include "query/privacy/access_decision.h"

namespace guanxi::query {

void NeighbourReader::open(ExecutionContext& ctx, const std::vector<std::string>& types,
                           ast::RelDirection direction) {
  direction_ = direction;
  ctx_ = &ctx;
  type_names_ = &types;
  resolve_types();
  const AccessDecision& access = ctx.reader().access(ctx.txn());
  hidden_ = access.hides_anything() ? &access.hidden_nodes() : nullptr;
  if (direction != ast::RelDirection::kLeft) {
    out_ = std::make_unique<storage::AdjacencyCursor>(ctx.txn(), storage::Direction::kOut);
  }
  if (direction != ast::RelDirection::kRight) {
    in_ = std::make_unique<storage::AdjacencyCursor>(ctx.txn(), storage::Direction::kIn);
  }
}

void NeighbourReader::resolve_types() {
  types_.clear();
  for (const auto& name : *type_names_) {
    if (auto id = ctx_->type_id(name)) types_.push_back(*id);
  }
  missing_ = types_.size() < type_names_->size();
  nothing_ = !type_names_->empty() && types_.empty();
}

void NeighbourReader::read(storage::NodeId node, std::vector<Hop>& out) {
  out.clear();
  visit(node, [&](const Hop& hop) { out.push_back(hop); });
}

bool relationship_used(const Row& row, const std::vector<int>& slots, storage::RelationshipId rel) {
  for (int slot : slots) {
    const Value& v = row[slot];
    if (v.kind() == ValueKind::kRelationship) {
      if (v.as_relationship().id == rel) return true;
    } else if (v.kind() == ValueKind::kList) {
      for (const Value& r : v.as_list()) {
        if (r.kind() == ValueKind::kRelationship && r.as_relationship().id == rel) return true;
      }
    }
  }
  return false;
}

}  // namespace guanxi::query
