// `guanxi dump DB [--output FILE]`: the database as a stable Cypher script
// (Database::dump, guanxi/dump.h) on standard output or into FILE (written
// whole or not at all); `guanxi load` or `guanxi NEWDB -f FILE` loads it back.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>

namespace guanxi::shell {

struct DumpArguments {
  std::string database;
  std::string output;
  bool force = false;
  std::size_t batch_size = 1000;
  std::string purpose;
  std::string user;
};

CLI::App* add_dump_command(CLI::App& app, DumpArguments& arguments);

// Returns the exit code; throws CommandError or guanxi::Error.
int run_dump(const DumpArguments& arguments);

}  // namespace guanxi::shell
