// guanxi::SessionOptions: who is asking, and why.
//
// Plain data with no dependencies, so that the query layer carries the very
// struct the public API takes (Database::session) instead of a copy of it.
#pragma once

#include <string>

namespace guanxi {

// Who is asking, and why. The purpose decides which tagged properties a
// session may see (privacy); the user is written to the audit log.
struct SessionOptions {
  std::string purpose;
  std::string user;
};

}  // namespace guanxi
