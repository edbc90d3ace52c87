// The write side of bulk import: raw LMDB cursors that append records and
// adjacency entries in key order.
//
// MDB_APPEND / MDB_APPENDDUP only work while each key is past the table's last
// key, so every writer compares against the last key the table had when it was
// opened: below it (relationships to nodes of an earlier import) it falls back to plain
// puts, past it it appends. Fresh node and relationship ids always lie past the end
// because ids are never reused.
#pragma once

#include <lmdb.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/default_init_allocator.h"
#include "storage/environment.h"
#include "storage/import_rows.h"
#include "storage/keys.h"
#include "storage/privacy_schema.h"

namespace guanxi::storage {

class Graph;

// A write cursor on one table that appends when it can.
class AppendCursor {
 public:
  AppendCursor(WriteTransaction& txn, MDB_dbi dbi);
  ~AppendCursor();
  AppendCursor(const AppendCursor&) = delete;
  AppendCursor& operator=(const AppendCursor&) = delete;

  // Stores (key, value); keys must come in increasing order.
  void put(std::string_view key, std::string_view value);
  // Whether a put of `key` appends (it lies past the table's last key).
  bool appends(std::string_view key) { return past_end(key); }

 private:
  bool past_end(std::string_view key);

  WriteTransaction& txn_;
  MDB_cursor* cursor_ = nullptr;
  std::string last_key_;
  bool empty_ = true;
  bool past_end_ = false;
};

// The adjacency entries of one direction, grouped into runs of one
// (node, type) in key order, each run sorted by (other, relationship): what the `out`
// or `in` table receives, as the run's blocks (adjacency_block.h).
//
// Entries are scattered straight into their final place by counting sorts
// over (node, type) buckets; where the node ids of the relationships are too
// sparse for a bucket array, a comparison sort does the grouping instead.
// The second direction is best built from the first (build_reverse), which
// needs one counting pass and no relationship rows.
class AdjacencyRuns {
 public:
  // Replaces the contents with the `direction` entries (kOut: keyed by source,
  // kIn: by target) of the relationships in `chunks`, relationship ids from
  // `first_relationship` in chunk and row order. The build first groups the
  // entries by their other end; when `spare` is given, that intermediate is
  // left in it (its contents unspecified), so that a later build_reverse into
  // `spare` reuses its memory instead of taking fresh pages. `threads` as
  // for build_reverse.
  void build(const std::vector<const RelationshipChunk*>& chunks, RelationshipId first_relationship,
             Direction direction, AdjacencyRuns* spare = nullptr, unsigned threads = 1);
  // Replaces the contents with the other direction of `forward`'s entries
  // (the in-entries of out-entries, or the reverse). Nothing is sorted here:
  // each reverse run fills in (forward node, forward position) order, which
  // is (other, relationship) order whenever each forward run lists the
  // entries of one other node in relationship order, as every run built here
  // does. Up to `threads` threads share the work when there is enough of it.
  void build_reverse(const AdjacencyRuns& forward, unsigned threads = 1);
  // Writes every run into `dbi` (out or in): appended as filled blocks when
  // the run lies past the table's end, merged into the node's blocks when it
  // does not (relationships to nodes of an earlier import).
  void write(WriteTransaction& txn, MDB_dbi dbi) const;

  struct Run {
    NodeId node;
    TypeId type;
    std::uint64_t begin;  // into entries(); the run ends where the next begins
  };
  const std::vector<Run>& runs() const { return runs_; }
  // Sized before they are scattered into, so never zeroed first.
  using Entries = std::vector<AdjacencyEntry, DefaultInitAllocator<AdjacencyEntry>>;
  const Entries& entries() const { return entries_; }

 private:
  // Groups the `direction` entries into runs in relationship order, not
  // sorted by other node (sorted where the sparse path had to sort).
  void group(const std::vector<const RelationshipChunk*>& chunks, RelationshipId first_relationship,
             Direction direction);
  // Sorting instead of bucketing, for nodes spread too thinly over their range.
  void build_sparse(const std::vector<const RelationshipChunk*>& chunks,
                    RelationshipId first_relationship, bool in);
  void build_reverse_sparse(const AdjacencyRuns& forward);
  // Clears the runs and makes room for `n` entries.
  void reset_entries(std::size_t n);
  // The runs of the filled buckets, given each bucket's end (one element
  // more than there are buckets); bucket b is node lo + b / types, type
  // b % types.
  void collect_runs(const std::vector<std::uint64_t>& ends, NodeId lo,
                    const std::vector<TypeId>& types);
  // Calls visit(run, index into entries()) for every entry of the runs
  // [first_run, end_run), in order.
  template <typename Visit>
  void for_each_entry(std::size_t first_run, std::size_t end_run, Visit&& visit) const;

  Entries entries_;
  std::vector<Run> runs_;
};

// Seals the values a tag covers in an encoded relationship record, before
// it is written; empty where the database has no tags.
using RelationshipSealer = std::function<void(RelationshipId, TypeId, std::string& record)>;

// The sealer of the records of the relationship types `tags` cover (each
// decoded, sealed by graph.seal_relationship and encoded again); empty when
// no tag covers a relationship type.
RelationshipSealer relationship_sealer(Graph& graph, WriteTransaction& txn,
                                       const std::vector<TagDefinition>& tags);

// Writes the relationship records of the relationships in `chunks`, ids from `first_relationship`,
// each through `seal` when it is set, and counts relationships per type into `per_type` (indexed by
// TypeId, grown as needed).
void write_relationship_records(WriteTransaction& txn,
                                const std::vector<const RelationshipChunk*>& chunks,
                                RelationshipId first_relationship,
                                std::vector<std::uint64_t>& per_type,
                                const RelationshipSealer& seal);

}  // namespace guanxi::storage
