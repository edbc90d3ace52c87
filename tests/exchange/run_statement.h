// run(graph, text): runs one statement on `graph` through the query engine
// and pulls its rows, for tests that build a database with Cypher.
#pragma once

#include <string>
#include <vector>

#include "query/engine.h"
#include "storage/graph.h"

namespace guanxi::exchange::testing {

inline void run(storage::Graph& graph, const std::string& text) {
  query::Engine engine(graph);
  query::Session session(engine, {});
  auto stream = session.run(text);
  std::vector<query::Value> row;
  while (stream->next(row)) {
  }
}

}  // namespace guanxi::exchange::testing
