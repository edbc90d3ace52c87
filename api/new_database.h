// Filling a database by path (guanxi::import, guanxi::load): the database is
// opened, created when missing, and a failure leaves nothing behind, not even
// the directory this call created.
#pragma once

#include <filesystem>
#include <string>
#include <system_error>
#include <utility>

#include "guanxi/database.h"

namespace guanxi::api {

// Opens (or creates) the database in `path` and returns fill(database). When
// fill or the open throws and `path` did not exist before, removes it again.
template <typename Fill>
auto fill_database(const std::string& path, Fill&& fill)
    -> decltype(fill(std::declval<Database&>())) {
  std::error_code ec;
  const bool existed = std::filesystem::exists(path, ec);
  try {
    Database db = Database::open(path);
    return fill(db);
  } catch (...) {
    if (!existed) std::filesystem::remove_all(path, ec);
    throw;
  }
}

}  // namespace guanxi::api
