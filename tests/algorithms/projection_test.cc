#include "algorithms/projection.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <random>
#include <thread>

#include "tests/support/temp_graph.h"

namespace guanxi::algorithms {
namespace {

using storage::NameKind;
using storage::NodeId;
using storage::PropertyList;
using storage::WriteTransaction;
using test_support::TempGraph;

std::vector<NodeId> node_list(const CsrGraph& g, std::span<const Vertex> s) {
  std::vector<NodeId> out;
  for (Vertex v : s) out.push_back(g.node_id(v));
  return out;
}

// Nodes 0..4: 0,1,2 Person; 3 Company; 4 Person+Company.
// Relationships: 0-KNOWS->1 (w 2.5), 1-KNOWS->2 (w 4, an integer), 2-KNOWS->0 (w "x"),
// 0-WORKS_AT->3 (no w), 4-KNOWS->4 (self-loop, w 1), 0-KNOWS->1 again (w 0.5).
class ProjectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db->write([&](WriteTransaction& txn) {
      auto& d = db->dictionary();
      const auto person = d.intern(txn, NameKind::kLabel, "Person");
      const auto company = d.intern(txn, NameKind::kLabel, "Company");
      const auto knows = d.intern(txn, NameKind::kType, "KNOWS");
      const auto works = d.intern(txn, NameKind::kType, "WORKS_AT");
      const auto w = d.intern(txn, NameKind::kPropertyKey, "w");
      for (int i = 0; i < 3; ++i) db->create_node(txn, {person}, {});
      db->create_node(txn, {company}, {});
      db->create_node(txn, {person, company}, {});
      db->create_relationship(txn, 0, 1, knows, {{w, 2.5}});
      db->create_relationship(txn, 1, 2, knows, {{w, std::int64_t{4}}});
      relationship_with_string_ = db->create_relationship(txn, 2, 0, knows, {{w, "x"}});
      relationship_without_weight_ = db->create_relationship(txn, 0, 3, works, {});
      db->create_relationship(txn, 4, 4, knows, {{w, 1.0}});
      db->create_relationship(txn, 0, 1, knows, {{w, 0.5}});
    });
  }

  TempGraph db;
  storage::RelationshipId relationship_with_string_ = 0, relationship_without_weight_ = 0;
};

TEST_F(ProjectionTest, AllNodesNaturalOrientation) {
  for (int threads : {1, 2}) {
    ProjectionConfig config;
    config.concurrency = threads;
    config.second_thread_relationships = 0;  // small graphs too
    const CsrGraph g = project(*db, config);
    EXPECT_FALSE(g.undirected());
    EXPECT_FALSE(g.weighted());
    EXPECT_EQ(g.vertex_count(), 5u);
    EXPECT_EQ(g.arc_count(), 6u);
    // Lists merge both types and are sorted; the parallel relationships stay.
    EXPECT_EQ(node_list(g, g.out(0)), (std::vector<NodeId>{1, 1, 3}));
    EXPECT_EQ(node_list(g, g.in(0)), (std::vector<NodeId>{2}));
    EXPECT_EQ(node_list(g, g.in(1)), (std::vector<NodeId>{0, 0}));
    EXPECT_EQ(node_list(g, g.out(4)), (std::vector<NodeId>{4}));
    EXPECT_EQ(node_list(g, g.in(4)), (std::vector<NodeId>{4}));
  }
}

TEST_F(ProjectionTest, LabelFilterKeepsRelationshipsBetweenProjectedNodesOnly) {
  ProjectionConfig config;
  config.labels = {"Company"};
  const CsrGraph g = project(*db, config);
  ASSERT_EQ(g.vertex_count(), 2u);
  EXPECT_EQ(g.node_ids(), (std::vector<std::uint64_t>{3, 4}));
  EXPECT_EQ(g.arc_count(), 1u);  // only the self-loop of node 4; 0->3 leaves the set
  EXPECT_EQ(node_list(g, g.out(1)), (std::vector<NodeId>{4}));

  config.labels = {"Person", "Company"};  // union of the labels
  EXPECT_EQ(project(*db, config).vertex_count(), 5u);
  config.labels = {"Person"};
  const CsrGraph people = project(*db, config);
  EXPECT_EQ(people.node_ids(), (std::vector<std::uint64_t>{0, 1, 2, 4}));
  EXPECT_EQ(people.arc_count(), 5u);
  EXPECT_EQ(local_vertex(people, 4), 3u);
  EXPECT_EQ(local_vertex(people, 3), std::nullopt);
}

