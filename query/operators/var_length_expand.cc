// VarLengthExpand: every path of min..max relationships from the node in
// from_slot, depth first, each relationship at most once per path (and not
// one bound earlier in the same MATCH). Binds to_slot and the list of
// relationships in rel_slot, in the order the pattern is written. The
// neighbour lists of the search's open frames count against the memory
// budget: on a dense graph they grow with every level.
#include <algorithm>

#include "query/executor/execution_context.h"
#include "query/expression/comparison.h"
#include "query/expression/evaluator.h"
#include "query/operators/neighbour_reader.h"
#include "query/operators/operator_factories.h"

namespace guanxi::query {

namespace {

class VarLengthExpand final : public ExpandingOperator {
 public:
  using ExpandingOperator::ExpandingOperator;
  void reset() override {
    Operator::reset();
    stack_.clear();
    path_.clear();
    pending_pop_ = false;
    pending_zero_ = false;
  }

 protected:
  bool next(Row& row) override {
    for (;;) {
      if (pending_zero_) {
        pending_zero_ = false;
        if (emit(row, start_)) return true;
      }
      if (pending_pop_) {
        path_.pop_back();
        pending_pop_ = false;
      }
      if (stack_.empty()) {
        if (!start(row)) return false;
        continue;
      }
      Frame& top = stack_.back();
      if (top.pos == top.hops.size()) {
        memory_.remove(frame_bytes(top));
        stack_.pop_back();
        if (!path_.empty()) path_.pop_back();
        continue;
      }
      const Hop hop = top.hops[top.pos++];
      if ((++steps_ & 1023) == 0) ctx_->check_cancelled();
      if (std::any_of(path_.begin(), path_.end(),
                      [&](const RelRef& r) { return r.id == hop.rel.id; })) {
        continue;
      }
      if (!plan_.unique_with.empty() && relationship_used(row, plan_.unique_with, hop.rel.id))
        continue;
      if (!hop_matches(hop.rel)) continue;
      path_.push_back(hop.rel);
      const auto depth = static_cast<std::int64_t>(path_.size());
      if (plan_.max_hops < 0 || depth < plan_.max_hops) {
        push_frame(hop.other);
      } else {
        pending_pop_ = true;
      }
      if (depth >= plan_.min_hops && emit(row, hop.other)) return true;
    }
  }

 private:
  struct Frame {
    std::vector<Hop> hops;
    size_t pos = 0;
  };

  static std::uint64_t frame_bytes(const Frame& frame) {
    return heap_block_bytes(frame.hops.capacity() * sizeof(Hop)) + sizeof(Frame);
  }

  // Opens a frame of the search at `node`: its neighbour list.
  void push_frame(storage::NodeId node) {
    stack_.push_back(Frame{});
    neighbours_.read(node, stack_.back().hops);
    memory_.add(frame_bytes(stack_.back()));
  }

  // Pulls the next input row and starts a search from it; false at the end.
  bool start(Row& row) {
    for (;;) {
      if (!input_->pull(row)) return false;
      const Value& from = row[plan_.from_slot];
      if (from.kind() != ValueKind::kNode) continue;
      start_ = from.as_node().id;
      hop_values_.clear();
      for (const auto& [key, expression] : plan_.hop_properties) {
        hop_values_.push_back(evaluate(*expression, row, *ctx_));
      }
      path_.clear();
      push_frame(start_);
      if (plan_.max_hops == 0) stack_.back().hops.clear();
      pending_zero_ = plan_.min_hops == 0;
      return true;
    }
  }

  bool hop_matches(const RelRef& rel) {
    for (size_t i = 0; i < plan_.hop_properties.size(); ++i) {
      const Value v = ctx_->relationship_property(rel, plan_.hop_properties[i].first);
      if (cypher_equals(v, hop_values_[i]) != true) return false;
    }
    return true;
  }

  bool emit(Row& row, storage::NodeId end) {
    if (plan_.into) {
      const Value& to = row[plan_.to_slot];
      if (to.kind() != ValueKind::kNode || to.as_node().id != end) return false;
    }
    List rels;
    rels.reserve(path_.size());
    for (const RelRef& r : path_) rels.emplace_back(r);
    if (plan_.reverse_list) std::reverse(rels.begin(), rels.end());
    if (plan_.rel_into && !same_relationships(row[plan_.rel_slot], rels)) return false;
    if (!plan_.into) row[plan_.to_slot] = NodeRef{end};
    if (!plan_.rel_into) row[plan_.rel_slot] = Value(std::move(rels));
    return true;
  }

  // A list of relationships bound before this pattern: the path must walk
  // exactly those relationships, in that order.
  static bool same_relationships(const Value& bound, const List& rels) {
    if (bound.kind() != ValueKind::kList || bound.as_list().size() != rels.size()) return false;
    for (size_t i = 0; i < rels.size(); ++i) {
      const Value& r = bound.as_list()[i];
      if (r.kind() != ValueKind::kRelationship ||
          r.as_relationship().id != rels[i].as_relationship().id)
        return false;
    }
    return true;
  }

  std::vector<Frame> stack_;
  std::vector<RelRef> path_;
  std::vector<Value> hop_values_;
  storage::NodeId start_ = 0;
  bool pending_pop_ = false;
  bool pending_zero_ = false;
  std::uint64_t steps_ = 0;
};

}  // namespace

OperatorPtr make_var_length_expand(const LogicalOperator& plan) {
  return std::make_unique<VarLengthExpand>(plan);
}

}  // namespace guanxi::query
