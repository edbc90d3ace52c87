#include "storage/import_writer.h"

#include <algorithm>
#include <future>
#include <tuple>

#include "storage/adjacency.h"
#include "storage/bytes.h"
#include "storage/graph.h"
#include "storage/record_codec.h"

namespace guanxi::storage {

AppendCursor::AppendCursor(WriteTransaction& txn, MDB_dbi dbi) : txn_(txn) {
  txn.check(mdb_cursor_open(txn.raw(), dbi, &cursor_), "opening a cursor");
  MDB_val k, v;
  const int rc = mdb_cursor_get(cursor_, &k, &v, MDB_LAST);
  if (rc == MDB_SUCCESS) {
    last_key_.assign(static_cast<const char*>(k.mv_data), k.mv_size);
    empty_ = false;
  } else if (rc != MDB_NOTFOUND) {
    mdb_cursor_close(cursor_);
    throw_lmdb_error(rc, "reading the last key");
  }
  past_end_ = empty_;
}

AppendCursor::~AppendCursor() { mdb_cursor_close(cursor_); }

bool AppendCursor::past_end(std::string_view key) {
  if (!past_end_ && key > std::string_view(last_key_)) past_end_ = true;
  return past_end_;
}

void AppendCursor::put(std::string_view key, std::string_view value) {
  MDB_val k = to_val(key), v = to_val(value);
  txn_.check(mdb_cursor_put(cursor_, &k, &v, past_end(key) ? MDB_APPEND : 0), "writing");
}

namespace {

// `rank` holds 1 for each TypeId present: renumbers those 0, 1, ... in id
// order and returns the present TypeIds in that order.
std::vector<TypeId> rank_present_types(std::vector<std::uint32_t>& rank) {
  std::vector<TypeId> types;
  for (TypeId t = 0; t < rank.size(); ++t) {
    if (rank[t]) {
      rank[t] = static_cast<std::uint32_t>(types.size());
      types.push_back(t);
    }
  }
  return types;
}

// An entry of the sorting path, with the node and type of its run.
struct SortedEntry {
  NodeId node;
  TypeId type;
  AdjacencyEntry entry;
};

// Fills `entries` from `items`, sorted by (node, type), and starts a run at
// each new (node, type).
void take_sorted(const std::vector<SortedEntry>& items, AdjacencyRuns::Entries& entries,
                 std::vector<AdjacencyRuns::Run>& runs) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    entries[i] = items[i].entry;
    if (i == 0 || items[i].node != items[i - 1].node || items[i].type != items[i - 1].type) {
      runs.push_back(AdjacencyRuns::Run{items[i].node, items[i].type, i});
    }
  }
}

// Whether one bucket per (node in range, type) would be too many for `n`
// entries: then sorting beats bucketing.
bool too_sparse_for_buckets(std::uint64_t range, std::size_t n, std::size_t type_count) {
  return range > (4 * n + (std::uint64_t{1} << 20)) / type_count;
}

// Below this many entries one thread builds alone: starting another costs
// more than it saves.
constexpr std::size_t kParallelEntries = std::size_t{1} << 20;
// Each part counts in a bucket array of its own (8 MiB at scale 20), which
// the import's peak memory has to hold.
constexpr std::size_t kMaxParts = 4;

