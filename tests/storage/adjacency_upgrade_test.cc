// The upgrades from format 7 adjacency (16-byte (other, relationship)
// duplicates under each (node, type)) to blocks, and from format 8 (a record
// for every relationship, blocks of plain ids) to records only for
// relationships with properties: a database rewritten here into an old
// layout is refused by name, upgraded by `guanxi upgrade`'s steps, and then
// reads every neighbour and property it had and passes the check.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "storage/adjacency.h"
#include "storage/bytes.h"
#include "storage/cursor.h"
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

void mark_format(WriteTransaction& txn, Graph& g, std::uint32_t format) {
  char version[4];
  put_be32(version, format);
  txn.put(g.env().dbi().meta, kFormatMetaKey, std::string_view(version, 4));
}

// Gives every relationship without a record one without properties, as
// formats up to 8 had, bypassing the engine.
void add_empty_records(WriteTransaction& txn, Graph& g) {
  std::vector<std::pair<RelationshipId, RelationshipRecord>> records;
  AdjacencyCursor(txn, Direction::kOut)
      .for_each_block(0, kNoId, [&](NodeId node, TypeId type, std::span<const AdjacencyEntry> b) {
        for (const AdjacencyEntry& e : b) {
          if (!e.has_record()) records.push_back({e.relationship(), {node, e.other(), type, {}}});
        }
      });
  for (const auto& [id, record] : records)
    txn.put(g.env().dbi().relationships, IdKey(id).view(), encode_relationship(record));
}

// Rewrites the blocks of `out` and `in` with plain relationship ids and
// every relationship with a record, and marks the database format 8.
void rewrite_as_format8(Graph& g) {
  g.write([&](WriteTransaction& txn) {
    add_empty_records(txn, g);
    for (const Direction d : {Direction::kOut, Direction::kIn}) {
      std::vector<std::pair<std::string, std::string>> blocks;
      {
        Cursor cursor(txn, g.adjacency().dbi(d));
        MDB_val k, v;
        for (bool more = cursor.get(k, v, MDB_FIRST); more; more = cursor.get(k, v, MDB_NEXT)) {
          std::vector<AdjacencyEntry> entries;
          decode_adjacency_block(from_val(v), entries);
          for (AdjacencyEntry& e : entries) e.relationship_word = e.relationship();
          std::string block;
          encode_adjacency_block(entries, block);
          blocks.emplace_back(std::string(from_val(k)), std::move(block));
        }
      }
      for (const auto& [key, block] : blocks) txn.put(g.adjacency().dbi(d), key, block);
    }
    mark_format(txn, g, 8);
  });
}

// Rewrites `out` and `in` as format 7 stored them, with a record for every
// relationship, and marks the database format 7, bypassing the engine.
void rewrite_as_format7(Graph& g) {
  g.write([&](WriteTransaction& txn) {
    add_empty_records(txn, g);
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
    mark_format(txn, g, 7);
  });
}

// A hub over several blocks, parallel ties, a self loop, two types; some
// relationships with properties.
void fill(Graph& g, NodeId nodes) {
  g.write([&](WriteTransaction& txn) {
    const TypeId knows = g.dictionary().intern(txn, NameKind::kType, "KNOWS");
    const TypeId refers = g.dictionary().intern(txn, NameKind::kType, "REFERRED");
    const PropertyKeyId since = g.dictionary().intern(txn, NameKind::kPropertyKey, "since");
    for (NodeId i = 0; i < nodes; ++i) g.create_node(txn, {}, {});
    for (NodeId i = 1; i < nodes; ++i) {
      PropertyList properties;
      if (i % 7 == 0) properties.push_back({since, Value(static_cast<std::int64_t>(i))});
      g.create_relationship(txn, 0, i, knows, std::move(properties));
    }
    for (NodeId i = 1; i + 1 < nodes; i += 3) g.create_relationship(txn, i, i + 1, refers, {});
    for (int i = 0; i < 300; ++i) g.create_relationship(txn, 5, 6, knows, {});
    g.create_relationship(txn, 9, 9, knows, {{since, Value(std::int64_t{9})}});
  });
}

// The records left: each relationship's id with its properties.
std::map<RelationshipId, std::string> records_of(Graph& g) {
  std::map<RelationshipId, std::string> out;
  auto txn = g.read();
  g.scan_relationship_records(
      txn, [&](RelationshipId id, std::string_view bytes) { out[id] = std::string(bytes); });
  return out;
}

TEST(AdjacencyUpgradeTest, Format7AdjacencyBecomesBlocksWithEveryNeighbour) {
  test_support::TempGraph g;
  constexpr NodeId kNodes = 1200;
  fill(*g, kNodes);
  const Neighbours before = read_all(*g, kNodes);
  const auto records = records_of(*g);
  ASSERT_EQ(records.size(), (kNodes - 1) / 7 + 1);
  rewrite_as_format7(*g);
  g.close();

  const StorageError refused = expect_storage_error([&] { Graph::open(g.path()); });
  EXPECT_NE(std::string(refused.what()).find("format version 7"), std::string::npos)
      << refused.what();

  const UpgradeReport report =
      upgrade_database(g.path(), {.backup_file = g.path().parent_path() / "b.gxbackup"});
  ASSERT_EQ(report.steps.size(), kFormatVersion - 7);
  EXPECT_NE(report.steps[0].find("compressed blocks"), std::string::npos) << report.steps[0];
  g.reopen();
  EXPECT_EQ(read_all(*g, kNodes), before);
  EXPECT_EQ(records_of(*g), records);
  const IntegrityReport check = check_integrity(*g);
  EXPECT_TRUE(check.ok());
  EXPECT_EQ(check.adjacency_checked, 2u * (kNodes - 1 + 400 + 300 + 1));
}

TEST(AdjacencyUpgradeTest, Format8KeepsRecordsOnlyForRelationshipsWithProperties) {
  test_support::TempGraph g;
  constexpr NodeId kNodes = 1200;
  fill(*g, kNodes);
  const Neighbours before = read_all(*g, kNodes);
  const auto records = records_of(*g);
  rewrite_as_format8(*g);
  ASSERT_EQ(records_of(*g).size(), kNodes - 1 + 400 + 300 + 1);
  g.close();

  const StorageError refused = expect_storage_error([&] { Graph::open(g.path()); });
  EXPECT_NE(std::string(refused.what()).find("format version 8"), std::string::npos)
      << refused.what();
  const UpgradeReport report =
      upgrade_database(g.path(), {.backup_file = g.path().parent_path() / "b.gxbackup"});
  ASSERT_EQ(report.steps.size(), kFormatVersion - 8);
  EXPECT_NE(report.steps[0].find("records only for relationships with properties"),
            std::string::npos)
      << report.steps[0];
  g.reopen();
  EXPECT_EQ(read_all(*g, kNodes), before);  // record bits included
  EXPECT_EQ(records_of(*g), records);
  const IntegrityReport check = check_integrity(*g);
  EXPECT_TRUE(check.ok());
  auto txn = g->read();
  const auto since = *g->dictionary().find(txn, NameKind::kPropertyKey, "since");
  const auto loop = g->get_relationship(txn, {records.rbegin()->first, 9, 9, 0});
  ASSERT_TRUE(loop);
  EXPECT_EQ(*find_property(loop->properties, since), Value(std::int64_t{9}));
}

}  // namespace
}  // namespace guanxi::storage