TEST_F(ProjectionTest, TypeFilter) {
  ProjectionConfig config;
  config.types = {"WORKS_AT"};
  const CsrGraph g = project(*db, config);
  EXPECT_EQ(g.vertex_count(), 5u);  // the node set does not depend on the types
  EXPECT_EQ(g.arc_count(), 1u);
  EXPECT_EQ(node_list(g, g.out(0)), (std::vector<NodeId>{3}));
  config.types = {"KNOWS", "WORKS_AT", "KNOWS"};
  EXPECT_EQ(project(*db, config).arc_count(), 6u);
}

TEST_F(ProjectionTest, UnknownNamesAreErrorsNamingKeyAndName) {
  ProjectionConfig config;
  config.labels = {"Persn"};
  try {
    project(*db, config);
    ADD_FAILURE() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "labels");
    EXPECT_NE(std::string(e.what()).find("'Persn'"), std::string::npos) << e.what();
  }
  config.labels = {};
  config.types = {"LIKES"};
  try {
    project(*db, config);
    ADD_FAILURE() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key(), "types");
    EXPECT_NE(std::string(e.what()).find("'LIKES'"), std::string::npos) << e.what();
  }
  config.types = {};
  config.concurrency = 0;
  EXPECT_THROW(project(*db, config), ConfigError);
}

TEST_F(ProjectionTest, ReverseAndUndirected) {
  ProjectionConfig config;
  config.orientation = Orientation::kReverse;
  const CsrGraph r = project(*db, config);
  EXPECT_EQ(node_list(r, r.out(1)), (std::vector<NodeId>{0, 0}));
  EXPECT_EQ(node_list(r, r.in(0)), (std::vector<NodeId>{1, 1, 3}));
  EXPECT_EQ(r.arc_count(), 6u);

  config.orientation = Orientation::kUndirected;
  const CsrGraph u = project(*db, config);
  EXPECT_TRUE(u.undirected());
  EXPECT_EQ(u.arc_count(), 11u);  // five relationships twice, the self-loop once
  EXPECT_EQ(node_list(u, u.out(0)), (std::vector<NodeId>{1, 1, 2, 3}));
  EXPECT_EQ(node_list(u, u.out(4)), (std::vector<NodeId>{4}));
  for (Vertex v = 0; v < u.vertex_count(); ++v) {
    EXPECT_EQ(node_list(u, u.in(v)), node_list(u, u.out(v)));
  }
}

TEST_F(ProjectionTest, WeightsWithDefaultsSortedWithTheirTargets) {
  ProjectionConfig config;
  config.weight = "w";
  config.default_weight = 7.0;
  const CsrGraph g = project(*db, config);
  ASSERT_TRUE(g.weighted());
  const auto w0 = g.out_weights(0);
  ASSERT_EQ(w0.size(), 3u);
  EXPECT_EQ(w0[0], 0.5);  // the two relationships to node 1, by weight
  EXPECT_EQ(w0[1], 2.5);
  EXPECT_EQ(w0[2], 7.0);                // WORKS_AT has no w
  EXPECT_EQ(g.out_weights(1)[0], 4.0);  // integer property
  EXPECT_EQ(g.out_weights(2)[0], 7.0);  // a string is not a weight
  EXPECT_EQ(g.in_weights(0)[0], 7.0);
  EXPECT_EQ(g.in_weights(1)[1], 2.5);

  config.orientation = Orientation::kUndirected;
  const CsrGraph u = project(*db, config);
  EXPECT_EQ(std::vector<double>(u.out_weights(1).begin(), u.out_weights(1).end()),
            (std::vector<double>{0.5, 2.5, 4.0}));

  config.orientation = Orientation::kNatural;
  config.weight = "never_used";
  const CsrGraph d = project(*db, config);
  EXPECT_EQ(d.out_weights(0)[0], 7.0);
}

