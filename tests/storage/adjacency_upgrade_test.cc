// The upgrade from format 7 adjacency (16-byte (other, relationship)
// duplicates under each (node, type)) to blocks: a database rewritten here
// into the old layout is refused by name, upgraded by `guanxi upgrade`'s
// step, and then reads every neighbour it had and passes the check.
#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "storage/adjacency.h"
#include "storage/bytes.h"
#include "storage/format_upgrade.h"
#include "storage/integrity_check.h"
#include "tests/storage/expect_storage_error.h"
#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

using testing::expect_storage_error;
using Neighbours = std::map<std::pair<NodeId, int>, std::vector<AdjacencyEntry>>;

Neighbours read_all(Graph& g, NodeId nodes) {
  Neighbours all;
  auto txn = g.read();
  for (NodeId n = 0; n < nodes; ++n) {
    all[{n, 0}] = neighbours(txn, n, Direction::kOut);
    all[{n, 1}] = neighbours(txn, n, Direction::kIn);
  }
  return all;
}

// Rewrites `out` and `in` as format 7 stored them and marks the database
// format 7, bypassing the engine.
void rewrite_as_format7(Graph& g) {
  g.write([&](WriteTransaction& txn) {
    for (const Direction d : {Direction::kOut, Direction::kIn}) {
      std::vector<std::pair<AdjacencyKey, std::vector<AdjacencyEntry>>> runs;
      {
        AdjacencyCursor cursor(txn, d);
        cursor.for_each_block(
            0, ~NodeId{0}, [&](NodeId node, TypeId type, std::span<const AdjacencyEntry> b) {
              if (runs.empty() || AdjacencyKey::node(runs.back().first.bytes.data()) != node ||
                  AdjacencyKey::type(runs.back().first.bytes.data()) != type)
                runs.push_back({AdjacencyKey(node, type), {}});
              runs.back().second.insert(runs.back().second.end(), b.begin(), b.end());
            });
      }
      MDB_dbi dbi = g.adjacency().dbi(d);
      ASSERT_EQ(mdb_drop(txn.raw(), dbi, 1), 0);
      ASSERT_EQ(mdb_dbi_open(txn.raw(), d == Direction::kOut ? "out" : "in",
                             MDB_CREATE | MDB_DUPSORT | MDB_DUPFIXED, &dbi),
                0);
      for (const auto& [key, entries] : runs) {
        for (const AdjacencyEntry& e : entries) {
          char bytes[16];
          put_be64(bytes, e.other());
          put_be64(bytes + 8, e.relationship());
          txn.put(dbi, key.view(), std::string_view(bytes, 16));
        }
      }
    }
    char version[4];
    put_be32(version, 7);
    txn.put(g.env().dbi().meta, kFormatMetaKey, std::string_view(version, 4));
  });
}

TEST(AdjacencyUpgradeTest, Format7AdjacencyBecomesBlocksWithEveryNeighbour) {
  test_support::TempGraph g;
  constexpr NodeId kNodes = 1200;
  g->write([&](WriteTransaction& txn) {
    const TypeId knows = g->dictionary().intern(txn, NameKind::kType, "KNOWS");
    const TypeId refers = g->dictionary().intern(txn, NameKind::kType, "REFERRED");
    for (NodeId i = 0; i < kNodes; ++i) g->create_node(txn, {}, {});
    // A hub over several blocks, parallel ties, a self loop, two types.
    for (NodeId i = 1; i < kNodes; ++i) g->create_relationship(txn, 0, i, knows, {});
    for (NodeId i = 1; i + 1 < kNodes; i += 3) g->create_relationship(txn, i, i + 1, refers, {});
    for (int i = 0; i < 300; ++i) g->create_relationship(txn, 5, 6, knows, {});
    g->create_relationship(txn, 9, 9, knows, {});
  });
  const Neighbours before = read_all(*g, kNodes);
  rewrite_as_format7(*g);
  g.close();

  const StorageError refused = expect_storage_error([&] { Graph::open(g.path()); });
  EXPECT_NE(std::string(refused.what()).find("format version 7"), std::string::npos)
      << refused.what();

  const UpgradeReport report =
      upgrade_database(g.path(), {.backup_file = g.path().parent_path() / "b.gxbackup"});
  ASSERT_EQ(report.steps.size(), 1u);
  EXPECT_NE(report.steps[0].find("compressed blocks"), std::string::npos) << report.steps[0];
  g.reopen();
  EXPECT_EQ(read_all(*g, kNodes), before);
  const IntegrityReport check = check_integrity(*g);
  EXPECT_TRUE(check.ok());
  EXPECT_EQ(check.adjacency_checked, 2u * (kNodes - 1 + 400 + 300 + 1));
}

}  // namespace
}  // namespace guanxi::storage
