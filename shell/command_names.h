// The names of the `guanxi` subcommands, in one place: the usage messages
// list them, and a database path that looks like a mistyped one is refused
// instead of becoming a new database.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace guanxi::shell {

// import, verify, stats, backup, restore, upgrade, dump, load, export.
const std::vector<std::string_view>& command_names();

// "import, verify, ..., export".
std::string command_list();

// The subcommand `word` probably meant: a bare word (no '/', no '.') one edit
// (insert, delete, substitute) away from a command name, two when it is
// longer than five characters. nullopt for anything that reads as a path.
std::optional<std::string_view> mistyped_command(std::string_view word);

}  // namespace guanxi::shell
