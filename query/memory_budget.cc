#include "query/memory_budget.h"

#include <unistd.h>

#include <cstdio>

#include "query/available_memory.h"
#include "query/query_error.h"

namespace guanxi::query {

namespace {

// A quarter of the physical memory, or of the control group's limit when it
// is lower (a container), at least 256 MiB.
std::uint64_t read_default_memory_budget() {
  constexpr std::uint64_t kMinimum = kLeastDefaultMemoryBudget;
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return kMinimum;
  std::uint64_t memory = static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page_size);
  // In a container, what its control group lets the process hold.
  if (auto limit = own_cgroup_memory_limit(); limit && *limit < memory) memory = *limit;
  const std::uint64_t quarter = memory / 4;
  return quarter > kMinimum ? quarter : kMinimum;
}

}  // namespace

std::uint64_t default_memory_budget() {
  // Every statement without a configured budget asks, and reading the
  // control group's files was most of what a small statement cost: a script
  // of 2,000 `RETURN 1` took 98 ms in the shell, 40 ms reading them once.
  static const std::uint64_t budget = read_default_memory_budget();
  return budget;
}

std::string format_byte_size(std::uint64_t bytes) {
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  double value = static_cast<double>(bytes) / 1024.0;
  int unit = 0;
  while (value >= 1024.0 && unit < 5) {
    value /= 1024.0;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
  return text;
}

MemoryBudget::MemoryBudget(std::uint64_t limit)
    : limit_(limit != 0 ? limit : kLeastDefaultMemoryBudget), default_unread_(limit == 0) {}

std::uint64_t MemoryBudget::limit() const {
  if (default_unread_) {
    limit_ = default_memory_budget();
    default_unread_ = false;
  }
  return limit_;
}

void MemoryBudget::make_room(std::uint64_t bytes) const {
  // The limit only grows when read, so what is held stays under it.
  if (default_unread_ && bytes <= limit() - held_) return;
  exceeded();
}

void MemoryBudget::exceeded() const {
  throw QueryError(QueryErrorCode::kLimit, "the statement needs more than " +
                                               format_byte_size(limit()) +
                                               " of memory (memory budget, --memory-budget)");
}

}  // namespace guanxi::query
