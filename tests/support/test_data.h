// The data sets in tests/data, for tests: their paths and their bytes.
// GUANXI_TEST_DATA is the absolute path of tests/data, set by CMake.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "storage/file_contents.h"

namespace guanxi::test_support {

// tests/data/<relative>.
inline std::filesystem::path test_data_path(std::string_view relative) {
  return std::filesystem::path(GUANXI_TEST_DATA) / relative;
}

// The whole file tests/data/<relative>, decompressed when its name ends in
// `.zst`. Throws storage::StorageError when it cannot be read.
inline std::string read_test_data(std::string_view relative) {
  const storage::FileContents file(test_data_path(relative));
  return std::string(file.data());
}

}  // namespace guanxi::test_support
