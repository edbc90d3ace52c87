// Subgraph: the nodes and relationships an export writes, collected through
// the query engine under a session, so that privacy applies to an export
// exactly as to a query: the whole graph is `MATCH (n) RETURN n` and
// `MATCH ()-[r]->() RETURN r`, a chosen part is whatever nodes, relationships
// and paths a query returns (anywhere in its rows, also inside lists and
// maps), and every label, type and property value is read through the
// statement's PropertyReader.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "query/engine.h"

namespace guanxi::exchange {

struct ExportNode {
  std::uint64_t id = 0;
  std::vector<std::string> labels;  // sorted
  query::Map properties;            // sorted by key
};

struct ExportRelationship {
  std::uint64_t id = 0;
  std::uint64_t start = 0;
  std::uint64_t end = 0;
  std::string type;
  query::Map properties;
};

struct Subgraph {
  std::vector<ExportNode> nodes;                  // by id
  std::vector<ExportRelationship> relationships;  // by id
  // Endpoints that a relationship of the result needs but the result did
  // not return are added; this counts them.
  std::uint64_t added_endpoints = 0;
};

// The whole graph as `session` sees it.
Subgraph collect_graph(query::Session& session);

// What `query` returns. Throws query::QueryError for a bad query.
Subgraph collect_query(query::Session& session, const std::string& query,
                       const query::Parameters& parameters = {});

}  // namespace guanxi::exchange
