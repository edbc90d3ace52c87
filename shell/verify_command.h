// `guanxi verify DB [--max-problems N]`: runs the integrity check
// (Database::verify) over the whole database and prints each problem as
// "table: message". `guanxi verify FILE` checks a backup file instead
// (guanxi::verify_backup), printing each problem as "where: message". Exit 0
// with a one-line OK summary when clean, 1 when problems were found.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>

namespace guanxi::shell {

struct VerifyArguments {
  std::string database;
  std::size_t max_problems = 1000;
};

CLI::App* add_verify_command(CLI::App& app, VerifyArguments& arguments);

// Returns the exit code; throws CommandError / guanxi::Error when the database
// cannot be opened.
int run_verify(const VerifyArguments& arguments);

}  // namespace guanxi::shell
