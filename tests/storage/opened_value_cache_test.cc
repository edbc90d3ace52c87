// OpenedValueCache (storage/opened_value_cache.h): a value is found again
// only for the very same sealing of the very same place, clear forgets
// everything, growing keeps what was remembered, a budget of 0 remembers
// nothing, and readers on several threads agree with what was remembered.
#include "storage/opened_value_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace guanxi::storage {
namespace {

// A box as the cipher makes one: 24-byte nonce, ciphertext, 16-byte tag.
Sealed sealing(unsigned char nonce, unsigned char tag = 0) {
  Sealed s;
  s.box.assign(24, static_cast<char>(nonce));
  s.box += "ciphertext";
  s.box.append(16, static_cast<char>(tag));
  return s;
}

constexpr std::size_t kBudget = std::size_t{8} << 20;

// Reads values 0..count-1 `passes` times, remembering each one missed, as
// the cipher does.
void read_through(OpenedValueCache& cache, std::uint64_t count, int passes) {
  for (int pass = 0; pass < passes; ++pass) {
    for (std::uint64_t id = 0; id < count; ++id) {
      if (!cache.find(SealedEntity::kNode, id, id, 1, sealing(1)))
        cache.remember(SealedEntity::kNode, id, id, 1, sealing(1), Value(std::int64_t(id)));
    }
  }
}

// How many of values 0..count-1 the cache finds; each found must be right.
std::uint64_t count_found(OpenedValueCache& cache, std::uint64_t count) {
  std::uint64_t found = 0;
  for (std::uint64_t id = 0; id < count; ++id) {
    if (auto v = cache.find(SealedEntity::kNode, id, id, 1, sealing(1))) {
      EXPECT_EQ(v->as_int(), std::int64_t(id));
      ++found;
    }
  }
  return found;
}

TEST(OpenedValueCache, FindsOnlyTheSameSealingOfTheSamePlace) {
  OpenedValueCache cache(kBudget);
  const Sealed s = sealing(1);
  EXPECT_FALSE(cache.find(SealedEntity::kNode, 7, 7, 3, s));
  cache.remember(SealedEntity::kNode, 7, 7, 3, s, Value("13800138000"));
  ASSERT_TRUE(cache.find(SealedEntity::kNode, 7, 7, 3, s));
  EXPECT_EQ(*cache.find(SealedEntity::kNode, 7, 7, 3, s), Value("13800138000"));
  // Another node, subject, property or entity kind, another nonce or tag:
  // not found.
  EXPECT_FALSE(cache.find(SealedEntity::kNode, 8, 8, 3, s));
  EXPECT_FALSE(cache.find(SealedEntity::kNode, 7, 8, 3, s));
  EXPECT_FALSE(cache.find(SealedEntity::kNode, 7, 7, 4, s));
  EXPECT_FALSE(cache.find(SealedEntity::kRelationship, 7, 7, 3, s));
  EXPECT_FALSE(cache.find(SealedEntity::kNode, 7, 7, 3, sealing(2)));
  EXPECT_FALSE(cache.find(SealedEntity::kNode, 7, 7, 3, sealing(1, 9)));
}

TEST(OpenedValueCache, ANewSealingOfAPlaceReplacesTheOld) {
  OpenedValueCache cache(kBudget);
  cache.remember(SealedEntity::kNode, 7, 7, 3, sealing(1), Value("old"));
  cache.remember(SealedEntity::kNode, 7, 7, 3, sealing(2), Value("new"));
  EXPECT_FALSE(cache.find(SealedEntity::kNode, 7, 7, 3, sealing(1)));
  EXPECT_EQ(*cache.find(SealedEntity::kNode, 7, 7, 3, sealing(2)), Value("new"));
}

TEST(OpenedValueCache, ClearForgetsEverything) {
  OpenedValueCache cache(kBudget);
  for (std::uint64_t id = 0; id < 1000; ++id)
    cache.remember(SealedEntity::kNode, id, id, 1, sealing(1), Value(std::int64_t(id)));
  cache.clear();
  for (std::uint64_t id = 0; id < 1000; ++id)
    EXPECT_FALSE(cache.find(SealedEntity::kNode, id, id, 1, sealing(1))) << id;
}

TEST(OpenedValueCache, AZeroBudgetRemembersNothing) {
  OpenedValueCache cache(0);
  cache.remember(SealedEntity::kNode, 7, 7, 3, sealing(1), Value("x"));
  EXPECT_FALSE(cache.find(SealedEntity::kNode, 7, 7, 3, sealing(1)));
}

TEST(OpenedValueCache, GrowsWhileMostReadsMissAndKeepsWhatItHolds) {
  OpenedValueCache cache(std::size_t{256} << 20);
  // More values than the first tables hold (64 x 1,024): while reads miss,
  // the tables grow, and a second pass finds nearly all of them.
  constexpr std::uint64_t kValues = 200'000;
  read_through(cache, kValues, 3);
  EXPECT_GT(count_found(cache, kValues), kValues * 95 / 100);
}

TEST(OpenedValueCache, ABudgetBoundsWhatItHolds) {
  // About 200 KB a shard, room for 1,024 entries of a hundred-odd bytes: a
  // small budget holds far fewer than were remembered, and what it finds is
  // still right.
  OpenedValueCache cache(std::size_t{64} * 2048 * 100);
  constexpr std::uint64_t kValues = 500'000;
  read_through(cache, kValues, 2);
  const std::uint64_t found = count_found(cache, kValues);
  EXPECT_LE(found, std::uint64_t{64} * 1024);
  EXPECT_GT(found, std::uint64_t{64} * 1024 / 2);
}

TEST(OpenedValueCache, ThreadsReadAndRememberAtOnce) {
  OpenedValueCache cache(kBudget);
  std::vector<std::thread> threads;
  threads.reserve(4);
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (std::uint64_t round = 0; round < 20'000; ++round) {
        const std::uint64_t id = (round * 7 + t) % 5'000;
        const Sealed s = sealing(static_cast<unsigned char>(id % 3));
        if (auto v = cache.find(SealedEntity::kNode, id, id, 1, s)) {
          if (v->as_string() != std::to_string(id) + "/" + std::to_string(id % 3)) ++wrong;
        } else {
          cache.remember(SealedEntity::kNode, id, id, 1, s,
                         Value(std::to_string(id) + "/" + std::to_string(id % 3)));
        }
        if (t == 0 && round % 5'000 == 0) cache.clear();
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace guanxi::storage
