#include "storage/statistics.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

namespace fs = std::filesystem;

class StatisticsTest : public ::testing::Test {
 protected:
  test_support::TempGraph graph_;
};

TEST(SummarizeDegreesTest, EmptyInputIsAllZero) {
  DegreeDistribution d = summarize_degrees({});
  EXPECT_EQ(d.min, 0u);
  EXPECT_EQ(d.max, 0u);
  EXPECT_EQ(d.mean, 0.0);
  EXPECT_EQ(d.median, 0u);
  EXPECT_TRUE(d.histogram.empty());
}

TEST(SummarizeDegreesTest, PercentilesAndPowerOfTwoBuckets) {
  // 100 values: 0 x10, 1 x40, 2 x20, 3 x20, 5 x9, 100 x1.
  std::vector<std::uint64_t> v;
  v.insert(v.end(), 10, 0);
  v.insert(v.end(), 40, 1);
  v.insert(v.end(), 20, 2);
  v.insert(v.end(), 20, 3);
  v.insert(v.end(), 9, 5);
  v.push_back(100);
  DegreeDistribution d = summarize_degrees(v);
  EXPECT_EQ(d.min, 0u);
  EXPECT_EQ(d.max, 100u);
  EXPECT_DOUBLE_EQ(d.mean, (40 + 40 + 60 + 45 + 100) / 100.0);
  EXPECT_EQ(d.median, 1u);  // the 50th value
  EXPECT_EQ(d.p90, 3u);     // the 90th value
  EXPECT_EQ(d.p99, 5u);     // the 99th value
  using Bucket = std::pair<std::uint64_t, std::uint64_t>;
  // [0,1) 10, [1,2) 40, [2,4) 40, [4,8) 9, [64,128) 1; empty buckets left out.
  EXPECT_EQ(d.histogram, (std::vector<Bucket>{{1, 10}, {2, 40}, {4, 40}, {8, 9}, {128, 1}}));
}

TEST_F(StatisticsTest, EmptyDatabase) {
  GraphStatistics s = compute_statistics(*graph_);
  EXPECT_EQ(s.nodes, 0u);
  EXPECT_EQ(s.relationships, 0u);
  EXPECT_TRUE(s.labels.empty());
  EXPECT_TRUE(s.types.empty());
  EXPECT_TRUE(s.indexes.empty());
  EXPECT_TRUE(s.out_degree.histogram.empty());
  EXPECT_GT(s.bytes_on_disk, 0u);
}

TEST_F(StatisticsTest, CountsDegreesAndIndexes) {
  // Four Person nodes (one also a Customer), one Tag; a star of KNOWS relationships out
  // of node 0, one LIKES relationship, and a self loop.
  std::vector<NodeId> n;
  graph_->write([&](WriteTransaction& txn) {
    Dictionary& dict = graph_->dictionary();
    const LabelId person = dict.intern(txn, NameKind::kLabel, "Person");
    const LabelId customer = dict.intern(txn, NameKind::kLabel, "Customer");
    const LabelId tag = dict.intern(txn, NameKind::kLabel, "Tag");
    dict.intern(txn, NameKind::kLabel, "Unused");
    const TypeId knows = dict.intern(txn, NameKind::kType, "KNOWS");
    const TypeId likes = dict.intern(txn, NameKind::kType, "LIKES");
    const PropertyKeyId name = dict.intern(txn, NameKind::kPropertyKey, "name");
    n.push_back(graph_->create_node(txn, {person, customer}, {}));
    n.push_back(graph_->create_node(txn, {person}, {}));
    n.push_back(graph_->create_node(txn, {person}, {}));
    n.push_back(graph_->create_node(txn, {person}, {}));
    n.push_back(graph_->create_node(txn, {tag}, {}));
    graph_->create_relationship(txn, n[0], n[1], knows, {});
    graph_->create_relationship(txn, n[0], n[2], knows, {});
    graph_->create_relationship(txn, n[0], n[3], knows, {});
    graph_->create_relationship(txn, n[1], n[4], likes, {});
    graph_->create_relationship(txn, n[2], n[2], knows, {});
    graph_->create_index(txn, person, name, true);
    graph_->create_index(txn, tag, name, false);
  });

  GraphStatistics s = compute_statistics(*graph_);
  EXPECT_EQ(s.nodes, 5u);
  EXPECT_EQ(s.relationships, 5u);
  using Count = std::pair<std::string, std::uint64_t>;
  EXPECT_EQ(s.labels, (std::vector<Count>{{"Person", 4}, {"Customer", 1}, {"Tag", 1}}));
  EXPECT_EQ(s.types, (std::vector<Count>{{"KNOWS", 4}, {"LIKES", 1}}));
  EXPECT_EQ(s.indexes, (std::vector<std::string>{":Person(name) UNIQUE", ":Tag(name)"}));

  // Out-degrees: 3, 1, 1, 0, 0. In-degrees: 0, 1, 2, 1, 1.
  EXPECT_EQ(s.out_degree.min, 0u);
  EXPECT_EQ(s.out_degree.max, 3u);
  EXPECT_DOUBLE_EQ(s.out_degree.mean, 1.0);
  EXPECT_EQ(s.out_degree.median, 1u);
  using Bucket = std::pair<std::uint64_t, std::uint64_t>;
  EXPECT_EQ(s.out_degree.histogram, (std::vector<Bucket>{{1, 2}, {2, 2}, {4, 1}}));
  EXPECT_EQ(s.in_degree.min, 0u);
  EXPECT_EQ(s.in_degree.max, 2u);
  EXPECT_EQ(s.in_degree.median, 1u);
  EXPECT_EQ(s.in_degree.histogram, (std::vector<Bucket>{{1, 1}, {2, 3}, {4, 1}}));
}

TEST_F(StatisticsTest, FollowsDeletes) {
  std::vector<NodeId> n;
  RelationshipId relationship = 0;
  TypeId knows = 0;
  graph_->write([&](WriteTransaction& txn) {
    const LabelId person = graph_->dictionary().intern(txn, NameKind::kLabel, "Person");
    knows = graph_->dictionary().intern(txn, NameKind::kType, "KNOWS");
    for (int i = 0; i < 3; ++i) n.push_back(graph_->create_node(txn, {person}, {}));
    relationship = graph_->create_relationship(txn, n[0], n[1], knows, {});
    graph_->create_relationship(txn, n[1], n[2], knows, {});
  });
  graph_->write([&](WriteTransaction& txn) {
    graph_->delete_relationship(txn, {relationship, n[0], n[1], knows});
    graph_->delete_node(txn, n[0]);
  });
  GraphStatistics s = compute_statistics(*graph_);
  EXPECT_EQ(s.nodes, 2u);
  EXPECT_EQ(s.relationships, 1u);
  using Count = std::pair<std::string, std::uint64_t>;
  EXPECT_EQ(s.labels, (std::vector<Count>{{"Person", 2}}));
  EXPECT_EQ(s.types, (std::vector<Count>{{"KNOWS", 1}}));
  // Remaining nodes 1 (out 1, in 0) and 2 (out 0, in 1).
  EXPECT_EQ(s.out_degree.max, 1u);
  EXPECT_EQ(s.out_degree.min, 0u);
  EXPECT_DOUBLE_EQ(s.out_degree.mean, 0.5);
  EXPECT_DOUBLE_EQ(s.in_degree.mean, 0.5);
}

}  // namespace
}  // namespace guanxi::storage
