#include "shell/import_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <utility>

#include "shell/command_error.h"
#include "shell/progress_bar.h"
#include "shell/text_format.h"

namespace guanxi::shell {

namespace fs = std::filesystem;

namespace {

bool is_option(const std::string& arg) { return arg.size() > 1 && arg[0] == '-'; }

// Splits "a.csv,b.csv" at commas; empty pieces are ignored.
std::vector<std::string> split_files(const std::string& list) {
  std::vector<std::string> files;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    if (comma > start) files.emplace_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return files;
}

// Turns the file arguments of one --nodes / --relationships option into
// import groups, in order. Plain file arguments (each with its own header
// line) share a group; a comma-separated list is neo4j-admin's
// "header.csv,part1.csv,...": its first file holds the header line and the
// others data rows only, so it becomes a group of its own.
void add_groups(const std::string& label, const std::vector<std::string>& file_args,
                std::vector<ImportGroup>& groups) {
  ImportGroup plain{label, {}, {}};
  for (const std::string& arg : file_args) {
    std::vector<std::string> files = split_files(arg);
    if (files.size() == 1) {
      plain.files.push_back(std::move(files[0]));
    } else if (files.size() > 1) {
      if (!plain.files.empty()) groups.push_back(std::exchange(plain, {label, {}, {}}));
      ImportGroup with_header{label, {}, files[0]};
      with_header.files.assign(files.begin() + 1, files.end());
      groups.push_back(std::move(with_header));
    }
  }
  if (!plain.files.empty()) groups.push_back(std::move(plain));
}

struct GroupOption {
  bool nodes;            // --nodes or --relationships
  std::string attached;  // what follows "--nodes" (":Label", "=X", or "")
};

// Recognizes --nodes, --nodes=..., --nodes:...; likewise for --relationships.
std::optional<GroupOption> group_option(const std::string& arg) {
  for (const auto& [name, nodes] : {std::pair<std::string_view, bool>{"--nodes", true},
                                    std::pair<std::string_view, bool>{"--relationships", false}}) {
    if (arg.compare(0, name.size(), name) != 0) continue;
    const std::string rest = arg.substr(name.size());
    if (rest.empty() || rest[0] == '=' || rest[0] == ':') return GroupOption{nodes, rest};
  }
  return std::nullopt;
}

}  // namespace

std::optional<char> parse_delimiter(const std::string& text) {
  if (text.size() == 1) return text[0];
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "\\t" || lower == "tab") return '\t';
  return std::nullopt;
}

std::vector<std::string> extract_import_groups(const std::vector<std::string>& args,
                                               ImportArguments& out) {
  // The subcommand is the first argument that is not an option.
  auto sub =
      std::find_if(args.begin(), args.end(), [](const std::string& a) { return !is_option(a); });
  if (sub == args.end() || *sub != "import") return args;

  std::vector<std::string> rest(args.begin(), sub + 1);
  for (auto it = sub + 1; it != args.end();) {
    const std::optional<GroupOption> option = group_option(*it);
    if (!option) {
      rest.push_back(*it++);
      continue;
    }
    const std::string flag = option->nodes ? "--nodes" : "--relationships";
    ++it;
    std::string label;
    std::vector<std::string> file_args;
    auto following_files = [&] {
      while (it != args.end() && !is_option(*it)) file_args.push_back(*it++);
    };
    const std::string& attached = option->attached;
    if (attached.empty()) {
      following_files();
    } else if (attached[0] == ':') {
      // neo4j-admin 4: --nodes:Person[:Customer][=files]
      const std::size_t eq = attached.find('=');
      label = attached.substr(1, eq == std::string::npos ? eq : eq - 1);
      if (eq != std::string::npos) file_args.push_back(attached.substr(eq + 1));
      following_files();
    } else {
      const std::string value = attached.substr(1);
      const std::size_t eq = value.find('=');
      if (eq != std::string::npos) {
        // neo4j-admin 5: --nodes=Person=a.csv,b.csv
        label = value.substr(0, eq);
        file_args.push_back(value.substr(eq + 1));
      } else if (it != args.end() && !is_option(*it)) {
        label = value;
        following_files();
      } else {
        file_args.push_back(value);
      }
    }
    if (!option->nodes && label.find(':') != std::string::npos) {
      throw UsageError("--relationships takes one type, not '" + label + "'");
    }
    std::vector<ImportGroup>& groups = option->nodes ? out.nodes : out.relationships;
    const std::size_t before = groups.size();
    add_groups(label, file_args, groups);
    if (groups.size() == before) throw UsageError(flag + " needs at least one file");
  }
  return rest;
}