// Runs work(p) for p in [0, parts), part 0 on this thread and each other on
// its own; returns when all are done, rethrowing the first failure.
template <typename Work>
void in_parts(std::size_t parts, Work&& work) {
  std::vector<std::future<void>> others;
  for (std::size_t p = 1; p < parts; ++p)
    others.push_back(std::async(std::launch::async, [&work, p] { work(p); }));
  std::exception_ptr failure;
  try {
    work(0);
  } catch (...) {
    failure = std::current_exception();
  }
  for (auto& f : others) {
    try {
      f.get();
    } catch (...) {
      if (!failure) failure = std::current_exception();
    }
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

void AdjacencyRuns::reset_entries(std::size_t n) {
  runs_.clear();
  if (entries_.capacity() < n) {
    entries_ = Entries();  // freed before the larger array is taken
    reserve_large(entries_, n);
  }
  entries_.resize(n);
}

void AdjacencyRuns::collect_runs(const std::vector<std::uint64_t>& ends, NodeId lo,
                                 const std::vector<TypeId>& types) {
  const std::uint64_t width = types.size();
  const std::uint64_t buckets = ends.size() - 1;
  std::uint64_t begin = 0;
  for (std::uint64_t b = 0; b < buckets; ++b) {
    const std::uint64_t end = ends[b];
    if (end == begin) continue;
    runs_.push_back(Run{lo + b / width, types[b % width], begin});
    begin = end;
  }
}

void AdjacencyRuns::build(const std::vector<const RelationshipChunk*>& chunks,
                          RelationshipId first_relationship, Direction direction,
                          AdjacencyRuns* spare, unsigned threads) {
  // Two stable counting passes instead of a comparison sort per run: grouped
  // by their other end in relationship order, then regrouped by their own
  // end, the entries of each run come out in (other, relationship) order.
  // On the scale-20 R-MAT graph sorting the runs took 0.75 s and the second
  // scatter takes about 0.5 s; a caller that passes `spare` then reuses the
  // intermediate's memory for the other direction instead of 268 MB of fresh
  // pages.
  AdjacencyRuns local;
  AdjacencyRuns& by_other = spare != nullptr ? *spare : local;
  by_other.group(chunks, first_relationship,
                 direction == Direction::kIn ? Direction::kOut : Direction::kIn);
  build_reverse(by_other, threads);
}

void AdjacencyRuns::group(const std::vector<const RelationshipChunk*>& chunks,
                          RelationshipId first_relationship, Direction direction) {
  const bool in = direction == Direction::kIn;
  std::size_t n = 0;
  NodeId lo = kNoId, hi = 0;
  std::vector<std::uint32_t> rank;  // by TypeId: 1 if present, then its rank
  for (const RelationshipChunk* c : chunks) {
    n += c->rows.size();
    for (const RelationshipRow& r : c->rows) {
      const NodeId node = in ? r.dst : r.src;
      lo = std::min(lo, node);
      hi = std::max(hi, node);
      if (r.type >= rank.size()) rank.resize(std::size_t{r.type} + 1, 0);
      rank[r.type] = 1;
    }
  }
  reset_entries(n);
  if (n == 0) return;
  // Bucket of a relationship: (node - lo) * types + rank of its type among those present.
  const std::vector<TypeId> types = rank_present_types(rank);
  const std::uint64_t range = hi - lo + 1;
  if (too_sparse_for_buckets(range, n, types.size())) {
    build_sparse(chunks, first_relationship, in);
    return;
  }
  const std::uint64_t width = types.size();
  std::vector<std::uint64_t> start(range * width + 1, 0);  // bucket starts, then fill positions
  auto bucket = [&](const RelationshipRow& r) {
    return ((in ? r.dst : r.src) - lo) * width + rank[r.type];
  };
  // Both passes below touch the bucket array and the entries at random: the
  // bucket of the row kPrefetch ahead is prefetched, so misses overlap.
  constexpr std::size_t kPrefetch = 16;
  for (const RelationshipChunk* c : chunks) {
    const RelationshipRow* rows = c->rows.data();
    const std::size_t count = c->rows.size();
    for (std::size_t i = 0; i < count; ++i) {
      if (i + kPrefetch < count) __builtin_prefetch(&start[bucket(rows[i + kPrefetch]) + 1], 1);
      ++start[bucket(rows[i]) + 1];
    }
  }
  for (std::uint64_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
  // Scatter, advancing each bucket's start to its end; bucket b then spans
  // [b == 0 ? 0 : start[b - 1], start[b]).
  RelationshipId relationship = first_relationship;
  for (const RelationshipChunk* c : chunks) {
    const RelationshipRow* rows = c->rows.data();
    const std::size_t count = c->rows.size();
    for (std::size_t i = 0; i < count; ++i) {
      if (i + kPrefetch < count) {
        const std::uint64_t ahead = bucket(rows[i + kPrefetch]);
        __builtin_prefetch(&start[ahead], 1);
        if (i + 2 * kPrefetch < count)
          __builtin_prefetch(&start[bucket(rows[i + 2 * kPrefetch])], 1);
        __builtin_prefetch(&entries_[start[ahead]], 1);
      }
      const RelationshipRow& r = rows[i];
      entries_[start[bucket(r)]++] =
          AdjacencyEntry::make(in ? r.src : r.dst, relationship++, r.properties_size != 0);
    }
  }
  collect_runs(start, lo, types);
}

template <typename Visit>
void AdjacencyRuns::for_each_entry(std::size_t first_run, std::size_t end_run,
                                   Visit&& visit) const {
  for (std::size_t i = first_run; i < end_run; ++i) {
    const Run& run = runs_[i];
    const std::uint64_t end = i + 1 < runs_.size() ? runs_[i + 1].begin : entries_.size();
    for (std::uint64_t j = run.begin; j < end; ++j) visit(run, j);
  }
}

void AdjacencyRuns::build_reverse(const AdjacencyRuns& forward, unsigned threads) {
  const std::size_t n = forward.entries_.size();
  reset_entries(n);
  if (n == 0) return;
  NodeId lo = kNoId, hi = 0;
  for (const AdjacencyEntry& e : forward.entries_) {
    lo = std::min(lo, e.other());
    hi = std::max(hi, e.other());
  }
  std::vector<std::uint32_t> rank;  // by TypeId: 1 if present, then its rank
  for (const Run& r : forward.runs_) {
    if (r.type >= rank.size()) rank.resize(std::size_t{r.type} + 1, 0);
    rank[r.type] = 1;
  }
  const std::vector<TypeId> types = rank_present_types(rank);
  const std::uint64_t range = hi - lo + 1;
  if (too_sparse_for_buckets(range, n, types.size())) {
    build_reverse_sparse(forward);
    return;
  }
  const std::uint64_t width = types.size();
  const std::uint64_t buckets = range * width;
  // The forward runs are cut into parts of about equal entries, each counted
  // and scattered by its own thread. Bucket b takes part 0's entries first,
  // then part 1's, ..., so the parts keep the order one thread would give.
  // On the scale-20 R-MAT graph two threads took the out-entries' regrouping
  // from 0.60-0.80 s to about 0.53 s: the page faults of the fresh array,
  // which dominate it, are shared too.
  const std::size_t parts =
      n >= kParallelEntries ? std::clamp<std::size_t>(threads, 1, kMaxParts) : 1;
  std::vector<std::size_t> cut(parts + 1, forward.runs_.size());  // first run of each part
  cut[0] = 0;
  for (std::size_t p = 1; p < parts; ++p) {
    const std::uint64_t target = n * p / parts;
    cut[p] = static_cast<std::size_t>(
        std::partition_point(forward.runs_.begin(), forward.runs_.end(),
                             [&](const Run& r) { return r.begin < target; }) -
        forward.runs_.begin());
  }
  std::vector<std::vector<std::uint64_t>> position(parts);  // counts, then fill positions
  auto bucket = [&](const Run& run, const AdjacencyEntry& e) {
    return (e.other() - lo) * width + rank[run.type];
  };
  in_parts(parts, [&](std::size_t p) {
    std::vector<std::uint64_t>& count = position[p];
    count.assign(buckets + 1, 0);
    forward.for_each_entry(cut[p], cut[p + 1], [&](const Run& run, std::uint64_t j) {
      ++count[bucket(run, forward.entries_[j])];
    });
  });
  std::uint64_t filled = 0;
  for (std::uint64_t b = 0; b < buckets; ++b) {
    for (std::size_t p = 0; p < parts; ++p) {
      const std::uint64_t count = position[p][b];
      position[p][b] = filled;
      filled += count;
    }
  }
  // The forward entries come in (node, type, other, relationship) order, so each
  // reverse bucket fills in (node, relationship) order: sorted without sorting.
  in_parts(parts, [&](std::size_t p) {
    std::vector<std::uint64_t>& next = position[p];
    const std::uint64_t end =
        cut[p + 1] < forward.runs_.size() ? forward.runs_[cut[p + 1]].begin : n;
    constexpr std::uint64_t kPrefetch = 16;
    forward.for_each_entry(cut[p], cut[p + 1], [&](const Run& run, std::uint64_t j) {
      if (j + kPrefetch < end) {
        // Close enough: the entry ahead may belong to the next run (another type).
        __builtin_prefetch(&entries_[next[bucket(run, forward.entries_[j + kPrefetch])]], 1);
      }
      const AdjacencyEntry& e = forward.entries_[j];
      entries_[next[bucket(run, e)]++] =
          AdjacencyEntry::make(run.node, e.relationship(), e.has_record());
    });
  });
  // The last part's positions stopped at each bucket's end.
  collect_runs(position.back(), lo, types);
}

void AdjacencyRuns::build_reverse_sparse(const AdjacencyRuns& forward) {
  std::vector<SortedEntry> items;
  items.reserve(entries_.size());
  forward.for_each_entry(0, forward.runs_.size(), [&](const Run& run, std::uint64_t j) {
    const AdjacencyEntry& e = forward.entries_[j];
    items.push_back(SortedEntry{e.other(), run.type,
                                AdjacencyEntry::make(run.node, e.relationship(), e.has_record())});
  });
  // Stable: each (node, type) group already arrives sorted by (other, relationship).
  std::stable_sort(items.begin(), items.end(), [](const SortedEntry& a, const SortedEntry& b) {
    return a.node != b.node ? a.node < b.node : a.type < b.type;
  });
  take_sorted(items, entries_, runs_);
}

void AdjacencyRuns::build_sparse(const std::vector<const RelationshipChunk*>& chunks,
                                 RelationshipId first_relationship, bool in) {
  std::vector<SortedEntry> items;
  items.reserve(entries_.size());
  RelationshipId relationship = first_relationship;
  for (const RelationshipChunk* c : chunks) {
    for (const RelationshipRow& r : c->rows) {
      items.push_back(SortedEntry{
          in ? r.dst : r.src, r.type,
          AdjacencyEntry::make(in ? r.src : r.dst, relationship++, r.properties_size != 0)});
    }
  }
  std::sort(items.begin(), items.end(), [](const SortedEntry& a, const SortedEntry& b) {
    if (a.node != b.node) return a.node < b.node;
    if (a.type != b.type) return a.type < b.type;
    return a.entry < b.entry;
  });
  take_sorted(items, entries_, runs_);
}

void AdjacencyRuns::write(WriteTransaction& txn, MDB_dbi dbi) const {
  AppendCursor cursor(txn, dbi);
  for (std::size_t i = 0; i < runs_.size(); ++i) {
    const std::uint64_t begin = runs_[i].begin;
    const std::uint64_t end = i + 1 < runs_.size() ? runs_[i + 1].begin : entries_.size();
    const std::span<const AdjacencyEntry> run(entries_.data() + begin, end - begin);
    const NodeId node = runs_[i].node;
    const TypeId type = runs_[i].type;
    if (cursor.appends(AdjacencyKey(node, type).view())) {
      write_adjacency_run(node, type, run, [&](const AdjacencyKey& key, const std::string& block) {
        cursor.put(key.view(), block);
      });
    } else {
      merge_adjacency_run(txn, dbi, node, type, run);
    }
  }
}

RelationshipSealer relationship_sealer(Graph& graph, WriteTransaction& txn,
                                       const std::vector<TagDefinition>& tags) {
  std::vector<bool> tagged;  // by TypeId
  for (const TagDefinition& tag : tags) {
    if (tag.entity != TaggedEntity::kRelationship) continue;
    if (tag.label_or_type >= tagged.size()) tagged.resize(tag.label_or_type + 1);
    tagged[tag.label_or_type] = true;
  }
  if (tagged.empty()) return {};
  return [&graph, &txn, tagged = std::move(tagged)](RelationshipId id, TypeId type,
                                                    std::string& bytes) {
    if (type >= tagged.size() || !tagged[type]) return;
    RelationshipRecord record = decode_relationship(bytes, id);
    if (graph.seal_relationship(txn, id, record)) bytes = encode_relationship(record);
  };
}

void write_relationship_records(WriteTransaction& txn,
                                const std::vector<const RelationshipChunk*>& chunks,
                                RelationshipId first_relationship,
                                std::vector<std::uint64_t>& per_type,
                                const RelationshipSealer& seal) {
  AppendCursor cursor(txn, txn.env().dbi().relationships);
  std::string record;
  RelationshipId relationship = first_relationship;
  for (const RelationshipChunk* c : chunks) {
    std::size_t offset = 0;
    for (const RelationshipRow& r : c->rows) {
      if (r.type >= per_type.size()) per_type.resize(r.type + 1, 0);
      ++per_type[r.type];
      const RelationshipId id = relationship++;
      if (r.properties_size == 0) continue;  // adjacency alone holds it
      record.clear();
      ByteWriter w(&record);
      w.varint(r.src);
      w.varint(r.dst);
      w.varint(r.type);
      record.append(c->properties, offset, r.properties_size);
      offset += r.properties_size;
      w.u32le(record_checksum(record));
      if (seal) seal(id, r.type, record);
      cursor.put(IdKey(id).view(), record);
    }
  }
}

}  // namespace guanxi::storage
