// MemoryBudget and MemoryCharge (query/memory_budget.h), the size
// estimates of values (query/value_footprint.h), and the budget as the
// engine applies it to a session's statements.
#include "query/memory_budget.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "query/available_memory.h"
#include "query/value_footprint.h"
#include "tests/query/engine_fixture.h"
#include "tests/support/temp_dir.h"

namespace guanxi::query {
namespace {

TEST(MemoryBudget, HoldsUpToItsLimitAndFailsPastItNamingIt) {
  MemoryBudget budget(1000);
  budget.hold(600);
  budget.hold(400);
  EXPECT_EQ(budget.held(), 1000u);
  try {
    budget.hold(1);
    FAIL() << "no error past the limit";
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), QueryErrorCode::kLimit);
    EXPECT_EQ(e.message(),
              "the statement needs more than 1000 bytes of memory (memory budget, "
              "--memory-budget)");
  }
  EXPECT_EQ(budget.held(), 1000u);  // the failed hold counted nothing
  budget.release(700);
  EXPECT_EQ(budget.held(), 300u);
  EXPECT_EQ(budget.peak(), 1000u);
  budget.release(5000);  // never below zero
  EXPECT_EQ(budget.held(), 0u);
}

TEST(MemoryBudget, CheckRoomCountsNothing) {
  MemoryBudget budget(100);
  budget.hold(60);
  budget.check_room(40);
  EXPECT_THROW(budget.check_room(41), QueryError);
  EXPECT_EQ(budget.held(), 60u);
}

TEST(MemoryBudget, ZeroMeansTheDefaultAQuarterOfMemoryAtLeast256MiB) {
  EXPECT_GE(default_memory_budget(), std::uint64_t{256} << 20);
  EXPECT_EQ(MemoryBudget(0).limit(), default_memory_budget());
  EXPECT_EQ(MemoryBudget(12345).limit(), 12345u);
}

TEST(MemoryBudget, TheDefaultHoldsPastItsLeastOnceRead) {
  // The default is read only when a statement passes the least it can be;
  // holding past that must then be judged against the real default.
  const std::uint64_t limit = default_memory_budget();
  MemoryBudget budget(0);
  budget.hold(kLeastDefaultMemoryBudget / 2);
  budget.hold(limit - kLeastDefaultMemoryBudget / 2);
  EXPECT_EQ(budget.held(), limit);
  EXPECT_THROW(budget.hold(1), QueryError);
  EXPECT_EQ(budget.held(), limit);

  MemoryBudget checked(0);
  checked.check_room(limit);
  EXPECT_THROW(checked.check_room(limit + 1), QueryError);
  try {
    MemoryBudget(0).hold(limit + 1);
    ADD_FAILURE() << "held more than the default budget";
  } catch (const QueryError& e) {
    // The error names the default, not the least it could have been.
    EXPECT_NE(std::string(e.what()).find(format_byte_size(limit)), std::string::npos) << e.what();
  }
}

TEST(MemoryBudget, FormatsSizesInBinaryUnits) {
  EXPECT_EQ(format_byte_size(1), "1 byte");
  EXPECT_EQ(format_byte_size(1023), "1023 bytes");
  EXPECT_EQ(format_byte_size(1024), "1.0 KiB");
  EXPECT_EQ(format_byte_size(1536), "1.5 KiB");
  EXPECT_EQ(format_byte_size(std::uint64_t{2} << 30), "2.0 GiB");
  EXPECT_EQ(format_byte_size(std::uint64_t{512} << 20), "512.0 MiB");
}

TEST(MemoryCharge, AddsInBatchesAndGivesEverythingBack) {
  MemoryBudget budget(1 << 20);
  {
    MemoryCharge charge(&budget);
    charge.add(100);
    EXPECT_EQ(budget.held(), 0u);  // below a batch: not passed on yet
    charge.add(MemoryCharge::kBatch);
    EXPECT_EQ(budget.held(), MemoryCharge::kBatch + 100);
    charge.add_now(10);
    EXPECT_EQ(budget.held(), MemoryCharge::kBatch + 110);
    charge.remove(110);
    EXPECT_EQ(budget.held(), MemoryCharge::kBatch);
    EXPECT_EQ(charge.total(), MemoryCharge::kBatch);
  }
  EXPECT_EQ(budget.held(), 0u);
}

TEST(MemoryCharge, FailsWhenABatchPassesTheBudget) {
  MemoryBudget budget(MemoryCharge::kBatch);
  MemoryCharge charge(&budget);
  charge.add(MemoryCharge::kBatch);
  EXPECT_THROW(charge.add(MemoryCharge::kBatch), QueryError);
  charge.clear();
  EXPECT_EQ(budget.held(), 0u);
}

