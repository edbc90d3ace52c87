// `guanxi upgrade DB [--backup FILE]`: brings a database of an older on-disk
// format to this build's format (guanxi::upgrade), after taking a
// backup of it; prints the steps it ran.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace guanxi::shell {

struct UpgradeArguments {
  std::string database;
  std::string backup_file;
};

CLI::App* add_upgrade_command(CLI::App& app, UpgradeArguments& arguments);

// Returns the exit code; throws CommandError or guanxi::Error.
int run_upgrade(const UpgradeArguments& arguments);

}  // namespace guanxi::shell
