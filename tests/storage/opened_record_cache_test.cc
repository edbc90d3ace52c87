// OpenedRecordCache (storage/opened_record_cache.h): a record is found only
// in the snapshot it was remembered for, a newer snapshot drops the older
// ones and an older one adds nothing, the budget bounds what it takes, clear
// forgets everything, and readers on several threads agree with what was
// remembered.
#include "storage/opened_record_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace guanxi::storage {
namespace {

constexpr std::size_t kBudget = std::size_t{8} << 20;

// A customer's record as the property reader keeps it: labels, an id and a
// phone (opened: plain).
NodeRecord customer(NodeId id) {
  NodeRecord record;
  record.labels = {1};
  record.properties = {Property{1, Value(std::int64_t(id))},
                       Property{2, Value("1380013" + std::to_string(1000 + id % 9000))}};
  return record;
}

// How many of nodes 0..count-1 the cache finds in `snapshot`; each found
// must be the record remembered.
std::uint64_t count_found(OpenedRecordCache& cache, std::uint64_t snapshot, NodeId count) {
  std::uint64_t found = 0;
  for (NodeId id = 0; id < count; ++id) {
    NodeRecord record;
    if (cache.find(snapshot, id, &record)) {
      EXPECT_EQ(record, customer(id));
      ++found;
    }
  }
  return found;
}

void remember_all(OpenedRecordCache& cache, std::uint64_t snapshot, NodeId count) {
  for (NodeId id = 0; id < count; ++id) cache.remember(snapshot, id, customer(id));
}

TEST(OpenedRecordCache, FindsARecordOnlyInItsSnapshot) {
  OpenedRecordCache cache(kBudget);
  NodeRecord record;
  EXPECT_FALSE(cache.find(5, 7, &record));
  cache.remember(5, 7, customer(7));
  ASSERT_TRUE(cache.find(5, 7, &record));
  EXPECT_EQ(record, customer(7));
  EXPECT_FALSE(cache.find(4, 7, &record));
  EXPECT_FALSE(cache.find(6, 7, &record));
  EXPECT_FALSE(cache.find(5, 8, &record));
}

TEST(OpenedRecordCache, MissLeavesTheOutputAlone) {
  OpenedRecordCache cache(kBudget);
  cache.remember(5, 7, customer(7));
  NodeRecord record = customer(99);
  EXPECT_FALSE(cache.find(5, 8, &record));
  EXPECT_EQ(record, customer(99));
}

TEST(OpenedRecordCache, ANewerSnapshotDropsTheOlderAndAnOlderOneAddsNothing) {
  OpenedRecordCache cache(kBudget);
  remember_all(cache, 10, 5000);
  EXPECT_EQ(count_found(cache, 10, 5000), 5000u);
  // A write committed: snapshot 11 is read and remembered.
  remember_all(cache, 11, 5000);
  EXPECT_EQ(count_found(cache, 10, 5000), 0u);
  EXPECT_EQ(count_found(cache, 11, 5000), 5000u);
  // A reader still in snapshot 10 does not bring it back.
  cache.remember(10, 6000, customer(6000));
  NodeRecord record;
  EXPECT_FALSE(cache.find(10, 6000, &record));
  EXPECT_FALSE(cache.find(11, 6000, &record));
}

TEST(OpenedRecordCache, KeepsNoNodeFromId2To30On) {
  OpenedRecordCache cache(kBudget);
  const NodeId last = (NodeId{1} << 30) - 1;
  cache.remember(1, last, customer(last));
  cache.remember(1, last + 1, customer(last + 1));
  NodeRecord record;
  EXPECT_TRUE(cache.find(1, last, &record));
  EXPECT_FALSE(cache.find(1, last + 1, &record));
}

TEST(OpenedRecordCache, ClearForgetsEverything) {
  OpenedRecordCache cache(kBudget);
  remember_all(cache, 3, 2000);
  cache.clear();
  EXPECT_EQ(count_found(cache, 3, 2000), 0u);
  // And it takes records again afterwards.
  remember_all(cache, 3, 2000);
  EXPECT_EQ(count_found(cache, 3, 2000), 2000u);
}

TEST(OpenedRecordCache, ZeroBudgetKeepsNothing) {
  OpenedRecordCache cache(0);
  remember_all(cache, 1, 100);
  EXPECT_EQ(count_found(cache, 1, 100), 0u);
}

TEST(OpenedRecordCache, TheBudgetBoundsWhatItTakesAndANewSnapshotStartsAfresh) {
  // 256 KiB: 16 KiB per shard, well short of 100,000 records.
  OpenedRecordCache cache(std::size_t{256} << 10);
  remember_all(cache, 1, 100'000);
  const std::uint64_t held = count_found(cache, 1, 100'000);
  EXPECT_GT(held, 1000u);
  EXPECT_LT(held, 10'000u);
  // The records it took first stay; a full shard refuses later ones.
  NodeRecord record;
  EXPECT_TRUE(cache.find(1, 0, &record));
  remember_all(cache, 2, 100);
  EXPECT_EQ(count_found(cache, 2, 100), 100u);
}

TEST(OpenedRecordCache, ThreadsReadWhatWasRememberedWhileOthersRemember) {
  OpenedRecordCache cache(kBudget);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, &wrong, t] {
      for (int pass = 0; pass < 3; ++pass) {
        for (NodeId id = t; id < 20'000; id += 2) {
          NodeRecord record;
          if (cache.find(9, id, &record)) {
            if (!(record == customer(id))) ++wrong;
          } else {
            cache.remember(9, id, customer(id));
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(count_found(cache, 9, 20'000), 20'000u);
}

}  // namespace
}  // namespace guanxi::storage
