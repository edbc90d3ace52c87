// expect_storage_error(f): runs f and returns the StorageError it throws; the
// test fails when f throws nothing or something else.
#pragma once

#include <gtest/gtest.h>

#include <exception>

#include "storage/error.h"

namespace guanxi::storage::testing {

template <typename F>
StorageError expect_storage_error(F&& f) {
  try {
    f();
  } catch (const StorageError& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "threw a non-storage exception: " << e.what();
    return StorageError(ErrorCode::kCancelled, "wrong exception");
  }
  ADD_FAILURE() << "threw nothing";
  return StorageError(ErrorCode::kCancelled, "no exception");
}

}  // namespace guanxi::storage::testing
