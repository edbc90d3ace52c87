#include "algorithms/community/scc.h"

#include <algorithm>

#include "algorithms/community/team_size.h"

namespace guanxi::algorithms {

void SccConfig::validate() const { validate_concurrency("algo.scc", concurrency); }

SccResult scc(const CsrGraph& graph, const SccConfig& config, Cancellation cancel) {
  config.validate();
  const Vertex n = graph.vertex_count();
  constexpr Vertex kUnvisited = UINT32_MAX;
  const auto& offsets = graph.out_offsets();
  const auto& targets = graph.out_targets();
  std::vector<Vertex> index(n, kUnvisited), low(n);
  std::vector<std::uint64_t> next_arc(n);  // resume position of each vertex on the call stack
  std::vector<bool> on_stack(n, false);
  std::vector<Vertex> stack, call;
  SccResult result;
  result.component.resize(n);
  Vertex counter = 0;
  std::uint64_t visited = 0;
  cancel.enter_phase("scc", n);  // steps: vertices reached

  for (Vertex root = 0; root < n; ++root) {
    if (index[root] != kUnvisited) continue;
    call.push_back(root);
    index[root] = low[root] = counter++;
    next_arc[root] = offsets[root];
    stack.push_back(root);
    on_stack[root] = true;
    while (!call.empty()) {
      const Vertex v = call.back();
      if (next_arc[v] < offsets[v + 1]) {
        const Vertex w = targets[next_arc[v]++];
        if (index[w] == kUnvisited) {
          if ((++visited & 4095) == 0) {
            cancel.check();
            cancel.at_step(counter);
          }
          index[w] = low[w] = counter++;
          next_arc[w] = offsets[w];
          stack.push_back(w);
          on_stack[w] = true;
          call.push_back(w);
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      call.pop_back();
      if (!call.empty()) low[call.back()] = std::min(low[call.back()], low[v]);
      if (low[v] != index[v]) continue;
      // v roots a component: pop it and label it with its smallest node id.
      const std::size_t begin =
          std::find(stack.rbegin(), stack.rend(), v).base() - 1 - stack.begin();
      std::uint64_t smallest = UINT64_MAX;
      for (std::size_t i = begin; i < stack.size(); ++i)
        smallest = std::min(smallest, graph.node_id(stack[i]));
      for (std::size_t i = begin; i < stack.size(); ++i) {
        on_stack[stack[i]] = false;
        result.component[stack[i]] = smallest;
      }
      stack.resize(begin);
      ++result.component_count;
    }
  }
  return result;
}

}  // namespace guanxi::algorithms
