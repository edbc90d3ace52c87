// Opening a database that must already exist (verify, stats, backup, dump,
// export): a missing or foreign directory is a clear error, and nothing is
// created.
#pragma once

#include <string>

#include "guanxi/database.h"

namespace guanxi::shell {

// Throws CommandError when `dir` does not exist, is not a directory, or holds
// no Guanxi database (no data.mdb in it).
void check_existing_database(const std::string& dir);

// check_existing_database, then opens the database in `dir`, read-only unless
// `read_only` is false. A guanxi::Error from the library (foreign, newer or
// older format) propagates.
Database open_existing_database(const std::string& dir, bool read_only = true);

}  // namespace guanxi::shell
