// Opening a database that must already exist (verify, stats): a missing or
// foreign directory is a clear error, and nothing is created.
#pragma once

#include <memory>
#include <string>

#include "storage/graph.h"

namespace guanxi::shell {

// Opens the database in `dir`, read-only unless `read_only` is false. Throws
// CommandError when `dir` does not exist, is not a directory, or holds no
// Guanxi database; a StorageError from the engine (foreign, newer or older
// format) propagates.
std::unique_ptr<storage::Graph> open_existing_database(const std::string& dir,
                                                       bool read_only = true);

}  // namespace guanxi::shell
