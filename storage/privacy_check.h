// The integrity check of the `privacy` table: every catalog entry and every
// consent event decodes, tags name labels, types and keys that exist,
// policies name a purpose and a tag that exist, and each purpose's consent
// set holds exactly the subjects with a current grant.
#pragma once

#include <functional>
#include <string>

#include "storage/transaction.h"

namespace guanxi::storage {

class Graph;

// Calls `problem(message)` for each problem found; never throws for damage
// (a StorageError from LMDB itself propagates, as in the other checks).
// Returns the number of consent events read.
std::uint64_t check_privacy(Graph& graph, const Transaction& txn,
                            const std::function<void(const std::string&)>& problem);

}  // namespace guanxi::storage
