// `guanxi compact DB`: rewrites a database that no process has open into a
// data file holding only its live pages (guanxi::compact): the room of
// deleted records comes back, and values written before a tag covered them
// leave the file. Prints the size before and after.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace guanxi::shell {

struct CompactArguments {
  std::string database;
};

CLI::App* add_compact_command(CLI::App& app, CompactArguments& arguments);

// Returns the exit code; throws CommandError or guanxi::Error.
int run_compact(const CompactArguments& arguments);

}  // namespace guanxi::shell
