#include "shell/command_names.h"

#include <algorithm>
#include <numeric>

namespace guanxi::shell {

namespace {

// Levenshtein distance; the words are short, so one row of a small table.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

const std::vector<std::string_view>& command_names() {
  static const std::vector<std::string_view> names = {"import",  "verify",  "stats",   "backup",
                                                      "restore", "upgrade", "compact", "dump",
                                                      "load",    "export"};
  return names;
}

std::string command_list() {
  std::string list;
  for (std::string_view name : command_names()) {
    if (!list.empty()) list += ", ";
    list += name;
  }
  return list;
}

std::optional<std::string_view> mistyped_command(std::string_view word) {
  if (word.empty() || word.find_first_of("/.") != std::string_view::npos) return std::nullopt;
  // Short words get one edit, so a database called `demo` is not `dump`.
  std::optional<std::string_view> best;
  std::size_t best_distance = word.size() <= 5 ? 2 : 3;
  for (std::string_view name : command_names()) {
    const std::size_t d = edit_distance(word, name);
    if (d < best_distance) best = name, best_distance = d;
  }
  return best;
}

}  // namespace guanxi::shell
