#include "storage/graph.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

using test_support::TempGraph;

struct Names {
  LabelId customer, vip;
  TypeId knows, referred;
  PropertyKeyId name, age;
};

Names intern(Graph& g, WriteTransaction& txn) {
  auto& d = g.dictionary();
  return Names{
      d.intern(txn, NameKind::kLabel, "Customer"),   d.intern(txn, NameKind::kLabel, "Vip"),
      d.intern(txn, NameKind::kType, "KNOWS"),       d.intern(txn, NameKind::kType, "REFERRED"),
      d.intern(txn, NameKind::kPropertyKey, "name"), d.intern(txn, NameKind::kPropertyKey, "age")};
}

std::vector<NodeId> others(const std::vector<AdjacencyEntry>& entries) {
  std::vector<NodeId> out;
  out.reserve(entries.size());
  for (const auto& e : entries) out.push_back(e.other());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Graph, CreateAndGetNode) {
  TempGraph g;
  NodeId id = g->write([&](WriteTransaction& txn) {
    Names n = intern(*g, txn);
    return g->create_node(txn, {n.vip, n.customer, n.vip},
                          {{n.name, "Ada"}, {n.age, 36}, {n.age, 37}});
  });
  auto txn = g->read();
  auto rec = g->get_node(txn, id);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->labels.size(), 2u);  // duplicates merged, sorted
  EXPECT_TRUE(std::is_sorted(rec->labels.begin(), rec->labels.end()));
  ASSERT_EQ(rec->properties.size(), 2u);
  EXPECT_EQ(*find_property(rec->properties, 1), Value(37));  // last value wins
  EXPECT_FALSE(g->get_node(txn, id + 1));
  EXPECT_EQ(g->counters().node_count(txn), 1u);
}

TEST(Graph, NullPropertiesAreNotStored) {
  TempGraph g;
  NodeId id = g->write([&](WriteTransaction& txn) {
    return g->create_node(txn, {}, {{0, Value()}, {1, 5}});
  });
  auto txn = g->read();
  EXPECT_EQ(g->get_node(txn, id)->properties.size(), 1u);
}

TEST(Graph, SetAndRemoveProperty) {
  TempGraph g;
  Names n{};
  NodeId id = g->write([&](WriteTransaction& txn) {
    n = intern(*g, txn);
    return g->create_node(txn, {n.customer}, {{n.name, "Ada"}});
  });
  g->write([&](WriteTransaction& txn) {
    g->set_node_property(txn, id, n.age, 41);
    g->set_node_property(txn, id, n.name, Value());
  });
  auto txn = g->read();
  auto rec = g->get_node(txn, id);
  EXPECT_EQ(find_property(rec->properties, n.name), nullptr);
  EXPECT_EQ(*find_property(rec->properties, n.age), Value(41));
}

TEST(Graph, MissingNodeErrors) {
  TempGraph g;
  g->write([&](WriteTransaction& txn) {
    try {
      g->set_node_property(txn, 99, 0, 1);
      FAIL();
    } catch (const StorageError& e) {
      EXPECT_EQ(e.code(), ErrorCode::kNotFound);
      EXPECT_NE(std::string(e.what()).find("node 99"), std::string::npos);
    }
    EXPECT_THROW(g->delete_node(txn, 99), StorageError);
    EXPECT_THROW(g->add_label(txn, 99, 0), StorageError);
    EXPECT_THROW(g->create_relationship(txn, 0, 1, 0, {}), StorageError);
  });
}

TEST(Graph, LabelsAndPostings) {
  TempGraph g;
  Names n{};
  std::vector<NodeId> ids;
  g->write([&](WriteTransaction& txn) {
    n = intern(*g, txn);
    for (int i = 0; i < 200000; ++i) {
      ids.push_back(g->create_node(txn, {n.customer}, {}));
    }
  });
  g->write([&](WriteTransaction& txn) {
    EXPECT_TRUE(g->add_label(txn, ids[5], n.vip));
    EXPECT_FALSE(g->add_label(txn, ids[5], n.vip));
    EXPECT_TRUE(g->add_label(txn, ids[150000], n.vip));
    EXPECT_TRUE(g->remove_label(txn, ids[7], n.customer));
    EXPECT_FALSE(g->remove_label(txn, ids[7], n.customer));
    // Uncommitted changes are visible inside the transaction.
    EXPECT_EQ(g->count_label(txn, n.vip), 2u);
  });
  auto txn = g->read();
  EXPECT_EQ(g->count_label(txn, n.customer), 199999u);
  auto vips = g->nodes_with_label(txn, n.vip);
  EXPECT_EQ(vips.cardinality(), 2u);
  EXPECT_TRUE(vips.contains(ids[150000]));
  auto both = g->nodes_with_label(txn, n.customer) & vips;
  EXPECT_EQ(both.cardinality(), 2u);
  EXPECT_FALSE(g->nodes_with_label(txn, n.customer).contains(ids[7]));
}

