// `guanxi restore FILE DB [--force]`: rebuilds a database from a backup
// (guanxi::restore). Every checksum is checked before anything is written;
// the database appears whole or not at all; an existing database is replaced
// only with --force.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace guanxi::shell {

struct RestoreArguments {
  std::string file;
  std::string database;
  bool force = false;
  bool progress = true;
};

CLI::App* add_restore_command(CLI::App& app, RestoreArguments& arguments);

// Returns the exit code; throws guanxi::Error when the restore fails.
int run_restore(const RestoreArguments& arguments);

}  // namespace guanxi::shell
