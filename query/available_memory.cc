#include "query/available_memory.h"

#include <fstream>
#include <iterator>
#include <string>

namespace guanxi::query {

namespace {

// A limit file's number; "max" (v2) and v1's "no limit" (a number near
// 2^63) are no limit.
std::optional<std::uint64_t> read_limit(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string text;
  if (!(in >> text) || text == "max") return std::nullopt;
  try {
    std::size_t end = 0;
    const unsigned long long value = std::stoull(text, &end);
    if (end != text.size() || value >= (std::uint64_t{1} << 62)) return std::nullopt;
    return value;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::optional<std::uint64_t> cgroup_memory_limit(const std::filesystem::path& root,
                                                 std::string_view self_cgroup) {
  std::optional<std::uint64_t> limit;
  auto take = [&](std::optional<std::uint64_t> value) {
    if (value && (!limit || *value < limit)) limit = value;
  };
  // Lines "hierarchy:controllers:path"; v2's is "0::/path".
  std::size_t start = 0;
  while (start < self_cgroup.size()) {
    std::size_t end = self_cgroup.find('\n', start);
    if (end == std::string_view::npos) end = self_cgroup.size();
    const std::string_view line = self_cgroup.substr(start, end - start);
    start = end + 1;
    const std::size_t first = line.find(':');
    const std::size_t second = first == std::string_view::npos ? first : line.find(':', first + 1);
    if (second == std::string_view::npos) continue;
    const std::string_view controllers = line.substr(first + 1, second - first - 1);
    const std::filesystem::path group =
        std::filesystem::path(std::string(line.substr(second + 1))).relative_path();
    if (line.substr(0, first) == "0" && controllers.empty()) {
      for (std::filesystem::path p = group;; p = p.parent_path()) {
        take(read_limit(root / p / "memory.max"));
        if (p.empty()) break;
      }
    } else if (controllers.find("memory") != std::string_view::npos) {
      take(read_limit(root / "memory" / group / "memory.limit_in_bytes"));
    }
  }
  return limit;
}

std::optional<std::uint64_t> own_cgroup_memory_limit() {
  std::ifstream self("/proc/self/cgroup");
  const std::string membership((std::istreambuf_iterator<char>(self)),
                               std::istreambuf_iterator<char>());
  return cgroup_memory_limit("/sys/fs/cgroup", membership);
}

}  // namespace guanxi::query
