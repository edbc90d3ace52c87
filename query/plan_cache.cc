#include "query/plan_cache.h"

#include <xxhash.h>

namespace guanxi::query {

namespace {

std::uint64_t key_of(std::string_view text) { return XXH3_64bits(text.data(), text.size()); }

}  // namespace

std::shared_ptr<const PreparedQuery> PlanCache::find(std::string_view text) {
  const std::uint64_t key = key_of(text);
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end() || it->second->second->text != text) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->second;
}

void PlanCache::put(std::shared_ptr<const PreparedQuery> query) {
  const std::uint64_t key = key_of(query->text);
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it != index_.end()) {
    it->second->second = std::move(query);
    lru_.splice(lru_.begin(), lru_, it->second);
    return;
  }
  lru_.emplace_front(key, std::move(query));
  index_[key] = lru_.begin();
  while (lru_.size() > capacity_) {
    index_.erase(lru_.back().first);
    lru_.pop_back();
  }
}

size_t PlanCache::size() const {
  std::lock_guard lock(mutex_);
  return lru_.size();
}

void PlanCache::clear() {
  std::lock_guard lock(mutex_);
  lru_.clear();
  index_.clear();
}

}  // namespace guanxi::query
