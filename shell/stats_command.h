// `guanxi stats DB [--format text|json]`: node and relationship counts per
// label and type, out- and in-degree distributions, indexes, size on disk and
// bytes per relationship (storage/statistics.h).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "storage/statistics.h"

namespace guanxi::shell {

struct StatsArguments {
  std::string database;
  std::string format = "text";
};

CLI::App* add_stats_command(CLI::App& app, StatsArguments& arguments);

// Returns the exit code; throws CommandError / StorageError when the database
// cannot be opened.
int run_stats(const StatsArguments& arguments);

// The two renderings, exposed for tests: a table for people and one JSON
// object (keys: database, nodes, relationships, labels, types, indexes,
// out_degree, in_degree, bytes_on_disk, bytes_per_relationship).
std::string format_stats_text(const std::string& database, const storage::GraphStatistics& s);
std::string format_stats_json(const std::string& database, const storage::GraphStatistics& s);

}  // namespace guanxi::shell