TEST(MemoryCharge, ReserveOneMoreCountsTheGrownBlockBeforeItExists) {
  MemoryBudget budget(1 << 20);
  MemoryCharge charge(&budget);
  std::vector<std::uint64_t> v;
  for (std::uint64_t i = 0; i < 1000; ++i) {
    reserve_one_more(v, charge);
    v.push_back(i);
  }
  EXPECT_EQ(charge.total(), heap_block_bytes(v.capacity() * sizeof(std::uint64_t)));
  // Past the budget the vector does not grow.
  MemoryBudget tiny(100);
  MemoryCharge small(&tiny);
  std::vector<std::uint64_t> w(16);
  EXPECT_THROW(reserve_one_more(w, small), QueryError);
  EXPECT_EQ(w.capacity(), 16u);
}

TEST(ValueFootprint, CountsHeapBlocksOfStringsListsAndMaps) {
  EXPECT_EQ(value_heap_bytes(Value(42)), 0u);
  EXPECT_EQ(value_heap_bytes(Value("short")), 0u);  // inside the string object
  const std::string long_text(100, 'x');
  EXPECT_EQ(value_heap_bytes(Value(long_text)), heap_block_bytes(101));
  List list;
  list.reserve(3);
  for (int i = 0; i < 3; ++i) list.emplace_back(long_text);
  EXPECT_EQ(value_heap_bytes(Value(list)),
            heap_block_bytes(3 * sizeof(Value)) + 3 * heap_block_bytes(101));
  const Value map = Value::map({{"a", Value(long_text)}});
  EXPECT_GE(value_heap_bytes(map), heap_block_bytes(101));
  EXPECT_EQ(value_footprint(Value(1.5)), sizeof(Value));
}

TEST(ValueFootprint, LargeListsAreEstimatedFromASample) {
  const std::string long_text(100, 'x');
  List list(100000, Value(long_text));
  const std::uint64_t exact =
      heap_block_bytes(list.capacity() * sizeof(Value)) + 100000 * heap_block_bytes(101);
  EXPECT_EQ(value_heap_bytes(Value(list)), exact);  // all elements alike
  Row row{Value(1), Value(long_text)};
  EXPECT_EQ(row_heap_bytes(row), heap_block_bytes(2 * sizeof(Value)) + heap_block_bytes(101));
}

class MemoryBudgetEngineTest : public testing::EngineTest {};

TEST_F(MemoryBudgetEngineTest, TheSessionsBudgetStopsASortAndTheSessionRunsOn) {
  SessionOptions options{"", "test", std::uint64_t{2} << 20};
  Session small(engine_, options);
  try {
    auto result = small.run("UNWIND range(1, 100000) AS x RETURN x ORDER BY x DESC");
    std::vector<Value> row;
    while (result->next(row)) {
    }
    FAIL() << "no error";
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), QueryErrorCode::kLimit);
    EXPECT_NE(e.message().find("2.0 MiB"), std::string::npos) << e.message();
  }
  auto result = small.run("UNWIND range(1, 1000) AS x RETURN x ORDER BY x DESC");
  std::vector<Value> row;
  ASSERT_TRUE(result->next(row));
  EXPECT_EQ(row.at(0), Value(1000));
  // The engine's own session has the default budget: the same sort runs.
  EXPECT_EQ(rows("UNWIND range(1, 100000) AS x RETURN x ORDER BY x DESC LIMIT 1").at(0), "100000");
}

}  // namespace
TEST(CgroupMemoryLimit, TheSmallestLimitOfTheGroupAndItsAncestors) {
  test_support::TempDir root;
  auto write = [&](const std::filesystem::path& file, const std::string& text) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << text << "\n";
  };
  write(root.path() / "memory.max", "max");
  write(root.path() / "system.slice" / "memory.max", "8589934592");
  write(root.path() / "system.slice" / "db.service" / "memory.max", "max");
  EXPECT_EQ(cgroup_memory_limit(root.path(), "0::/system.slice/db.service\n"), 8589934592u);
  write(root.path() / "system.slice" / "db.service" / "memory.max", "1073741824");
  EXPECT_EQ(cgroup_memory_limit(root.path(), "0::/system.slice/db.service\n"), 1073741824u);
  EXPECT_EQ(cgroup_memory_limit(root.path(), "0::/\n"), std::nullopt);
  EXPECT_EQ(cgroup_memory_limit(root.path(), ""), std::nullopt);
  EXPECT_EQ(cgroup_memory_limit(root.path(), "0::/no/such/group\n"), std::nullopt);
}

TEST(CgroupMemoryLimit, VersionOneMemoryController) {
  test_support::TempDir root;
  std::filesystem::create_directories(root.path() / "memory" / "docker" / "abc");
  std::ofstream(root.path() / "memory" / "docker" / "abc" / "memory.limit_in_bytes")
      << "536870912\n";
  EXPECT_EQ(cgroup_memory_limit(root.path(), "12:cpu,cpuacct:/docker/abc\n9:memory:/docker/abc\n"),
            536870912u);
  std::ofstream(root.path() / "memory" / "docker" / "abc" / "memory.limit_in_bytes")
      << "9223372036854771712\n";
  EXPECT_EQ(cgroup_memory_limit(root.path(), "9:memory:/docker/abc\n"), std::nullopt);
}

}  // namespace guanxi::query
