// Estimates of the memory a value or a row takes, for the statement's
// MemoryBudget (memory_budget.h).
//
// An estimate counts what the allocator hands out: the inline size of the
// value, and for each heap block (a long string, a list's or a map's
// elements, a path's node and relationship arrays) its capacity rounded up
// the way glibc's malloc rounds a request, header included. Large values are
// not walked whole: after kFootprintVisits nested values the rest of a list
// or map is taken to be like the part already seen, so an estimate costs a
// bounded number of steps however large the value is.
#pragma once

#include <cstddef>
#include <cstdint>

#include "query/memory_budget.h"
#include "query/value.h"

namespace guanxi::query {

inline constexpr int kFootprintVisits = 256;

// The heap bytes `value` owns beyond its own sizeof(Value).
std::uint64_t value_heap_bytes(const Value& value);

// The bytes of a value held on its own: sizeof(Value) plus its heap bytes.
inline std::uint64_t value_footprint(const Value& value) {
  return sizeof(Value) + value_heap_bytes(value);
}

// The heap bytes a row owns: its block of values and their heap bytes (the
// vector object itself not included: it sits where the row is kept).
std::uint64_t row_heap_bytes(const Row& row);

}  // namespace guanxi::query
