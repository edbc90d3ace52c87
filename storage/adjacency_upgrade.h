// The upgrade step from fixed-size adjacency duplicates (formats up to 7) to
// adjacency blocks (format 8, adjacency_block.h).
#pragma once

#include "storage/graph.h"

namespace guanxi::storage {

// Rewrites the `out` and `in` tables of a database opened in format 7 into
// blocks, one table at a time (it holds one table's entries in memory, 16
// bytes each), within `txn`.
void convert_to_block_adjacency(Graph& graph, WriteTransaction& txn);

}  // namespace guanxi::storage
