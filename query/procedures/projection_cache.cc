#include "query/procedures/projection_cache.h"

#include <tuple>
#include <utility>

namespace guanxi::query {

ProjectionCache::Key ProjectionCache::Key::of(std::uint64_t snapshot,
                                              const algorithms::ProjectionConfig& config,
                                              std::shared_ptr<const void> view) {
  Key key;
  key.snapshot = snapshot;
  key.labels = config.labels;
  key.types = config.types;
  key.orientation = config.orientation;
  key.weight = config.weight;
  // Without a weight these two change nothing: they must not split entries.
  if (!config.weight.empty()) {
    key.default_weight = config.default_weight;
    key.missing_weight_is_error = config.missing_weight_is_error;
  }
  // An undirected projection's in-lists are its out-lists: always there.
  key.in_lists = config.in_lists || config.orientation == algorithms::Orientation::kUndirected;
  key.view = std::move(view);
  return key;
}

namespace {

// Every field of a key but in_lists: what two projections must share for
// one to stand in for the other.
auto graph_keys(const ProjectionCache::Key& k) {
  return std::tie(k.snapshot, k.labels, k.types, k.orientation, k.weight, k.default_weight,
                  k.missing_weight_is_error, k.view);
}

}  // namespace

bool ProjectionCache::Key::serves(const Key& wanted) const {
  return (in_lists || !wanted.in_lists) && graph_keys(*this) == graph_keys(wanted);
}

bool operator==(const ProjectionCache::Key& a, const ProjectionCache::Key& b) {
  return a.in_lists == b.in_lists && graph_keys(a) == graph_keys(b);
}

std::shared_ptr<const algorithms::CsrGraph> ProjectionCache::find(const Key& key) {
  std::lock_guard lock(mutex_);
  if (budget_ == 0) return nullptr;
  forget_before(key.snapshot);
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->key.serves(key)) {
      entries_.splice(entries_.begin(), entries_, it);
      ++hits_;
      return entries_.front().graph;
    }
  }
  ++misses_;
  return nullptr;
}

void ProjectionCache::put(Key key, std::shared_ptr<const algorithms::CsrGraph> graph) {
  const std::size_t bytes = graph->memory_bytes();
  std::lock_guard lock(mutex_);
  if (bytes > budget_ || key.snapshot < newest_snapshot_) return;
  forget_before(key.snapshot);
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->key == key) {  // another session projected the same meanwhile
      bytes_ -= it->bytes;
      entries_.erase(it);
      break;
    }
  }
  while (!entries_.empty() && bytes_ + bytes > budget_) {
    bytes_ -= entries_.back().bytes;
    entries_.pop_back();
  }
  entries_.push_front({std::move(key), std::move(graph), bytes});
  bytes_ += bytes;
}

void ProjectionCache::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  bytes_ = 0;
  // A commit makes a snapshot after every one seen so far: a statement that
  // began before it must not put what it projects.
  ++newest_snapshot_;
}

ProjectionCache::Figures ProjectionCache::figures(const std::shared_ptr<const void>& view) const {
  std::lock_guard lock(mutex_);
  Figures figures{0, 0, budget_, hits_, misses_};
  for (const Entry& entry : entries_) {
    if (entry.key.view != view) continue;
    ++figures.entries;
    figures.bytes += entry.bytes;
  }
  return figures;
}

void ProjectionCache::forget_before(std::uint64_t snapshot) {
  if (snapshot <= newest_snapshot_) return;
  newest_snapshot_ = snapshot;
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->key.snapshot < snapshot) {
      bytes_ -= it->bytes;
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace guanxi::query
