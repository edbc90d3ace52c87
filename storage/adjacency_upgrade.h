// The upgrade steps that moved relationships into adjacency: from
// fixed-size adjacency duplicates (formats up to 7) to adjacency blocks
// (format 8, adjacency_block.h), then to records only for relationships
// with properties (format 9).
#pragma once

#include "storage/graph.h"

namespace guanxi::storage {

// Rewrites the `out` and `in` tables of a database opened in format 7 into
// blocks, one table at a time (it holds one table's entries in memory, 16
// bytes each), within `txn`.
void convert_to_block_adjacency(Graph& graph, WriteTransaction& txn);

// Format 8 to 9, within `txn`: deletes the `edges` records that hold no
// properties (their relationships are their adjacency entries) and marks in
// every adjacency entry whether its relationship has a record.
void move_relationships_into_adjacency(Graph& graph, WriteTransaction& txn);

}  // namespace guanxi::storage
