#include "storage/statistics.h"

#include <lmdb.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "storage/adjacency.h"
#include "storage/keys.h"
#include "storage/page_check.h"

namespace guanxi::storage {

namespace {

// Owns an LMDB cursor for the length of one scan.
class ScopedCursor {
 public:
  ScopedCursor(const Transaction& txn, MDB_dbi dbi, const char* what) {
    if (int rc = mdb_cursor_open(txn.raw(), dbi, &cursor_)) throw_lmdb_error(rc, what);
  }
  ~ScopedCursor() { mdb_cursor_close(cursor_); }
  ScopedCursor(const ScopedCursor&) = delete;
  ScopedCursor& operator=(const ScopedCursor&) = delete;
  MDB_cursor* get() const { return cursor_; }

 private:
  MDB_cursor* cursor_ = nullptr;
};

// The degree of every node in `adjacency` (out or in), in node id order.
// Walks the node keys and the adjacency keys side by side (both are sorted by
// node id) and sums the counts in the block headers of each node's keys, so
// no block and no record is decoded. A node without entries has degree 0.
std::vector<std::uint64_t> degrees(const Transaction& txn, MDB_dbi nodes, MDB_dbi adjacency) {
  ScopedCursor node_cursor(txn, nodes, "statistics: nodes");
  ScopedCursor adj_cursor(txn, adjacency, "statistics: adjacency");
  std::vector<std::uint64_t> result;

  MDB_val ak, av;
  int arc = mdb_cursor_get(adj_cursor.get(), &ak, &av, MDB_FIRST);
  auto adj_node = [&]() -> NodeId {
    check_adjacency_key(ak);
    return AdjacencyKey::node(ak.mv_data);
  };

  MDB_val nk, nv;
  int nrc = mdb_cursor_get(node_cursor.get(), &nk, &nv, MDB_FIRST);
  while (nrc == MDB_SUCCESS) {
    if (nk.mv_size != 8) throw StorageError(ErrorCode::kCorruption, "node key of odd size");
    const NodeId node = get_be64(nk.mv_data);
    // Entries of nodes that no longer exist are the integrity check's business.
    while (arc == MDB_SUCCESS && adj_node() < node) {
      arc = mdb_cursor_get(adj_cursor.get(), &ak, &av, MDB_NEXT);
    }
    std::uint64_t degree = 0;
    while (arc == MDB_SUCCESS && adj_node() == node) {
      degree += adjacency_block_count(from_val(av));
      arc = mdb_cursor_get(adj_cursor.get(), &ak, &av, MDB_NEXT);
    }
    result.push_back(degree);
    nrc = mdb_cursor_get(node_cursor.get(), &nk, &nv, MDB_NEXT);
  }
  if (nrc != MDB_NOTFOUND) throw_lmdb_error(nrc, "statistics: scanning nodes");
  if (arc != MDB_SUCCESS && arc != MDB_NOTFOUND)
    throw_lmdb_error(arc, "statistics: scanning adjacency");
  return result;
}

// Nearest-rank percentile of sorted values, `q` in [0, 1].
std::uint64_t percentile(const std::vector<std::uint64_t>& sorted, double q) {
  const auto n = sorted.size();
  auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(n)));
  rank = std::clamp<std::size_t>(rank, 1, n);
  return sorted[rank - 1];
}

}  // namespace

DegreeDistribution summarize_degrees(std::vector<std::uint64_t> degrees) {
  DegreeDistribution d;
  if (degrees.empty()) return d;
  std::sort(degrees.begin(), degrees.end());
  d.min = degrees.front();
  d.max = degrees.back();
  const double sum =
      std::accumulate(degrees.begin(), degrees.end(), 0.0,
                      [](double a, std::uint64_t b) { return a + static_cast<double>(b); });
  d.mean = sum / static_cast<double>(degrees.size());
  d.median = percentile(degrees, 0.5);
  d.p90 = percentile(degrees, 0.9);
  d.p99 = percentile(degrees, 0.99);

  // Buckets [0,1), [1,2), [2,4), [4,8), ...: keyed by their exclusive upper bound.
  std::uint64_t bound = 1;
  std::uint64_t in_bucket = 0;
  for (std::uint64_t v : degrees) {
    while (v >= bound) {
      if (in_bucket) d.histogram.emplace_back(bound, in_bucket);
      in_bucket = 0;
      bound = bound == 1 ? 2 : bound * 2;
    }
    ++in_bucket;
  }
  if (in_bucket) d.histogram.emplace_back(bound, in_bucket);
  return d;
}

