// The 2-hop reach kernel shared by both sides of the 2-hop benchmark, so
// Guanxi and the raw baseline run the very same loop over their own cursors.
#pragma once

#include <cstdint>
#include <vector>

namespace guanxi::bench {

// Distinct nodes within two out-hops of each start (the start excluded),
// summed over the starts. `expand(node, visit)` calls visit(other) for each
// out-neighbour. Marks are epoch stamps, so nothing is cleared between starts.
template <typename Expand>
inline std::uint64_t two_hop(const std::vector<std::uint64_t>& starts,
                             std::vector<std::uint32_t>& mark, std::uint32_t& epoch,
                             std::uint64_t* entries, Expand&& expand) {
  std::uint64_t distinct = 0;
  std::vector<std::uint64_t> first;
  for (const std::uint64_t start : starts) {
    ++epoch;
    mark[start] = epoch;
    first.clear();
    expand(start, [&](std::uint64_t other) {
      ++*entries;
      if (mark[other] != epoch) {
        mark[other] = epoch;
        first.push_back(other);
      }
    });
    distinct += first.size();
    for (const std::uint64_t n1 : first) {
      expand(n1, [&](std::uint64_t other) {
        ++*entries;
        if (mark[other] != epoch) {
          mark[other] = epoch;
          ++distinct;
        }
      });
    }
  }
  return distinct;
}

}  // namespace guanxi::bench