CLI::App* add_import_command(CLI::App& app, ImportArguments& arguments) {
  CLI::App* cmd = app.add_subcommand(
      "import", "Import nodes and relationships from CSV files with neo4j-admin headers");
  cmd->add_option("database", arguments.database, "Database directory (created if missing)")
      ->required();
  // Groups are taken out of the arguments by extract_import_groups() before
  // CLI11 parses; these two options exist for the help text only.
  cmd->add_option("--nodes", CLI::callback_t{},
                  "Node files, sharing the header of their first line; Label (A:B for two) "
                  "is added to every node. Repeat for more groups")
      ->expected(0, -1)
      ->option_text("[=Label] FILE...");
  cmd->add_option("--relationships", CLI::callback_t{},
                  "Relationship files; TYPE applies to rows without a :TYPE column. "
                  "Repeat for more groups")
      ->expected(0, -1)
      ->option_text("[=TYPE] FILE...");
  const CLI::Validator one_char(
      [](std::string& text) -> std::string {
        return parse_delimiter(text) ? ""
                                     : "expected one character, '\\t' or TAB, not '" + text + "'";
      },
      "CHAR");
  cmd->add_option("--delimiter", arguments.delimiter, "Field delimiter (default ',')")
      ->check(one_char)
      ->option_text("CHAR");
  cmd->add_option("--array-delimiter", arguments.array_delimiter,
                  "Delimiter of array elements and of :LABEL (default ';')")
      ->check(one_char)
      ->option_text("CHAR");
  cmd->add_option("--quote", arguments.quote, "Quote character (default '\"')")
      ->check(one_char)
      ->option_text("CHAR");
  cmd->add_option(
         "--id-type", arguments.id_type,
         "How ids are kept: auto (integers when every id of a space is one), integer, string")
      ->transform(CLI::IsMember({"auto", "integer", "string"}, CLI::ignore_case))
      ->option_text("auto|integer|string");
  cmd->add_option("--encoding", arguments.encoding,
                  "Encoding of files without a byte-order mark (default utf-8)")
      ->transform(CLI::IsMember({"utf-8", "utf-16", "gbk", "gb18030"}, CLI::ignore_case))
      ->option_text("utf-8|utf-16|gbk|gb18030");
  cmd->add_flag("--allow-nodes-without-id", arguments.allow_nodes_without_id,
                "Accept nodes files without an :ID column (nodes without identity: importing "
                "them again duplicates them, and relationships cannot refer to them)");
  cmd->add_flag("--skip-duplicate-nodes", arguments.skip_duplicate_nodes,
                "Skip nodes whose id exists already (in this import or the database) instead "
                "of failing");
  cmd->add_flag("--skip-duplicate-relationships", arguments.skip_duplicate_relationships,
                "Skip relationships identical to existing ones (same ends, type and "
                "properties) instead of importing them with a warning");
  cmd->footer(
      "Examples:\n"
      "  guanxi import people.gx --nodes=Person persons.csv --relationships=KNOWS knows.csv\n"
      "  guanxi import ldbc.gx --delimiter '|' --nodes=Person Person.csv \\\n"
      "      --relationships=KNOWS Person_knows_Person.csv Person_knows_Person_1.csv\n");
  return cmd;
}