TEST_F(ProjectionTest, MissingWeightAsErrorNamesRelationshipAndProperty) {
  ProjectionConfig config;
  config.weight = "w";
  config.missing_weight_is_error = true;
  config.types = {"WORKS_AT"};
  try {
    project(*db, config);
    ADD_FAILURE() << "expected a ProjectionError";
  } catch (const ProjectionError& e) {
    EXPECT_NE(
        std::string(e.what()).find("relationship " + std::to_string(relationship_without_weight_)),
        std::string::npos);
    EXPECT_NE(std::string(e.what()).find("no property 'w'"), std::string::npos) << e.what();
  }
  config.types = {"KNOWS"};
  try {
    project(*db, config);
    ADD_FAILURE() << "expected a ProjectionError";
  } catch (const ProjectionError& e) {
    EXPECT_NE(
        std::string(e.what()).find("relationship " + std::to_string(relationship_with_string_)),
        std::string::npos);
    EXPECT_NE(std::string(e.what()).find("of type STRING"), std::string::npos) << e.what();
  }
  config.labels = {"Company"};  // only the self-loop of 4, which has a numeric w
  const CsrGraph g = project(*db, config);
  ASSERT_EQ(g.arc_count(), 1u);
  ASSERT_TRUE(g.weighted());
  EXPECT_EQ(g.out_weights(1)[0], 1.0);
}

// A query passes readers that go through its session's PropertyReader: the
// projection must take every weight from them, one reader per scanning
// thread, and read no record itself. A relationship without properties has
// no record and no weight to ask for: it gets the default.
TEST_F(ProjectionTest, WeightsComeFromTheGivenReaders) {
  std::atomic<int> readers{0}, reads{0};
  ProjectionConfig config;
  config.weight = "w";
  config.concurrency = 2;
  config.second_thread_relationships = 0;  // small graphs too
  config.weight_readers = [&]() -> RelationshipWeightReader {
    ++readers;
    return [&](const storage::Transaction&, storage::RelationshipId relationship,
               storage::PropertyKeyId) {
      ++reads;
      RelationshipWeight w;
      w.kind = RelationshipWeight::Kind::kNumber;
      w.value = 100.0 + static_cast<double>(relationship);
      return w;
    };
  };
  const CsrGraph g = project(*db, config);
  ASSERT_TRUE(g.weighted());
  EXPECT_GE(readers.load(), 2);  // out and in scans at least
  // Each relationship with a record, from both ends.
  EXPECT_EQ(reads.load(), 2 * (static_cast<int>(g.arc_count()) - 1));
  EXPECT_EQ(g.out_weights(3).size(), 0u);
  EXPECT_EQ(g.in_weights(3)[0], config.default_weight);
  EXPECT_EQ(g.out_weights(2)[0], 100.0 + static_cast<double>(relationship_with_string_));

  // What the readers report decides errors too.
  config.missing_weight_is_error = true;
  config.weight_readers = []() -> RelationshipWeightReader {
    return [](const storage::Transaction&, storage::RelationshipId, storage::PropertyKeyId) {
      RelationshipWeight w;
      w.kind = RelationshipWeight::Kind::kNotANumber;
      w.type = "MASKED";
      return w;
    };
  };
  try {
    project(*db, config);
    ADD_FAILURE() << "expected a ProjectionError";
  } catch (const ProjectionError& e) {
    EXPECT_NE(std::string(e.what()).find("of type MASKED"), std::string::npos) << e.what();
  }
}

TEST_F(ProjectionTest, DeletedNodesLeaveDenseLocalIds) {
  db->write([&](WriteTransaction& txn) { db->delete_node(txn, 1, /*detach=*/true); });
  const CsrGraph g = project(*db, ProjectionConfig{});
  EXPECT_EQ(g.node_ids(), (std::vector<std::uint64_t>{0, 2, 3, 4}));
  EXPECT_EQ(g.arc_count(), 3u);
  EXPECT_EQ(local_vertex(g, 2), 1u);
  EXPECT_EQ(local_vertex(g, 1), std::nullopt);
  EXPECT_EQ(local_vertex(g, 99), std::nullopt);
  EXPECT_EQ(node_list(g, g.out(*local_vertex(g, 2))), (std::vector<NodeId>{0}));
}

