// IntIdMap, the importer's map from integer CSV ids to node positions, in each
// of its three forms: arithmetic (ids in node order), direct table, hashing.
#include <gtest/gtest.h>

#include "storage/id_space.h"

namespace guanxi::storage {
namespace {

struct Built {
  IntIdMap map;
  std::uint64_t duplicate = 0, first = 0;
};

Built build(const std::vector<std::int64_t>& keys, std::vector<std::uint64_t> values = {}) {
  if (values.empty()) {
    for (std::uint64_t i = 0; i < keys.size(); ++i) values.push_back(i);
  }
  Built b;
  b.map.build(keys, values, &b.duplicate, &b.first);
  return b;
}

TEST(IntIdMap, IdsInNodeOrderNeedNoTable) {
  auto b = build({1, 2, 3, 4, 5});  // 1..n
  EXPECT_EQ(b.duplicate, kNoId);
  EXPECT_EQ(b.map.find(1), 0u);
  EXPECT_EQ(b.map.find(5), 4u);
  EXPECT_EQ(b.map.find(0), kNoId);
  EXPECT_EQ(b.map.find(6), kNoId);
  EXPECT_EQ(b.map.find(std::numeric_limits<std::int64_t>::min()), kNoId);
  // The same shape at the far ends of int64 and after a gap in the values.
  auto far = build({-3, -2, -1}, {10, 11, 12});
  EXPECT_EQ(far.map.find(-2), 11u);
  EXPECT_EQ(far.map.find(0), kNoId);
  auto top = build(
      {std::numeric_limits<std::int64_t>::max() - 1, std::numeric_limits<std::int64_t>::max()});
  EXPECT_EQ(top.map.find(std::numeric_limits<std::int64_t>::max()), 1u);
  EXPECT_EQ(top.map.find(std::numeric_limits<std::int64_t>::min()), kNoId);
}

TEST(IntIdMap, DenseShuffledIdsUseTheTable) {
  auto b = build({4, 2, 9, 0, 7});
  EXPECT_EQ(b.duplicate, kNoId);
  EXPECT_EQ(b.map.find(4), 0u);
  EXPECT_EQ(b.map.find(9), 2u);
  EXPECT_EQ(b.map.find(7), 4u);
  EXPECT_EQ(b.map.find(1), kNoId);
  EXPECT_EQ(b.map.find(100), kNoId);
}

TEST(IntIdMap, SparseIdsAreHashed) {
  auto b = build({std::int64_t{1} << 50, -(std::int64_t{1} << 40), 17, std::int64_t{3} << 45});
  EXPECT_EQ(b.duplicate, kNoId);
  EXPECT_EQ(b.map.find(std::int64_t{1} << 50), 0u);
  EXPECT_EQ(b.map.find(-(std::int64_t{1} << 40)), 1u);
  EXPECT_EQ(b.map.find(17), 2u);
  EXPECT_EQ(b.map.find(18), kNoId);
}

TEST(IntIdMap, RepeatedIdIsReportedWithItsFirstOccurrence) {
  auto dense = build({3, 1, 2, 1});
  EXPECT_EQ(dense.duplicate, 3u);
  EXPECT_EQ(dense.first, 1u);
  auto sparse = build({std::int64_t{1} << 50, 5, std::int64_t{1} << 50});
  EXPECT_EQ(sparse.duplicate, 2u);
  EXPECT_EQ(sparse.first, 0u);
  // In node order but for one repeat: not affine, so the repeat is found.
  auto almost = build({0, 1, 2, 2});
  EXPECT_EQ(almost.duplicate, 3u);
  EXPECT_EQ(almost.first, 2u);
}

}  // namespace
}  // namespace guanxi::storage
