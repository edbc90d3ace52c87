// `guanxi [DB] [-c QUERY]... [-f FILE] [--format F] [--param NAME=JSON]...`:
// the query shell. Interactive on a terminal; with -c, -f or piped input it
// runs a script, stops at the first error and exits 1. Without DB it works
// on a temporary database deleted at exit. A DB that does not exist is
// created only with --create, or interactively (saying so on stderr); a
// script on a missing DB fails, so a mistyped path never answers from an
// empty database.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace guanxi::shell {

struct ShellArguments {
  std::string database;
  std::vector<std::string> commands;  // -c, in order
  std::string file;                   // -f
  std::string format = "table";
  std::string encoding = "utf-8";   // --encoding, of csv and tsv output
  std::vector<std::string> params;  // NAME=JSON
  std::string purpose;
  std::string user;
  bool read_only = false;
  bool create = false;  // --create: make DB when it does not exist
  // --max-rows: rows printed per result; nullopt: 1000 interactively, all in scripts.
  std::optional<std::size_t> max_rows;
  bool no_pager = false;  // --no-pager
  bool timer = false;
  std::size_t map_size = 0;       // --map-size: starting map size, 0 for the default
  std::string file_mode = "600";  // --file-mode: octal permissions of new database files
  std::string key_file;           // --key-file: where the database's key file is
  std::string memory_budget;      // --memory-budget: "2GiB"; empty for the default
  std::string projection_cache;   // --projection-cache: "512MiB", "0"; empty for the default
};

// Adds the shell's positional DB and options to the main command.
void add_shell_options(CLI::App& app, ShellArguments& arguments);

// Runs the shell; returns the exit status (0, or 1 when a script failed).
// Throws CommandError / UsageError for the caller to report.
int run_shell(const ShellArguments& arguments);

}  // namespace guanxi::shell
