// Nested (child) write transactions: an aborted child leaves its parent
// exactly as it was, including the per-transaction batches of counters,
// postings and dictionary names; a committed child's changes join the parent
// and become visible to others only when the parent commits; restarting a
// transaction to grow the map keeps other writers of the process out.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "storage/graph.h"
#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

using test_support::TempGraph;

class NestedTransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    graph_->write([&](WriteTransaction& txn) {
      person_ = graph_->dictionary().intern(txn, NameKind::kLabel, "Person");
      name_ = graph_->dictionary().intern(txn, NameKind::kPropertyKey, "name");
      ada_ = graph_->create_node(txn, {person_}, {{name_, Value("Ada")}});
    });
  }

  TempGraph graph_;
  LabelId person_ = 0;
  PropertyKeyId name_ = 0;
  NodeId ada_ = 0;
};

TEST_F(NestedTransactionTest, AnAbortedChildLeavesItsParentAsItWas) {
  WriteTransaction parent = graph_->env().begin_write();
  const NodeId bob = graph_->create_node(parent, {person_}, {{name_, Value("Bob")}});
  {
    WriteTransaction child = parent.child();
    const LabelId ghost = graph_->dictionary().intern(child, NameKind::kLabel, "Ghost");
    const TypeId spooks = graph_->dictionary().intern(child, NameKind::kType, "SPOOKS");
    const NodeId g = graph_->create_node(child, {ghost, person_}, {{name_, Value("Casper")}});
    graph_->create_relationship(child, g, ada_, spooks, {});
    graph_->set_node_property(child, bob, name_, Value("changed"));
    graph_->add_label(child, ada_, ghost);
    graph_->create_index(child, person_, name_, true);
    EXPECT_EQ(graph_->counters().node_count(child), 3u);
    EXPECT_EQ(graph_->count_label(child, person_), 3u);
    child.abort();
  }
  EXPECT_EQ(graph_->counters().node_count(parent), 2u);
  EXPECT_EQ(graph_->counters().relationship_count(parent), 0u);
  EXPECT_EQ(graph_->count_label(parent, person_), 2u);
  EXPECT_FALSE(graph_->dictionary().find(parent, NameKind::kLabel, "Ghost").has_value());
  EXPECT_FALSE(graph_->indexes().find(parent, person_, name_).has_value());
  const auto bob_record = graph_->get_node(parent, bob);
  ASSERT_TRUE(bob_record.has_value());
  EXPECT_EQ(find_property(bob_record->properties, name_)->as_string(), "Bob");

  // A second child after the aborted one numbers its names afresh.
  {
    WriteTransaction child = parent.child();
    const LabelId vip = graph_->dictionary().intern(child, NameKind::kLabel, "Vip");
    graph_->add_label(child, bob, vip);
    child.commit();
  }
  parent.commit();

  ReadTransaction txn = graph_->read();
  EXPECT_EQ(graph_->counters().node_count(txn), 2u);
  EXPECT_EQ(graph_->counters().relationship_count(txn), 0u);
  EXPECT_EQ(graph_->count_label(txn, person_), 2u);
  EXPECT_FALSE(graph_->dictionary().find(txn, NameKind::kLabel, "Ghost").has_value());
  EXPECT_FALSE(graph_->dictionary().find(txn, NameKind::kType, "SPOOKS").has_value());
  const auto vip = graph_->dictionary().find(txn, NameKind::kLabel, "Vip");
  ASSERT_TRUE(vip.has_value());
  EXPECT_EQ(graph_->count_label(txn, *vip), 1u);
  EXPECT_EQ(graph_->dictionary().name(txn, NameKind::kLabel, *vip), "Vip");
}

