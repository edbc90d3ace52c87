#include "algorithms/projection.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <thread>

#include "algorithms/projection_scan.h"

namespace guanxi::algorithms {

namespace {

using projection_detail::kAbsent;
using projection_detail::Lists;
using projection_detail::NodeSet;
using projection_detail::Piece;
using projection_detail::RelationshipFilter;
using storage::Direction;
using storage::NameKind;

constexpr const char* kWhere = "graph.project";

Vertex checked_count(std::uint64_t n) {
  if (n >= kAbsent) {
    throw ConfigError(kWhere, "labels",
                      "select " + std::to_string(n) + " nodes, more than a projection holds");
  }
  return static_cast<Vertex>(n);
}

NodeSet select_nodes(storage::Graph& graph, const storage::Transaction& txn,
                     const ProjectionConfig& config) {
  NodeSet nodes;
  const std::uint64_t next_id = graph.counters().next_node_id(txn);
  const Roaring64Map* excluded =
      config.excluded_nodes && !config.excluded_nodes->isEmpty() ? config.excluded_nodes : nullptr;
  if (config.labels.empty()) {
    // No node was ever deleted and none is excluded: ids 0..n-1.
    if (!excluded && graph.counters().node_count(txn) == next_id) {
      nodes.count = checked_count(next_id);
      return nodes;
    }
    graph.scan_nodes(txn, [&](storage::NodeId id, std::string_view) {
      if (!excluded || !excluded->contains(id)) nodes.node_ids.push_back(id);
    });
  } else {
    Roaring64Map selected;
    for (const std::string& name : config.labels) {
      const auto label = graph.dictionary().find(txn, NameKind::kLabel, name);
      if (!label) throw ConfigError(kWhere, "labels", "names an unknown label '" + name + "'");
      selected |= graph.nodes_with_label(txn, *label);
    }
    if (excluded) selected -= *excluded;
    nodes.node_ids.reserve(selected.cardinality());
    for (const std::uint64_t id : selected) nodes.node_ids.push_back(id);
  }
  nodes.count = checked_count(nodes.node_ids.size());
  const std::uint64_t last = nodes.node_ids.empty() ? 0 : nodes.node_ids.back() + 1;
  nodes.local_of.assign(std::max(next_id, last), kAbsent);
  for (Vertex v = 0; v < nodes.count; ++v) nodes.local_of[nodes.node_ids[v]] = v;
  return nodes;
}

RelationshipFilter relationship_filter(storage::Graph& graph, const storage::Transaction& txn,
                                       const ProjectionConfig& config) {
  RelationshipFilter f;
  for (const std::string& name : config.types) {
    const auto type = graph.dictionary().find(txn, NameKind::kType, name);
    if (!type)
      throw ConfigError(kWhere, "types", "names an unknown relationship type '" + name + "'");
    f.types.push_back(*type);
  }
  std::sort(f.types.begin(), f.types.end());
  f.types.erase(std::unique(f.types.begin(), f.types.end()), f.types.end());
  if (!config.weight.empty()) {
    f.weighted = true;
    f.weight_key = graph.dictionary().find(txn, NameKind::kPropertyKey, config.weight);
    f.weight_name = config.weight;
    f.default_weight = config.default_weight;
    f.missing_weight_is_error = config.missing_weight_is_error;
    f.weight_readers = config.weight_readers;
  }
  return f;
}

// The out- and in-lists in the natural orientation of the relationships;
// a table not asked for is left empty.
struct NaturalLists {
  Lists out, in;
};

// Which adjacency tables a projection reads.
struct Tables {
  bool out = true, in = true;
};

NaturalLists scan(storage::Graph& graph, const storage::Transaction& txn, const NodeSet& nodes,
                  const RelationshipFilter& filter, Tables tables, int concurrency,
                  std::uint64_t second_thread_relationships, Cancellation cancel) {
  const std::uint64_t relationships = graph.counters().relationship_count(txn);
  // A second thread pays for itself from about 2^18 relationships (the
  // default of second_thread_relationships): on R-MAT graphs
  // (projection_bench, 2 cores) one thread projects 2^17 in 1.05 ms and two
  // in 1.21 ms, 2^18 take 2.0 ms either way, and 2^19 5.4 ms against 4.1 ms.
  // A second thread needs its own read transaction, on the same snapshot.
  std::optional<storage::ReadTransaction> second;
  if (concurrency > 1 && !txn.is_write() && nodes.count > 1 &&
      relationships >= second_thread_relationships) {
    second.emplace(graph.read());
    if (mdb_txn_id(second->raw()) != mdb_txn_id(txn.raw())) second.reset();
  }
  const std::size_t parts = second ? 2 : 1;
  std::vector<Piece> out(tables.out ? parts : 0), in(tables.in ? parts : 0);
  // Scans part `part` of each table asked for: vertices [lo, hi).
  const auto scan_part = [&](const storage::Transaction& t, std::size_t part, Vertex lo,
                             Vertex hi) {
    if (tables.out)
      out[part] =
          scan_piece(graph, t, Direction::kOut, nodes, filter, lo, hi, relationships, cancel);
    if (tables.in)
      in[part] = scan_piece(graph, t, Direction::kIn, nodes, filter, lo, hi, relationships, cancel);
  };
  if (!second) {
    scan_part(txn, 0, 0, nodes.count);
  } else {
    const Vertex mid = nodes.count / 2;
    std::exception_ptr failure;
    std::thread helper([&] {
      try {
        scan_part(*second, 1, mid, nodes.count);
      } catch (...) {
        failure = std::current_exception();
      }
    });
    try {
      scan_part(txn, 0, 0, mid);
    } catch (...) {
      helper.join();
      throw;
    }
    helper.join();
    if (failure) std::rethrow_exception(failure);
  }
  NaturalLists lists;
  if (tables.out) lists.out = projection_detail::join(std::move(out), nodes.count);
  if (tables.in) lists.in = projection_detail::join(std::move(in), nodes.count);
  return lists;
}

}  // namespace

void ProjectionConfig::validate() const {
  if (concurrency < 1)
    throw ConfigError(kWhere, "concurrency",
                      "must be at least 1, got " + std::to_string(concurrency));
  if (!std::isfinite(default_weight)) {
    throw ConfigError(kWhere, "defaultWeight",
                      "must be a finite number, got " + std::to_string(default_weight));
  }
}

CsrGraph project(storage::Graph& graph, const storage::Transaction& txn,
                 const ProjectionConfig& config, Cancellation cancel) {
  config.validate();
  cancel.enter_phase("projection");
  NodeSet nodes = select_nodes(graph, txn, config);
  const RelationshipFilter filter = relationship_filter(graph, txn, config);
  // Without in-lists a directed projection reads only the table its
  // out-lists come from: on the scale-20 R-MAT graph (16M relationships) it
  // takes 60-82 ms where reading both tables took 157-165 ms.
  const bool directed_alone = config.orientation != Orientation::kUndirected && !config.in_lists;
  Tables tables;
  if (directed_alone) {
    tables.out = config.orientation == Orientation::kNatural;
    tables.in = config.orientation == Orientation::kReverse;
  }
  NaturalLists lists = scan(graph, txn, nodes, filter, tables, config.concurrency,
                            config.second_thread_relationships, cancel);
  nodes.local_of = std::vector<Vertex>();  // freed before the graph is assembled
  switch (config.orientation) {
    case Orientation::kNatural:
      return projection_detail::assemble(false, std::move(lists.out), std::move(lists.in),
                                         std::move(nodes.node_ids));
    case Orientation::kReverse:
      return projection_detail::assemble(false, std::move(lists.in), std::move(lists.out),
                                         std::move(nodes.node_ids));
    case Orientation::kUndirected: {
      Lists both = projection_detail::merge_undirected(lists.out, lists.in);
      lists = {};
      // The in-lists of an undirected graph are its out-lists: not stored.
      return projection_detail::assemble(true, std::move(both), Lists{}, std::move(nodes.node_ids));
    }
  }
  throw std::logic_error("unknown orientation");
}

CsrGraph project(storage::Graph& graph, const ProjectionConfig& config, Cancellation cancel) {
  storage::ReadTransaction txn = graph.read();
  return project(graph, txn, config, cancel);
}

std::optional<Vertex> local_vertex(const CsrGraph& graph, storage::NodeId node) {
  const auto& ids = graph.node_ids();
  if (ids.empty()) {
    if (node < graph.vertex_count()) return static_cast<Vertex>(node);
    return std::nullopt;
  }
  const auto it = std::lower_bound(ids.begin(), ids.end(), node);
  if (it == ids.end() || *it != node) return std::nullopt;
  return static_cast<Vertex>(it - ids.begin());
}

}  // namespace guanxi::algorithms
