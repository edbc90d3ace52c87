// `guanxi export DB --format csv|jsonl|graphml|dot|html [--query Q] [--output PATH]`:
// the whole graph, or the nodes, relationships and paths a query returns, for
// other tools and for people (Database::export_graph, guanxi/export.h), read under a session's
// purpose like any query.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace guanxi::shell {

struct ExportArguments {
  std::string database;
  std::string format;
  std::string query;
  std::string output;
  bool force = false;
  std::string purpose;
  std::string user;
  std::string array_delimiter = ";";
  std::string title = "Guanxi network";
  std::string color_by;
  std::string size_by;
  std::string caption;
};

CLI::App* add_export_command(CLI::App& app, ExportArguments& arguments);

// Returns the exit code; throws CommandError, UsageError or guanxi::Error.
int run_export(const ExportArguments& arguments);

}  // namespace guanxi::shell
