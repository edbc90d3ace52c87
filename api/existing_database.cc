#include "api/existing_database.h"

#include <filesystem>
#include <system_error>

#include "guanxi/error.h"

namespace guanxi::api {

void require_existing(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw Error(ErrorCode::kNotFound, "database '" + path + "' does not exist");
  }
}

std::unique_ptr<storage::Graph> open_existing_graph(const std::string& path, bool read_only) {
  require_existing(path);
  storage::EnvironmentOptions options;
  options.create_if_missing = false;
  options.read_only = read_only;
  return storage::Graph::open(path, options);
}

}  // namespace guanxi::api
