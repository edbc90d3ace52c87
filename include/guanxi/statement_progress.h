// guanxi::StatementProgress: how far the statement running on a session has
// got, for a progress display on another thread (Session::progress).
//
//   std::thread watcher([&] {
//     while (!done) {
//       guanxi::StatementProgress p = session.progress();
//       std::cerr << p.rows << " rows, " << p.phase << ' ' << p.step << '/' << p.steps << '\r';
//       std::this_thread::sleep_for(std::chrono::milliseconds(100));
//     }
//   });
//   for (const auto& row : session.query("CALL algo.pageRank.stream(...)")) ...
#pragma once

#include <cstdint>
#include <string>

namespace guanxi {

struct StatementProgress {
  // Rows the statement has produced so far: those its Result has handed out,
  // or, for a writing statement, those it has computed before committing.
  std::uint64_t rows = 0;
  // Inside an algorithm (CALL algo.*), what it is doing: "projection" while
  // it reads the graph, then the algorithm ("pageRank", "louvain",
  // "betweenness", ...); empty otherwise, and for algorithms that report no
  // phases.
  std::string phase;
  // Within the phase: the iteration it is at (1-based; levels for Louvain)
  // or the vertices or sources done so far; 0 when the phase counts none.
  std::uint64_t step = 0;
  // The most steps the phase takes (maxIterations, the vertex or source
  // count); 0 when unknown. An iterative algorithm may converge earlier.
  std::uint64_t steps = 0;
};

}  // namespace guanxi
