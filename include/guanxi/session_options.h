// guanxi::SessionOptions: who is asking, and why, and how much memory each
// of the session's statements may hold.
//
// Plain data with no dependencies, so that the query layer carries the very
// struct the public API takes (Database::session) instead of a copy of it.
#pragma once

#include <cstdint>
#include <string>

namespace guanxi {

// Who is asking, and why. The purpose decides which tagged properties a
// session may see (privacy); the user is written to the audit log.
struct SessionOptions {
  std::string purpose;
  std::string user;
  // The most memory, in bytes, one statement of the session may hold in
  // what it buffers: sorted rows, groups and collect() lists, DISTINCT sets,
  // rows kept for later writes, path searches and large lists it builds. A
  // statement that needs more fails with Error (kLimit) "the statement needs
  // more than 2.0 GiB of memory (memory budget, --memory-budget)" and
  // changes nothing. Sizes are estimates close to what the allocator hands
  // out. 0: a quarter of the machine's physical memory (of the process's
  // control group limit when lower, as in a container), at least 256 MiB.
  std::uint64_t memory_budget = 0;
};

}  // namespace guanxi