TEST(Graph, RelationshipsAndNeighbours) {
  TempGraph g;
  Names n{};
  NodeId a, b, c;
  RelationshipId ab, ac, ca, bb;
  g->write([&](WriteTransaction& txn) {
    n = intern(*g, txn);
    a = g->create_node(txn, {n.customer}, {});
    b = g->create_node(txn, {n.customer}, {});
    c = g->create_node(txn, {n.customer}, {});
    ab = g->create_relationship(txn, a, b, n.knows, {{n.age, 3}});
    ac = g->create_relationship(txn, a, c, n.referred, {});
    ca = g->create_relationship(txn, c, a, n.knows, {});
    bb = g->create_relationship(txn, b, b, n.knows, {});
  });
  auto txn = g->read();
  auto rec = g->get_relationship(txn, {ab, a, b, n.knows});
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->src, a);
  EXPECT_EQ(rec->dst, b);
  EXPECT_EQ(rec->type, n.knows);
  EXPECT_EQ(*find_property(rec->properties, n.age), Value(3));

  EXPECT_EQ(others(neighbours(txn, a, Direction::kOut)), (std::vector<NodeId>{b, c}));
  EXPECT_EQ(others(neighbours(txn, a, Direction::kIn)), (std::vector<NodeId>{c}));
  EXPECT_EQ(others(neighbours(txn, a, Direction::kBoth)), (std::vector<NodeId>{b, c, c}));
  const TypeId knows[] = {n.knows};
  EXPECT_EQ(others(neighbours(txn, a, Direction::kOut, knows)), (std::vector<NodeId>{b}));
  const TypeId both_types[] = {n.referred, n.knows};
  EXPECT_EQ(others(neighbours(txn, a, Direction::kOut, both_types)), (std::vector<NodeId>{b, c}));
  EXPECT_EQ(degree(txn, a, Direction::kBoth), 3u);
  EXPECT_EQ(degree(txn, b, Direction::kBoth), 3u);  // the self-loop counts in and out
  EXPECT_EQ(degree(txn, a, Direction::kOut, knows), 1u);
  EXPECT_EQ(g->counters().relationship_count(txn), 4u);
  EXPECT_EQ(g->counters().relationship_count(txn, n.knows), 3u);
  (void)ac;
  (void)ca;
  (void)bb;
}

TEST(Graph, ManyNeighboursSpanSeveralPages) {
  TempGraph g;
  NodeId hub = 0;
  g->write([&](WriteTransaction& txn) {
    TypeId t = g->dictionary().intern(txn, NameKind::kType, "KNOWS");
    hub = g->create_node(txn, {}, {});
    for (int i = 0; i < 5000; ++i) {
      NodeId other = g->create_node(txn, {}, {});
      g->create_relationship(txn, hub, other, t, {});
    }
  });
  auto txn = g->read();
  AdjacencyCursor cursor(txn, Direction::kOut);
  int batches = 0;
  std::uint64_t seen = 0, last = 0;
  cursor.for_each_batch(hub, {}, [&](TypeId, std::span<const AdjacencyEntry> batch) {
    ++batches;
    for (const auto& e : batch) {
      EXPECT_GE(e.other(), last);  // sorted by neighbour
      last = e.other();
      ++seen;
    }
  });
  EXPECT_EQ(seen, 5000u);
  EXPECT_GT(batches, 1);
  EXPECT_EQ(cursor.degree(hub), 5000u);
}

TEST(Graph, DeleteNodeWithRelationshipsIsRefusedUnlessDetached) {
  TempGraph g;
  Names n{};
  NodeId a, b;
  g->write([&](WriteTransaction& txn) {
    n = intern(*g, txn);
    a = g->create_node(txn, {n.customer}, {});
    b = g->create_node(txn, {n.customer}, {});
    g->create_relationship(txn, a, b, n.knows, {});
    g->create_relationship(txn, a, a, n.knows, {});
  });
  try {
    g->write([&](WriteTransaction& txn) { g->delete_node(txn, a); });
    FAIL();
  } catch (const StorageError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kHasRelationships);
    EXPECT_NE(std::string(e.what()).find("3 relationships"), std::string::npos) << e.what();
  }
  {
    auto txn = g->read();
    EXPECT_TRUE(g->node_exists(txn, a));
  }
  g->write([&](WriteTransaction& txn) { g->delete_node(txn, a, /*detach=*/true); });
  auto txn = g->read();
  EXPECT_FALSE(g->node_exists(txn, a));
  EXPECT_EQ(degree(txn, b, Direction::kBoth), 0u);
  EXPECT_EQ(g->counters().relationship_count(txn), 0u);
  EXPECT_EQ(g->counters().node_count(txn), 1u);
  EXPECT_EQ(g->count_label(txn, n.customer), 1u);
}