TEST_F(NestedTransactionTest, ACommittedChildIsPublishedOnlyWithItsParent) {
  {
    WriteTransaction parent = graph_->env().begin_write();
    {
      WriteTransaction child = parent.child();
      const LabelId draft = graph_->dictionary().intern(child, NameKind::kLabel, "Draft");
      graph_->create_node(child, {draft}, {});
      child.commit();
    }
    EXPECT_EQ(graph_->counters().node_count(parent), 2u);
    parent.abort();
  }
  {
    ReadTransaction txn = graph_->read();
    EXPECT_EQ(graph_->counters().node_count(txn), 1u);
    // The child's name was never published to the shared dictionary cache.
    EXPECT_FALSE(graph_->dictionary().find(txn, NameKind::kLabel, "Draft").has_value());
  }

  LabelId kept = 0;
  {
    WriteTransaction parent = graph_->env().begin_write();
    for (int i = 0; i < 3; ++i) {
      WriteTransaction child = parent.child();
      kept = graph_->dictionary().intern(child, NameKind::kLabel, "Kept");
      graph_->create_node(child, {kept, person_}, {});
      child.commit();
    }
    parent.commit();
  }
  ReadTransaction txn = graph_->read();
  EXPECT_EQ(graph_->counters().node_count(txn), 4u);
  EXPECT_EQ(graph_->count_label(txn, kept), 3u);
  EXPECT_EQ(graph_->count_label(txn, person_), 4u);
  EXPECT_EQ(graph_->dictionary().find(txn, NameKind::kLabel, "Kept"), kept);
}

TEST_F(NestedTransactionTest, AParentSeesWhatItsCommittedChildChanged) {
  WriteTransaction parent = graph_->env().begin_write();
  // The parent caches its next label id and the index catalog...
  const LabelId first = graph_->dictionary().intern(parent, NameKind::kLabel, "First");
  EXPECT_TRUE(graph_->indexes().list(parent).empty());
  LabelId second = 0;
  {
    WriteTransaction child = parent.child();
    second = graph_->dictionary().intern(child, NameKind::kLabel, "Second");
    graph_->create_index(child, person_, name_, true);
    child.commit();
  }
  // ...and neither cache may hide what the child did.
  const LabelId third = graph_->dictionary().intern(parent, NameKind::kLabel, "Third");
  EXPECT_NE(third, first);
  EXPECT_NE(third, second);
  EXPECT_EQ(graph_->indexes().list(parent).size(), 1u);
  EXPECT_TRUE(graph_->indexes().find(parent, person_, name_).has_value());
  parent.commit();

  ReadTransaction txn = graph_->read();
  EXPECT_EQ(graph_->dictionary().name(txn, NameKind::kLabel, first), "First");
  EXPECT_EQ(graph_->dictionary().name(txn, NameKind::kLabel, second), "Second");
  EXPECT_EQ(graph_->dictionary().name(txn, NameKind::kLabel, third), "Third");
  EXPECT_EQ(graph_->indexes().list(txn).size(), 1u);
}

TEST_F(NestedTransactionTest, RestartGrowsTheMapWithoutLettingAnotherWriterIn) {
  WriteTransaction parent = graph_->env().begin_write();
  graph_->create_node(parent, {person_}, {{name_, Value("Bob")}});

  std::atomic<bool> other_committed{false};
  std::thread other([&] {
    graph_->write([&](WriteTransaction& txn) {
      graph_->create_node(txn, {person_}, {{name_, Value("Eve")}});
    });
    other_committed = true;
  });
  // Give the other writer time to queue on the writer lock.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));

  const std::size_t before = graph_->env().map_size();
  parent.restart(true);
  EXPECT_GT(graph_->env().map_size(), before);
  EXPECT_FALSE(other_committed.load());
  // Restarted afresh: Bob is gone and Eve has not come in.
  EXPECT_EQ(graph_->counters().node_count(parent), 1u);
  graph_->create_node(parent, {person_}, {{name_, Value("Bob")}});
  parent.commit();
  other.join();

  ReadTransaction txn = graph_->read();
  EXPECT_EQ(graph_->counters().node_count(txn), 3u);
}

}  // namespace
}  // namespace guanxi::storage
