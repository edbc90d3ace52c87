// ShortestPath / AllShortestPaths between the nodes in from_slot and
// to_slot: a breadth-first search, level by level, that records every
// parent on a shortest route so all shortest paths can be enumerated.
#include <unordered_map>

#include "query/executor/execution_context.h"
#include "query/operators/neighbour_reader.h"
#include "query/operators/operator_factories.h"

namespace guanxi::query {

namespace {

class ShortestPath final : public ExpandingOperator {
 public:
  using ExpandingOperator::ExpandingOperator;
  void reset() override {
    Operator::reset();
    paths_.clear();
    pos_ = 0;
  }

 protected:
  bool next(Row& row) override {
    for (;;) {
      if (pos_ < paths_.size()) {
        PathValue& path = paths_[pos_++];
        List rels;
        for (const RelRef& r : path.rels) rels.emplace_back(r);
        if (plan_.path_slot >= 0) row[plan_.path_slot] = path;
        if (plan_.rel_slot >= 0) row[plan_.rel_slot] = Value(std::move(rels));
        return true;
      }
      if (!input_->pull(row)) return false;
      paths_.clear();
      pos_ = 0;
      const Value& from = row[plan_.from_slot];
      const Value& to = row[plan_.to_slot];
      if (from.kind() != ValueKind::kNode || to.kind() != ValueKind::kNode) continue;
      search(from.as_node().id, to.as_node().id);
    }
  }

 private:
  void search(storage::NodeId source, storage::NodeId target) {
    if (source == target) {
      if (plan_.min_hops == 0) paths_.push_back(PathValue{{NodeRef{source}}, {}});
      return;
    }
    // parents[node] = every (parent, rel) on a shortest route to node.
    std::unordered_map<storage::NodeId, std::vector<Hop>> parents;
    std::unordered_map<storage::NodeId, std::int64_t> depth{{source, 0}};
    std::vector<storage::NodeId> frontier{source}, next_frontier;
    std::vector<Hop> hops;
    std::int64_t level = 0;
    bool found = false;
    while (!frontier.empty() && !found && (plan_.max_hops < 0 || level < plan_.max_hops)) {
      ++level;
      next_frontier.clear();
      for (storage::NodeId node : frontier) {
        ctx_->check_cancelled();
        neighbours_.read(node, hops);
        for (const Hop& hop : hops) {
          auto d = depth.find(hop.other);
          if (d == depth.end()) {
            depth.emplace(hop.other, level);
            next_frontier.push_back(hop.other);
            parents[hop.other].push_back(Hop{hop.rel, node});
          } else if (d->second == level) {
            parents[hop.other].push_back(Hop{hop.rel, node});
          }
          if (hop.other == target) found = true;
        }
      }
      frontier.swap(next_frontier);
    }
    if (!found || level < plan_.min_hops) return;
    // Walk back from the target over the recorded parents.
    PathValue partial;
    collect(target, source, parents, partial);
  }

  // Builds the paths from `source` to `node` (reversed in `partial`).
  void collect(storage::NodeId node, storage::NodeId source,
               const std::unordered_map<storage::NodeId, std::vector<Hop>>& parents,
               PathValue& partial) {
    if (!plan_.all_shortest && !paths_.empty()) return;
    partial.nodes.push_back(NodeRef{node});
    if (node == source) {
      PathValue path;
      path.nodes.assign(partial.nodes.rbegin(), partial.nodes.rend());
      path.rels.assign(partial.rels.rbegin(), partial.rels.rend());
      paths_.push_back(std::move(path));
    } else {
      for (const Hop& parent : parents.at(node)) {
        partial.rels.push_back(parent.rel);
        collect(parent.other, source, parents, partial);
        partial.rels.pop_back();
      }
    }
    partial.nodes.pop_back();
  }

  std::vector<PathValue> paths_;
  size_t pos_ = 0;
};

}  // namespace

OperatorPtr make_shortest_path(const LogicalOperator& plan) {
  return std::make_unique<ShortestPath>(plan);
}

}  // namespace guanxi::query
