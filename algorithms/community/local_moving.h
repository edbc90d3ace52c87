// The local-moving step shared by Louvain and Leiden: moving one vertex to
// the neighbouring community with the largest modularity gain.
#pragma once

#include <cstdint>
#include <vector>

#include "algorithms/community/community_graph.h"

namespace guanxi::algorithms {

// Sums the weight from one vertex to each community among its neighbours: a
// dense array plus the list of touched communities, so a vertex costs
// O(degree) and nothing is cleared between vertices.
class NeighbourWeights {
 public:
  explicit NeighbourWeights(Vertex community_bound) : slot_(community_bound) {}

  // Collects the weights from `v` to the communities of its neighbours
  // (v's self-loop excluded).
  void collect(const CommunityGraph& g, Vertex v, const std::vector<Vertex>& community) {
    touched_.clear();
    if (++stamp_ == UINT32_MAX) {  // wrapped: forget every old mark
      for (Slot& slot : slot_) slot.mark = UINT32_MAX;
      stamp_ = 0;
    }
    for (auto a = g.begin(v); a < g.end(v); ++a) {
      const Vertex u = g.target(a);
      if (u == v) continue;
      const Vertex c = community[u];
      Slot& slot = slot_[c];
      if (slot.mark != stamp_) {
        slot.mark = stamp_;
        slot.sum = 0;
        touched_.push_back(c);
      }
      slot.sum += g.weight(a);
    }
  }
  const std::vector<Vertex>& touched() const { return touched_; }
  // Weight to community c from the last collected vertex (0 when none).
  double to(Vertex c) const { return slot_[c].mark == stamp_ ? slot_[c].sum : 0; }

 private:
  // Sum and mark side by side: one cache line per touched community.
  struct Slot {
    double sum = 0;
    std::uint32_t mark = UINT32_MAX;
  };
  std::vector<Slot> slot_;
  std::vector<Vertex> touched_;
  std::uint32_t stamp_ = 0;
};

// Community totals (Σ degree) and the membership being optimized.
struct Partition {
  std::vector<Vertex> community;
  std::vector<double> total;  // indexed by community id
};

// Moves `v` (whose neighbour weights `weights` holds) to the community with
// the largest gain; staying wins relationships. Returns true when it moved and adds the
// modularity gain to `gain`.
bool move_to_best(const CommunityGraph& g, Vertex v, const NeighbourWeights& weights,
                  double resolution, Partition& partition, double& gain);

// One sweep of local moving over `order`: each active vertex moved to its
// best neighbouring community. A visited vertex turns inactive; a move
// activates the mover's neighbours, whose best choice may have changed (the
// pruning of Ozaki et al. 2016: later sweeps skip the settled vertices).
// Returns the number of moves; adds the modularity gain to `gain`. Polls
// `cancel` every few thousand vertices.
std::uint64_t local_moving_sweep(const CommunityGraph& g, const std::vector<Vertex>& order,
                                 double resolution, Partition& partition, NeighbourWeights& weights,
                                 std::vector<char>& active, double& gain, Cancellation cancel);

}  // namespace guanxi::algorithms