TEST_F(ProjectionTest, WriteTransactionSeesItsOwnChanges) {
  struct RollBack {};
  EXPECT_THROW(db->write([&](WriteTransaction& txn) {
    const auto knows = *db->dictionary().find(txn, NameKind::kType, "KNOWS");
    const NodeId n = db->create_node(txn, {}, {});
    db->create_relationship(txn, n, 0, knows, {});
    const CsrGraph g = project(*db, txn, ProjectionConfig{});
    EXPECT_EQ(g.vertex_count(), 6u);
    EXPECT_EQ(g.arc_count(), 7u);
    EXPECT_EQ(node_list(g, g.in(0)), (std::vector<NodeId>{2, n}));
    throw RollBack{};
  }),
               RollBack);
  EXPECT_EQ(project(*db, ProjectionConfig{}).arc_count(), 6u);
}

TEST_F(ProjectionTest, CancellationStopsTheScan) {
  std::atomic<bool> stop{true};
  EXPECT_THROW(project(*db, ProjectionConfig{}, Cancellation(&stop)), Cancelled);
}

// A random multigraph with deletions, projected every way, equals the graph
// CsrBuilder makes from the relationships the test created and kept.
TEST(ProjectionProperty, EqualsTheRelationshipsCreatedInEveryOrientation) {
  TempGraph db;
  std::mt19937_64 rng(42);
  std::map<storage::RelationshipId, storage::RelationshipRecord> created;
  db->write([&](WriteTransaction& txn) {
    auto& d = db->dictionary();
    const storage::LabelId labels[] = {d.intern(txn, NameKind::kLabel, "A"),
                                       d.intern(txn, NameKind::kLabel, "B")};
    const storage::TypeId types[] = {d.intern(txn, NameKind::kType, "X"),
                                     d.intern(txn, NameKind::kType, "Y"),
                                     d.intern(txn, NameKind::kType, "Z")};
    const auto w = d.intern(txn, NameKind::kPropertyKey, "w");
    for (int i = 0; i < 300; ++i) db->create_node(txn, {labels[rng() % 2]}, {});
    for (int i = 0; i < 3000; ++i) {
      PropertyList props;
      if (rng() % 5) props.push_back({w, static_cast<double>(rng() % 100) / 10.0});
      const NodeId src = rng() % 300, dst = rng() % 300;
      const storage::TypeId type = types[rng() % 3];
      const storage::RelationshipId id = db->create_relationship(txn, src, dst, type, props);
      created[id] = {src, dst, type, std::move(props)};
    }
    for (int i = 0; i < 20; ++i) {
      const NodeId victim = rng() % 300;
      if (!db->node_exists(txn, victim)) continue;
      db->delete_node(txn, victim, true);
      std::erase_if(
          created, [&](const auto& c) { return c.second.src == victim || c.second.dst == victim; });
    }
  });
  auto txn = db->read();
  const auto a = *db->dictionary().find(txn, NameKind::kLabel, "A");
  const auto y = *db->dictionary().find(txn, NameKind::kType, "Y");
  const auto wkey = *db->dictionary().find(txn, NameKind::kPropertyKey, "w");
  const Roaring64Map a_nodes = db->nodes_with_label(txn, a);

  for (const bool filter_a : {false, true}) {
    for (const bool only_y : {false, true}) {
      for (const Orientation o :
           {Orientation::kNatural, Orientation::kReverse, Orientation::kUndirected}) {
        // Without in-lists, as WCC projects: unweighted, the out-lists alone
        // unless undirected.
        for (const bool in_lists : {true, false}) {
          const int threads =
              (static_cast<int>(o) + filter_a + only_y) % 2 + 1;  // each case once, 1 or 2
          SCOPED_TRACE(::testing::Message() << "label A " << filter_a << " type Y " << only_y
                                            << " orientation " << static_cast<int>(o) << " threads "
                                            << threads << " in-lists " << in_lists);
          ProjectionConfig config;
          if (filter_a) config.labels = {"A"};
          if (only_y) config.types = {"Y"};
          config.orientation = o;
          if (in_lists) config.weight = "w";
          config.in_lists = in_lists;
          config.default_weight = -1.0;
          config.concurrency = threads;
          config.second_thread_relationships = 0;  // small graphs too
          const CsrGraph got = project(*db, txn, config);

          std::vector<std::uint64_t> ids;
          db->scan_nodes(txn, [&](NodeId id, std::string_view) {
            if (!filter_a || a_nodes.contains(id)) ids.push_back(id);
          });
          ASSERT_EQ(got.vertex_count(), ids.size());
          auto local = [&](NodeId id) {
            return static_cast<Vertex>(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin());
          };
          CsrBuilder b(static_cast<Vertex>(ids.size()), o == Orientation::kUndirected);
          for (const auto& [id, r] : created) {
            if (only_y && r.type != y) continue;
            if (filter_a && (!a_nodes.contains(r.src) || !a_nodes.contains(r.dst))) continue;
            const storage::Value* wv = storage::find_property(r.properties, wkey);
            const double weight = wv ? wv->as_float() : -1.0;
            const auto [from, to] =
                o == Orientation::kReverse ? std::pair(r.dst, r.src) : std::pair(r.src, r.dst);
            if (in_lists) {
              b.add(local(from), local(to), weight);
            } else {
              b.add(local(from), local(to));
            }
          }
          const CsrGraph want = b.build();
          EXPECT_EQ(got.undirected(), want.undirected());
          ASSERT_EQ(got.has_in_lists(), in_lists || o == Orientation::kUndirected);
          for (Vertex v = 0; v < want.vertex_count(); ++v) {
            ASSERT_EQ(got.node_id(v), ids[v]);
            ASSERT_EQ(node_list(got, got.out(v)), node_list(got, want.out(v))) << "out of " << v;
            const auto gw = got.out_weights(v), ww = want.out_weights(v);
            ASSERT_EQ(std::vector<double>(gw.begin(), gw.end()),
                      std::vector<double>(ww.begin(), ww.end()));
            if (!got.has_in_lists()) continue;
            ASSERT_EQ(node_list(got, got.in(v)), node_list(got, want.in(v))) << "in of " << v;
            const auto giw = got.in_weights(v), wiw = want.in_weights(v);
            ASSERT_EQ(std::vector<double>(giw.begin(), giw.end()),
                      std::vector<double>(wiw.begin(), wiw.end()));
          }
          ASSERT_EQ(got.arc_count(), want.arc_count());
        }
      }
    }
  }
}

