// The shape of a Guanxi dump, shared by its writer (dump.h) and its fast
// reader (load.h): a Cypher script any Guanxi runs with `guanxi DB -f`, whose
// data statements `guanxi load` also recognises and writes in bulk.
//
//   // Guanxi dump (format 1): 3 nodes, 2 relationships, 1 index or constraint
//   CREATE CONSTRAINT __dump_node_id FOR (n:__DumpNode) REQUIRE n.__dump_id IS UNIQUE;
//   CREATE INDEX customer_city FOR (n:Customer) ON (n.city);
//   CREATE CONSTRAINT customer_id FOR (n:Customer) REQUIRE n.id IS UNIQUE;
//   UNWIND [{i: 0, p: {city: 'Berlin', id: 1, name: 'Ada'}}, ...] AS row
//   CREATE (n:Customer:__DumpNode {__dump_id: row.i}) SET n += row.p;
//   UNWIND [{s: 0, e: 1, p: {since: 2019}}, ...] AS row
//   MATCH (a:__DumpNode {__dump_id: row.s}), (b:__DumpNode {__dump_id: row.e})
//   CREATE (a)-[r:KNOWS]->(b) SET r += row.p;
//   MATCH (n:__DumpNode) REMOVE n:__DumpNode, n.__dump_id;
//   DROP CONSTRAINT __dump_node_id;
//
// Nodes are numbered 0, 1, ... in id order (the dump ids `i`, `s`, `e`), so
// the text does not depend on the database's internal ids and a dump of a
// loaded dump is the same text. Nodes come in id order, in batches of one
// label set; relationships by type name, then by start, end and id. Labels
// and property keys are sorted by name. Rows without properties leave `p`
// out, and a batch none of whose rows has properties leaves out `SET`.
#pragma once

#include <string_view>

namespace guanxi::exchange {

inline constexpr std::string_view kDumpFirstLine = "// Guanxi dump (format 1)";
inline constexpr std::string_view kDumpLabel = "__DumpNode";
inline constexpr std::string_view kDumpIdKey = "__dump_id";
inline constexpr std::string_view kDumpConstraint = "__dump_node_id";

}  // namespace guanxi::exchange
