// Opening a database that must already exist, for the operations that work
// on a directory without a Database handle (backup, upgrade).
#pragma once

#include <memory>
#include <string>

#include "storage/graph.h"

namespace guanxi::api {

// Throws Error (kNotFound, "database 'path' does not exist") when nothing is
// at `path`.
void require_existing(const std::string& path);

// Opens the existing database in `path` without creating anything; read-only
// when `read_only`. Throws Error as require_existing, StorageError otherwise.
std::unique_ptr<storage::Graph> open_existing_graph(const std::string& path, bool read_only);

}  // namespace guanxi::api