namespace {

std::vector<TableStatistics> table_statistics(Graph& graph, const ReadTransaction& txn) {
  // Pinned to the snapshot `txn` holds, whose pages no commit may reuse.
  const PageCheckReport walk = check_pages(graph.env().path(), nullptr, mdb_txn_id(txn.raw()));
  std::vector<TableStatistics> tables;
  for (const auto& [name, dbi] : graph.env().dbi().named()) {
    MDB_stat st{};
    if (mdb_stat(txn.raw(), dbi, &st) != MDB_SUCCESS || st.ms_entries == 0) continue;
    TableStatistics t;
    t.name = name;
    t.entries = st.ms_entries;
    t.branch_pages = st.ms_branch_pages;
    t.leaf_pages = st.ms_leaf_pages;
    t.overflow_pages = st.ms_overflow_pages;
    t.bytes = (t.branch_pages + t.leaf_pages + t.overflow_pages) * st.ms_psize;
    // Duplicate values in their own trees are not in mdb_stat's page counts;
    // the walk sees every page, so its figures are used where it has them.
    if (const auto it = walk.table_pages.find(name); it != walk.table_pages.end()) {
      t.branch_pages = it->second.branch;
      t.leaf_pages = it->second.leaf;
      t.overflow_pages = it->second.overflow;
      t.bytes = it->second.pages() * it->second.page_size;
      t.fill = it->second.fill();
    }
    tables.push_back(std::move(t));
  }
  std::sort(tables.begin(), tables.end(), [](const TableStatistics& a, const TableStatistics& b) {
    return a.bytes != b.bytes ? a.bytes > b.bytes : a.name < b.name;
  });
  return tables;
}

}  // namespace

GraphStatistics compute_statistics(Graph& graph) {
  GraphStatistics stats;
  ReadTransaction txn = graph.read();
  stats.nodes = graph.counters().node_count(txn);
  stats.relationships = graph.counters().relationship_count(txn);

  const std::vector<std::string> label_names = graph.dictionary().all(txn, NameKind::kLabel);
  for (LabelId id = 0; id < label_names.size(); ++id) {
    const std::uint64_t n = graph.postings().cardinality(txn, SetKey{SetKind::kLabel, id});
    if (n > 0) stats.labels.emplace_back(label_names[id], n);
  }
  const std::vector<std::string> type_names = graph.dictionary().all(txn, NameKind::kType);
  for (const auto& [type, n] : graph.counters().relationship_counts_by_type(txn)) {
    if (n == 0) continue;
    stats.types.emplace_back(
        type < type_names.size() ? type_names[type] : "#" + std::to_string(type), n);
  }
  // Largest first: what a reader of the statistics looks for.
  auto by_count = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  std::sort(stats.labels.begin(), stats.labels.end(), by_count);
  std::sort(stats.types.begin(), stats.types.end(), by_count);

  const std::vector<std::string> key_names = graph.dictionary().all(txn, NameKind::kPropertyKey);
  for (const IndexInfo& index : graph.indexes().list(txn)) {
    auto name_of = [](const std::vector<std::string>& names, std::uint32_t id) {
      return id < names.size() ? names[id] : "#" + std::to_string(id);
    };
    stats.indexes.push_back(":" + name_of(label_names, index.label) + "(" +
                            name_of(key_names, index.key) + ")" + (index.unique ? " UNIQUE" : ""));
  }
  std::sort(stats.indexes.begin(), stats.indexes.end());

  const Dbis& dbi = graph.env().dbi();
  stats.out_degree = summarize_degrees(degrees(txn, dbi.nodes, dbi.out));
  stats.in_degree = summarize_degrees(degrees(txn, dbi.nodes, dbi.in));
  stats.bytes_on_disk = graph.env().used_bytes();
  stats.tables = table_statistics(graph, txn);
  return stats;
}

}  // namespace guanxi::storage