// Two scanning threads each read half of the vertices. Wherever the arcs
// crowd (on the first nodes, on the last, or spread out), whatever a filter
// leaves out, and for a rare label read node by node, their lists equal
// those one thread reads; node 27's list of type X is longer than the chunks
// an unweighted scan converts at a time.
TEST(ProjectionTwoThreads, AgreeWithOneWhereverTheArcsLie) {
  constexpr NodeId kNodes = 400;
  for (const int crowd : {0, 1, 2}) {  // arcs from the first tenth, the last tenth, any node
    TempGraph db;
    db->write([&](WriteTransaction& txn) {
      auto& d = db->dictionary();
      const auto all = d.intern(txn, NameKind::kLabel, "All");
      const auto rare = d.intern(txn, NameKind::kLabel, "Rare");
      const storage::TypeId types[] = {d.intern(txn, NameKind::kType, "X"),
                                       d.intern(txn, NameKind::kType, "Y")};
      const auto w = d.intern(txn, NameKind::kPropertyKey, "w");
      for (NodeId i = 0; i < kNodes; ++i) {
        db->create_node(txn, i % 9 == 0 ? std::vector{all, rare} : std::vector{all}, {});
      }
      std::mt19937_64 rng(static_cast<std::uint64_t>(crowd) + 11);
      for (int i = 0; i < 3000; ++i) {
        const NodeId tenth = rng() % (kNodes / 10);
        const NodeId src = i < 700      ? 27
                           : crowd == 0 ? tenth
                           : crowd == 1 ? kNodes - 1 - tenth
                                        : rng() % kNodes;
        // Destinations of the rare nodes often enough to keep arcs among them.
        const NodeId dst = rng() % 3 == 0 ? rng() % (kNodes / 9) * 9 : rng() % kNodes;
        PropertyList props;
        if (rng() % 4 != 0) props.push_back({w, static_cast<double>(rng() % 50) / 10.0});
        db->create_relationship(txn, src, dst, types[i < 700 ? 0 : rng() % 2], props);
      }
    });
    auto txn = db->read();
    for (const bool rare_only : {false, true}) {
      for (const bool x_only : {false, true}) {
        for (const bool weighted : {false, true}) {
          for (const Orientation o : {Orientation::kNatural, Orientation::kUndirected}) {
            SCOPED_TRACE(::testing::Message()
                         << "crowd " << crowd << " rare " << rare_only << " X " << x_only
                         << " weighted " << weighted << " orientation " << static_cast<int>(o));
            ProjectionConfig config;
            if (rare_only) config.labels = {"Rare"};
            if (x_only) config.types = {"X"};
            if (weighted) config.weight = "w";
            config.orientation = o;
            config.concurrency = 1;
            const CsrGraph one = project(*db, txn, config);
            if (!rare_only && !x_only && o == Orientation::kNatural) {
              ASSERT_EQ(one.arc_count(), 3000u);
              ASSERT_GE(one.out_degree(27), 700u);
            }
            config.concurrency = 2;
            config.second_thread_relationships = 0;
            const CsrGraph two = project(*db, txn, config);
            ASSERT_EQ(two.vertex_count(), one.vertex_count());
            ASSERT_EQ(two.arc_count(), one.arc_count());
            for (Vertex v = 0; v < one.vertex_count(); ++v) {
              ASSERT_EQ(node_list(two, two.out(v)), node_list(one, one.out(v))) << "out of " << v;
              ASSERT_EQ(node_list(two, two.in(v)), node_list(one, one.in(v))) << "in of " << v;
              const auto wo = one.out_weights(v), wt = two.out_weights(v);
              ASSERT_EQ(std::vector<double>(wt.begin(), wt.end()),
                        std::vector<double>(wo.begin(), wo.end()));
              const auto io = one.in_weights(v), it = two.in_weights(v);
              ASSERT_EQ(std::vector<double>(it.begin(), it.end()),
                        std::vector<double>(io.begin(), io.end()));
            }
          }
        }
      }
    }
  }
}

