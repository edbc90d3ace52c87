// Turning the query and storage layers' exceptions into guanxi::Error, so
// nothing but guanxi::Error (and std::bad_alloc) crosses the public API.
#pragma once

#include <exception>
#include <utility>

#include "guanxi/error.h"

namespace guanxi::api {

// Rethrows the exception being handled as guanxi::Error: a QueryError keeps
// its code, message and position; a StorageError maps to the nearest code
// (kNotFound, kConstraint, kHasRelationships, kReadOnly, kCancelled, kInvalidArgument,
// otherwise kStorage); guanxi::Error passes unchanged; std::bad_alloc becomes
// kLimit "out of memory while running the statement"; any other
// std::exception becomes kStorage with its what(). Call only inside a catch
// block.
[[noreturn]] void rethrow_as_error();

// Runs `body`, translating its exceptions with rethrow_as_error().
template <typename Body>
auto translating_errors(Body&& body) -> decltype(body()) {
  try {
    return std::forward<Body>(body)();
  } catch (...) {
    rethrow_as_error();
  }
}

}  // namespace guanxi::api
