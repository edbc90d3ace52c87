// `guanxi load DB FILE`: loads a dump (guanxi::load) into a database,
// creating it when missing, in one transaction with a progress bar.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace guanxi::shell {

struct LoadArguments {
  std::string database;
  std::string file;
};

CLI::App* add_load_command(CLI::App& app, LoadArguments& arguments);

// Returns the exit code; throws CommandError or guanxi::Error.
int run_load(const LoadArguments& arguments);

}  // namespace guanxi::shell