// While a writer commits nodes and relationships, every projection equals the counts
// of its own snapshot, also when its second scanning thread is in use.
TEST(ProjectionSnapshot, CountsMatchTheSnapshotWhileAWriterCommits) {
  TempGraph db;
  storage::TypeId type = 0;
  db->write([&](WriteTransaction& txn) {
    type = db->dictionary().intern(txn, NameKind::kType, "T");
    for (int i = 0; i < 2000; ++i) db->create_node(txn, {}, {});
    for (int i = 0; i < 2000; ++i) db->create_relationship(txn, i, (i * 7 + 1) % 2000, type, {});
  });
  std::atomic<bool> done{false};
  std::atomic<int> commits{0};
  std::thread writer([&] {
    std::mt19937_64 rng(7);
    while (!done.load()) {
      db->write([&](WriteTransaction& txn) {
        const NodeId n = db->create_node(txn, {}, {});
        for (int i = 0; i < 50; ++i) db->create_relationship(txn, n, rng() % n, type, {});
        for (int i = 0; i < 50; ++i) db->create_relationship(txn, rng() % n, n, type, {});
      });
      ++commits;
    }
  });
  int checked = 0;
  while (checked < 12 || commits.load() < 12) {
    auto txn = db->read();
    ProjectionConfig config;
    config.orientation = checked % 2 ? Orientation::kUndirected : Orientation::kNatural;
    config.second_thread_relationships = 0;
    const CsrGraph g = project(*db, txn, config);
    const std::uint64_t relationships = db->counters().relationship_count(txn);
    EXPECT_EQ(g.vertex_count(), db->counters().node_count(txn));
    EXPECT_EQ(g.arc_count(),
              config.orientation == Orientation::kUndirected ? 2 * relationships : relationships);
    std::uint64_t in_total = 0;
    for (Vertex v = 0; v < g.vertex_count(); ++v) in_total += g.in_degree(v);
    EXPECT_EQ(in_total, g.arc_count());
    ++checked;
  }
  done = true;
  writer.join();
  EXPECT_GE(commits.load(), 12);
}

}  // namespace
}  // namespace guanxi::algorithms