TEST(Graph, DeleteRelationship) {
  TempGraph g;
  NodeId a, b;
  RelationshipId e;
  TypeId t = 0;
  g->write([&](WriteTransaction& txn) {
    t = g->dictionary().intern(txn, NameKind::kType, "KNOWS");
    a = g->create_node(txn, {}, {});
    b = g->create_node(txn, {}, {});
    e = g->create_relationship(txn, a, b, t, {});
  });
  g->write([&](WriteTransaction& txn) { g->delete_relationship(txn, {e, a, b, t}); });
  auto txn = g->read();
  EXPECT_FALSE(g->get_relationship(txn, {e, a, b, t}));
  EXPECT_EQ(degree(txn, a, Direction::kBoth), 0u);
  EXPECT_EQ(degree(txn, b, Direction::kBoth), 0u);
}

TEST(Graph, IdsAreNeverReused) {
  TempGraph g;
  NodeId first = g->write([&](WriteTransaction& txn) { return g->create_node(txn, {}, {}); });
  g->write([&](WriteTransaction& txn) { g->delete_node(txn, first); });
  g.reopen();
  NodeId second = g->write([&](WriteTransaction& txn) { return g->create_node(txn, {}, {}); });
  EXPECT_GT(second, first);
}

TEST(Graph, FailedWriteLeavesNothing) {
  TempGraph g;
  EXPECT_THROW(g->write([&](WriteTransaction& txn) {
    LabelId l = g->dictionary().intern(txn, NameKind::kLabel, "Temp");
    g->create_node(txn, {l}, {{0, 1}});
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  auto txn = g->read();
  EXPECT_EQ(g->counters().node_count(txn), 0u);
  EXPECT_EQ(g->counters().next_node_id(txn), 0u);
  EXPECT_FALSE(g->dictionary().find(txn, NameKind::kLabel, "Temp"));
  EXPECT_FALSE(g->node_exists(txn, 0));
}

TEST(Graph, SnapshotDoesNotSeeLaterWrites) {
  TempGraph g;
  g->write([&](WriteTransaction& txn) { g->create_node(txn, {}, {}); });
  auto snapshot = g->read();
  g->write([&](WriteTransaction& txn) { g->create_node(txn, {}, {}); });
  EXPECT_EQ(g->counters().node_count(snapshot), 1u);
  auto fresh = g->read();
  EXPECT_EQ(g->counters().node_count(fresh), 2u);
}

TEST(Dictionary, IdsPersistAndAreStable) {
  TempGraph g;
  std::uint32_t a, b, again;
  g->write([&](WriteTransaction& txn) {
    a = g->dictionary().intern(txn, NameKind::kLabel, "A");
    b = g->dictionary().intern(txn, NameKind::kLabel, "B");
    again = g->dictionary().intern(txn, NameKind::kLabel, "A");
    // Kinds are separate id spaces.
    EXPECT_EQ(g->dictionary().intern(txn, NameKind::kType, "A"), 0u);
  });
  EXPECT_EQ(a, again);
  EXPECT_NE(a, b);
  g.reopen();
  auto txn = g->read();
  EXPECT_EQ(g->dictionary().find(txn, NameKind::kLabel, "B"), b);
  EXPECT_EQ(g->dictionary().name(txn, NameKind::kLabel, a), "A");
  EXPECT_EQ(g->dictionary().all(txn, NameKind::kLabel), (std::vector<std::string>{"A", "B"}));
  EXPECT_THROW(g->dictionary().name(txn, NameKind::kLabel, 55), StorageError);
}

TEST(Dictionary, RolledBackNamesAreForgotten) {
  TempGraph g;
  try {
    g->write([&](WriteTransaction& txn) {
      g->dictionary().intern(txn, NameKind::kLabel, "Ghost");
      throw std::runtime_error("abort");
    });
  } catch (const std::runtime_error&) {
  }
  std::uint32_t id = g->write(
      [&](WriteTransaction& txn) { return g->dictionary().intern(txn, NameKind::kLabel, "Real"); });
  EXPECT_EQ(id, 0u);
  auto txn = g->read();
  EXPECT_FALSE(g->dictionary().find(txn, NameKind::kLabel, "Ghost"));
}

TEST(Graph, ScanNodesInIdOrder) {
  TempGraph g;
  g->write([&](WriteTransaction& txn) {
    for (int i = 0; i < 100; ++i) g->create_node(txn, {}, {{0, i}});
  });
  auto txn = g->read();
  std::vector<NodeId> seen;
  g->scan_nodes(txn, [&](NodeId id, std::string_view bytes) {
    seen.push_back(id);
    EXPECT_EQ(*find_property(decode_node(bytes, id).properties, 0), Value(static_cast<int>(id)));
  });
  EXPECT_EQ(seen.size(), 100u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}

}  // namespace
}  // namespace guanxi::storage
