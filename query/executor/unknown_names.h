// Warnings for the names a statement reads that the database has never had.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "query/binder/bound_query.h"
#include "query/session_types.h"

namespace guanxi::storage {
class Graph;
class Transaction;
}  // namespace guanxi::storage

namespace guanxi::query {

// One notification per name of `reads` that the dictionary `txn` sees does
// not hold, with the closest names it does hold as suggestions. Names only
// ever join the dictionary, so a statement that got none keeps getting none.
std::vector<Notification> unknown_name_notifications(const std::vector<NameReference>& reads,
                                                     storage::Graph& graph,
                                                     const storage::Transaction& txn);

// The names of `candidates` closest to `name` by edit distance over code
// points with ASCII case ignored (a difference of case alone is closest),
// closest first (equally close: in byte order), at most `limit`; only those close enough to be a
// likely typo: a distance of at most a third of the name's length, and at least 1.
std::vector<std::string> closest_names(std::string_view name,
                                       const std::vector<std::string>& candidates,
                                       std::size_t limit = 3);

}  // namespace guanxi::query
