// `guanxi stats DB [--format text|json]`: node and relationship counts per
// label and type, out- and in-degree distributions, indexes, size on disk and
// bytes per relationship (Database::statistics, guanxi/maintenance.h).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "guanxi/maintenance.h"

namespace guanxi::shell {

struct StatsArguments {
  std::string database;
  std::string format = "text";
};

CLI::App* add_stats_command(CLI::App& app, StatsArguments& arguments);

// Returns the exit code; throws CommandError / guanxi::Error when the database
// cannot be opened.
int run_stats(const StatsArguments& arguments);

// The two renderings, exposed for tests: a table for people and one JSON
// object (keys: database, nodes, relationships, labels, types, indexes,
// out_degree, in_degree, bytes_on_disk, bytes_per_relationship).
std::string format_stats_text(const std::string& database, const Statistics& s);
std::string format_stats_json(const std::string& database, const Statistics& s);

}  // namespace guanxi::shell
