// PlanCache: prepared queries by statement text, so a repeated unprepared
// statement skips parsing, binding and planning.
//
// Keyed by the xxh3 hash of the text (the text itself is compared on a hit);
// bounded, least recently used entries are evicted. Thread-safe.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "query/executor/prepared_query.h"

namespace guanxi::query {

class PlanCache {
 public:
  explicit PlanCache(size_t capacity = 1024) : capacity_(capacity) {}

  // The cached query for `text`, or nullptr.
  std::shared_ptr<const PreparedQuery> find(std::string_view text);
  // Caches `query` under its text, replacing an older entry.
  void put(std::shared_ptr<const PreparedQuery> query);
  size_t size() const;
  void clear();

 private:
  using Entry = std::pair<std::uint64_t, std::shared_ptr<const PreparedQuery>>;
  size_t capacity_;
  mutable std::mutex mutex_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::uint64_t, std::list<Entry>::iterator> index_;
};

}  // namespace guanxi::query
