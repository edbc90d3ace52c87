// The normal form of a map's entries, shared by the three value classes
// (storage::Value, query::Value, guanxi::Value): sorted by key, each key
// once. Map equality, comparison, hashing and lookup (binary search) all
// rely on it.
#pragma once

#include <algorithm>
#include <utility>

namespace guanxi::storage {

// Returns `entries` (a vector of key/value pairs) sorted by key with each
// key once; of duplicate keys the last given wins, as in a map literal
// {a: 1, a: 2}.
template <typename Entries>
Entries normalized_map_entries(Entries entries) {
  // A stable sort keeps duplicates in input order; the last of each run wins.
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  Entries unique;
  unique.reserve(entries.size());
  for (auto& e : entries) {
    if (!unique.empty() && unique.back().first == e.first) {
      unique.back().second = std::move(e.second);
    } else {
      unique.push_back(std::move(e));
    }
  }
  return unique;
}

}  // namespace guanxi::storage
