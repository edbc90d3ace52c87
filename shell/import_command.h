// `guanxi import DB --nodes[=Label[:Label...]] FILE... --relationships[=TYPE] FILE...
//                [--delimiter C] [--array-delimiter C] [--quote C] [--id-type auto|integer|string]`
//
// Loads CSV files with neo4j-admin import headers into a new or existing
// database in one transaction (guanxi::import, guanxi/import.h), with a progress bar
// on a terminal and a summary at the end. A bad row stops the import with
// "file:line: reason" and leaves the database as it was; a database the import
// itself created is removed again.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "guanxi/import.h"

namespace guanxi::shell {

struct ImportArguments {
  std::string database;
  std::vector<ImportGroup> nodes;
  std::vector<ImportGroup> relationships;
  std::string delimiter = ",";
  std::string array_delimiter = ";";
  std::string quote = "\"";
  std::string id_type = "auto";
  std::string encoding = "utf-8";
  bool allow_nodes_without_id = false;
  bool skip_duplicate_nodes = false;
  bool skip_duplicate_relationships = false;
};

// CLI11 cannot keep "--nodes=Person a.csv b.csv" groups apart, so they are
// taken out of the arguments before CLI11 sees them. `args` are the program's
// arguments without argv[0]; when the subcommand is `import`, every --nodes /
// --relationships group (with the files following it, up to the next option)
// is moved into `out` and the remaining arguments are returned. Accepted forms:
//   --nodes a.csv b.csv            files, no extra label
//   --nodes=Person a.csv b.csv     label Person (Person:Customer for two)
//   --nodes=a.csv                  files only, when no file follows
//   --nodes=Person=a.csv,b.csv     neo4j-admin 5 form
//   --nodes:Person a.csv           neo4j-admin 4 form (also --nodes:Person=a.csv)
// Files given as separate arguments each start with their own header line. A
// comma-separated list is neo4j-admin's "header.csv,part1.csv,...": the first
// file's first line is the header of the list and the other files hold data
// rows only (ImportGroup::header_file). Throws UsageError for a group without
// files or a relationship group with more than one type.
std::vector<std::string> extract_import_groups(const std::vector<std::string>& args,
                                               ImportArguments& out);

// Registers the `import` subcommand (options, validation, help text).
CLI::App* add_import_command(CLI::App& app, ImportArguments& arguments);

// Runs the import; returns the exit code. Throws CommandError / guanxi::Error
// for the caller to report.
int run_import(const ImportArguments& arguments);

// "," -> ','; "\t", "\\t", "TAB" (any case) -> tab; anything but one
// character is nullopt.
std::optional<char> parse_delimiter(const std::string& text);

}  // namespace guanxi::shell
