// Projection: the CSR snapshot an algorithm runs on, built from the storage
// engine inside one transaction, so the algorithm sees one consistent state
// while writers go on.
//
//   auto txn = graph.read();
//   ProjectionConfig config;
//   config.labels = {"Customer"};
//   config.types = {"KNOWS"};
//   config.weight = "strength";
//   CsrGraph g = project(graph, txn, config);
//
// Semantics (the config keys are named as a CALL config map spells them):
// - labels: a node is projected when it has at least one of the labels (all
//   nodes when empty). types: a relationship is projected when its type is listed (all
//   types when empty) and both its endpoints are projected.
// - An unknown label or type name is a ConfigError naming the key ("labels",
//   "types") and the name: a typo should not silently give an empty graph.
// - Local ids are dense and assigned in ascending node id order, so
//   CsrGraph::node_ids() is sorted (empty = identity, when every node id
//   0..n-1 is projected); local_vertex() maps back.
// - orientation natural: out-lists follow relationships from start to end node; reverse:
//   from end to start; undirected: each relationship in both lists (a self-loop once),
//   as CsrBuilder does. Parallel relationships stay parallel arcs. A directed
//   projection without `in_lists` has out-lists alone (CsrGraph::has_in_lists).
// - weight: the name of a numeric relationship property (integer or float); a relationship
//   without it, or with a non-numeric value, gets defaultWeight, or, when
//   missing_weight_is_error, the projection fails with a ProjectionError naming
//   the relationship and the property. A property name never used by any relationship counts as
//   missing on every relationship. Weights are read through `weight_readers` when set:
//   a query reads them through its session's PropertyReader, the one place
//   property values are read, so privacy applies to algorithm weights too.
// - The node and relationship sets are those of `txn`'s snapshot. With concurrency 2
//   and a read transaction, a second read transaction is opened and used only
//   if LMDB reports the same snapshot (same transaction id); otherwise one
//   thread scans.
#pragma once

#include <functional>
#include <optional>
#include <roaring/roaring64map.hh>
#include <stdexcept>
#include <string>
#include <vector>

#include "algorithms/algorithm_error.h"
#include "algorithms/csr_graph.h"
#include "storage/graph.h"

namespace guanxi::algorithms {

enum class Orientation { kNatural, kReverse, kUndirected };

// A relationship's weight property, as the projection needs it.
struct RelationshipWeight {
  enum class Kind { kNumber, kMissing, kNotANumber };
  Kind kind = Kind::kMissing;
  double value = 0;  // kNumber
  std::string type;  // kNotANumber: the value's type, for the error message
};

// Reads property `key` of relationship `relationship` as `txn` sees it; called
// only for relationships with a record (a missing one is damage). One is made
// for each scanning thread, so it need not be thread-safe.
using RelationshipWeightReader = std::function<RelationshipWeight(
    const storage::Transaction& txn, storage::RelationshipId relationship,
    storage::PropertyKeyId key)>;

struct ProjectionConfig {
  std::vector<std::string> labels;                  // "labels"
  std::vector<std::string> types;                   // "types"
  Orientation orientation = Orientation::kNatural;  // "orientation"
  std::string weight;                               // "weight": empty = unweighted
  double default_weight = 1.0;                      // "defaultWeight"
  bool missing_weight_is_error = false;
  // Makes a weight reader for one scanning thread. The query layer passes one
  // reading through the session's PropertyReader; empty reads the stored relationship
  // records directly, for code without a session (tests, benchmarks).
  std::function<RelationshipWeightReader()> weight_readers;
  // Whether a directed projection (natural or reverse) builds its in-lists
  // too. Not a config key: an algorithm that follows every relationship from
  // one end alone (WCC) clears it, and the projection then reads one
  // adjacency table instead of two (projection.cc has the measurement). An
  // undirected projection reads both tables whatever this says.
  bool in_lists = true;
  int concurrency = 2;  // "concurrency": threads scanning the adjacency (1 or 2)
  // A graph of fewer relationships is scanned by one thread whatever
  // `concurrency` says: below it a second thread costs more than it saves
  // (measured in projection.cc). Tests lower it to run the second thread on
  // small graphs.
  std::uint64_t second_thread_relationships = std::uint64_t{1} << 18;
  // Nodes that do not exist for the caller (subjects its purpose may not
  // see): neither they nor any relationship touching them are projected.
  // Null or empty: none. Must outlive project().
  const Roaring64Map* excluded_nodes = nullptr;

  // Throws ConfigError for concurrency < 1 or a non-finite default weight.
  void validate() const;
};

// A relationship lacks a numeric weight and the config says that is an error.
class ProjectionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Builds the projection from the state `txn` sees (a read snapshot, or a write
// transaction including its own uncommitted changes; the latter scans on one
// thread). Throws ConfigError (bad config, unknown label/type), ProjectionError
// (missing weight, if so configured), Cancelled, StorageError (damage).
CsrGraph project(storage::Graph& graph, const storage::Transaction& txn,
                 const ProjectionConfig& config, Cancellation cancel = {});
// The same in a read transaction of its own.
CsrGraph project(storage::Graph& graph, const ProjectionConfig& config, Cancellation cancel = {});

// The local vertex of a database node in a projection, or nullopt if the node
// was not projected. O(log n).
std::optional<Vertex> local_vertex(const CsrGraph& graph, storage::NodeId node);

}  // namespace guanxi::algorithms
