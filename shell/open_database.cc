#include "shell/open_database.h"

#include <filesystem>

#include "shell/command_error.h"

namespace guanxi::shell {

void check_existing_database(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (!fs::exists(status)) throw CommandError("database '" + dir + "' does not exist");
  if (!fs::is_directory(status)) {
    throw CommandError("'" + dir + "' is not a Guanxi database (not a directory)");
  }
  if (!fs::exists(fs::path(dir) / "data.mdb", ec)) {
    throw CommandError("'" + dir + "' is not a Guanxi database (no data.mdb in it)");
  }
}

Database open_existing_database(const std::string& dir, bool read_only) {
  check_existing_database(dir);
  Options options;
  options.create_if_missing = false;
  options.read_only = read_only;
  return Database::open(dir, options);
}

}  // namespace guanxi::shell
