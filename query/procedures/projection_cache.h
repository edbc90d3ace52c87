// ProjectionCache: the graphs recent algorithm calls projected, so that a
// second algorithm on an unchanged database runs on the projection the first
// one read instead of reading the graph from storage again.
//
// Why: an analyst's session runs many algorithms on one state of the
// database, and each projected the graph again. On R-MAT scale 20 (1M nodes,
// 16M relationships) projecting takes 0.18-0.20 s: `algo.wcc.stats` takes
// 0.33 s when it projects and 0.145 s on a kept projection, a 20-iteration
// PageRank 0.68 s and 0.51 s (guanxi-algo-workload with and without
// --projection-cache 0, medians of 5).
//
// An entry is found again only for
//   - the same snapshot: the LMDB transaction id of the read transaction it
//     was projected in. A write transaction never uses the cache (its own
//     uncommitted changes are in what it sees);
//   - the same projection keys: labels, types, orientation, weight,
//     defaultWeight, weightRequired (concurrency changes how, not what);
//     a projection with in-lists also serves a call that needs none
//     (ProjectionConfig::in_lists), not the other way round;
//   - the same view: a session whose privacy decision hides nobody and
//     reads the weight unmasked sees the stored graph, and shares it with
//     every such session; a decision that hides subjects is part of the key
//     itself (decisions are shared per snapshot, purpose and consent
//     expiry, query/privacy/access_decision.h), so a session never gets a
//     projection made for a purpose that sees more. A weight under a tag is
//     never cached: each read of it belongs in the statement's audit entry.
//
// Least recently used entries go first when the byte budget is exceeded; a
// projection larger than the budget is not kept. Every entry is dropped when
// a write transaction of this process commits (a later snapshot could never
// find them) and when a read finds a newer snapshot than theirs (a write of
// another process). Entries are shared, immutable graphs: one dropped while
// an algorithm runs on it lives until that algorithm is done. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "algorithms/csr_graph.h"
#include "algorithms/projection.h"

namespace guanxi::query {

class ProjectionCache {
 public:
  // What identifies a projection. `view` is null for a session that sees
  // the stored graph, else the privacy decision it was made under.
  struct Key {
    std::uint64_t snapshot = 0;
    std::vector<std::string> labels;
    std::vector<std::string> types;
    algorithms::Orientation orientation = algorithms::Orientation::kNatural;
    std::string weight;
    double default_weight = 1.0;
    bool missing_weight_is_error = false;
    bool in_lists = true;
    std::shared_ptr<const void> view;

    // The key of `config` projected in snapshot `snapshot` for `view`.
    static Key of(std::uint64_t snapshot, const algorithms::ProjectionConfig& config,
                  std::shared_ptr<const void> view);
    // Whether the projection stored under this key answers a lookup of
    // `wanted`: the same key, or one with in-lists for a lookup without.
    bool serves(const Key& wanted) const;
    // Both compare every field through one list in projection_cache.cc, so a
    // field added here must be added there.
    friend bool operator==(const Key& a, const Key& b);
  };

  // What the cache holds for one view and has done, for graph.cache().
  struct Figures {
    std::size_t entries = 0;
    std::size_t bytes = 0;
    std::size_t budget_bytes = 0;
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
  };

  // `budget_bytes` bounds the projections kept; 0 keeps none.
  explicit ProjectionCache(std::size_t budget_bytes) : budget_(budget_bytes) {}

  // The projection stored under a key that serves `key`, now the most
  // recently used; null when there is none. Drops the entries of snapshots older than
  // key.snapshot.
  std::shared_ptr<const algorithms::CsrGraph> find(const Key& key);
  // Keeps `graph` under `key`, evicting the least recently used entries
  // beyond the budget. Ignored for a snapshot older than one already seen
  // and for a graph larger than the whole budget.
  void put(Key key, std::shared_ptr<const algorithms::CsrGraph> graph);
  // Drops every entry.
  void clear();
  // The entries and bytes of the projections made for `view` (what a
  // session may learn: the size of another view's graph is not its to
  // know), the budget, and every lookup's hits and misses.
  Figures figures(const std::shared_ptr<const void>& view) const;

 private:
  struct Entry {
    Key key;
    std::shared_ptr<const algorithms::CsrGraph> graph;
    std::size_t bytes = 0;
  };
  // Drops entries of snapshots before `snapshot`; the mutex is held.
  void forget_before(std::uint64_t snapshot);

  mutable std::mutex mutex_;
  const std::size_t budget_;
  std::list<Entry> entries_;  // most recently used first
  std::size_t bytes_ = 0;
  std::uint64_t newest_snapshot_ = 0;
  std::uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace guanxi::query