namespace {

void check_input_files(const std::vector<ImportGroup>& groups) {
  for (const auto& group : groups) {
    std::vector<std::string> files = group.files;
    if (!group.header_file.empty()) files.push_back(group.header_file);
    for (const auto& file : files) {
      std::error_code ec;
      const fs::file_status status = fs::status(file, ec);
      if (!fs::exists(status)) throw CommandError("cannot read '" + file + "': no such file");
      if (fs::is_directory(status)) {
        throw CommandError("cannot read '" + file + "': it is a directory");
      }
    }
  }
}

void print_counts(const char* title, const std::map<std::string, std::uint64_t>& counts) {
  if (counts.empty()) return;
  std::vector<std::pair<std::string, std::uint64_t>> rows(counts.begin(), counts.end());
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::size_t width = 0, number_width = 0;
  for (const auto& [name, n] : rows) {
    width = std::max(width, name.size());
    number_width = std::max(number_width, thousands(n).size());
  }
  fmt::print("{}\n", title);
  for (const auto& [name, n] : rows) {
    fmt::print("  {:<{}}  {:>{}}\n", name.empty() ? "(no label)" : name,
               std::max<std::size_t>(width, 10), thousands(n), number_width);
  }
}

}  // namespace

int run_import(const ImportArguments& arguments) {
  if (arguments.nodes.empty() && arguments.relationships.empty()) {
    throw UsageError("nothing to import: give --nodes and/or --relationships files");
  }
  check_input_files(arguments.nodes);
  check_input_files(arguments.relationships);

  ImportOptions options;
  options.nodes = arguments.nodes;
  options.relationships = arguments.relationships;
  options.delimiter = *parse_delimiter(arguments.delimiter);
  options.array_delimiter = *parse_delimiter(arguments.array_delimiter);
  options.quote = *parse_delimiter(arguments.quote);
  options.id_type = arguments.id_type == "integer"  ? ImportIdType::kInteger
                    : arguments.id_type == "string" ? ImportIdType::kString
                                                    : ImportIdType::kAuto;
  options.encoding = arguments.encoding == "utf-16"    ? ImportEncoding::kUtf16
                     : arguments.encoding == "gbk"     ? ImportEncoding::kGbk
                     : arguments.encoding == "gb18030" ? ImportEncoding::kGb18030
                                                       : ImportEncoding::kUtf8;
  options.allow_nodes_without_id = arguments.allow_nodes_without_id;
  options.skip_duplicate_nodes = arguments.skip_duplicate_nodes;
  options.skip_duplicate_relationships = arguments.skip_duplicate_relationships;
  ProgressBar bar(stderr);
  options.progress = [&bar](const ImportProgress& p) {
    bar.update(p.phase, p.bytes_done, p.bytes_total, thousands(p.rows) + " rows");
  };

  ImportSummary report;
  try {
    // A failed import changes nothing, and removes a database it created.
    report = guanxi::import(arguments.database, options);
  } catch (...) {
    bar.clear();
    throw;
  }
  bar.clear();

  const double seconds = report.elapsed.count();
  fmt::print("Imported {} nodes and {} relationships into '{}' in {:.2f} s",
             thousands(report.nodes), thousands(report.relationships), arguments.database, seconds);
  if (seconds > 0) {
    fmt::print(" ({} rows/s)",
               thousands(static_cast<std::uint64_t>(
                   static_cast<double>(report.nodes + report.relationships) / seconds)));
  }
  fmt::print("\n");
  print_counts("Nodes by label:", report.nodes_by_label);
  print_counts("Relationships by type:", report.relationships_by_type);
  if (report.skipped_nodes > 0) {
    fmt::print("Skipped {} nodes whose id already exists (--skip-duplicate-nodes)\n",
               thousands(report.skipped_nodes));
  }
  if (report.skipped_relationships > 0) {
    fmt::print(
        "Skipped {} relationships identical to existing ones (--skip-duplicate-relationships)\n",
        thousands(report.skipped_relationships));
  }
  if (!report.created_indexes.empty()) {
    fmt::print("Indexes created on id properties: {}\n", fmt::join(report.created_indexes, ", "));
  }
  for (const std::string& warning : report.warnings) {
    fmt::print(stderr, "guanxi: warning: {}\n", warning);
  }
  if (report.duplicate_relationships > 0) {
    fmt::print(stderr,
               "guanxi: warning: {} relationships duplicate existing ones (same ends, type and "
               "properties); --skip-duplicate-relationships skips them\n",
               thousands(report.duplicate_relationships));
  }
  return kExitOk;
}

}  // namespace guanxi::shell
