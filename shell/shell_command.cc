#include "shell/shell_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "guanxi/guanxi.h"
#include "shell/command_error.h"
#include "shell/command_names.h"
#include "shell/interrupt.h"
#include "shell/query_shell.h"
#include "shell/repl.h"
#include "shell/script_runner.h"
#include "shell/value_json.h"

namespace guanxi::shell {

namespace {

namespace fs = std::filesystem;

// Enough rows to read at a terminal, few enough that a cartesian product
// does not scroll for minutes (cypher-shell prints 1,000 as well).
constexpr std::size_t kInteractiveMaxRows = 1000;

// A database directory removed when the shell ends (no DB argument).
class TemporaryDatabaseDir {
 public:
  TemporaryDatabaseDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = (fs::path(tmp && *tmp ? tmp : "/tmp") / "guanxi-shell-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw CommandError("cannot create a temporary database");
    path_ = pattern;
  }
  ~TemporaryDatabaseDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CommandError("cannot read '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Params parse_params(const std::vector<std::string>& specs) {
  Params params;
  for (const std::string& spec : specs) {
    const std::size_t eq = spec.find('=');
    if (eq == std::string::npos || eq == 0)
      throw UsageError("--param expects NAME=JSON, not '" + spec + "'");
    std::string name = spec.substr(0, eq);
    if (name[0] == '$') name.erase(0, 1);
    try {
      params[name] = parse_json_parameter(name, spec.substr(eq + 1));
    } catch (const Error& e) {
      // As statement errors print: "[invalid-argument] ...", "[limit] ...".
      throw UsageError(std::string("[") + e.code_name() + "] " + e.message());
    }
  }
  return params;
}

// "utf-8", "utf-16", "gbk", "gb18030" (CLI11 has lowered the case).
TextEncoding parse_encoding(const std::string& name) {
  if (name == "utf-16") return TextEncoding::kUtf16;
  if (name == "gbk") return TextEncoding::kGbk;
  if (name == "gb18030") return TextEncoding::kGb18030;
  return TextEncoding::kUtf8;
}

// "640" -> 0640; only permission bits for the owner, group and others.
unsigned parse_file_mode(const std::string& text) {
  unsigned mode = 0;
  for (char c : text) {
    if (c < '0' || c > '7' || mode > 0777) {
      throw UsageError("--file-mode: '" + text + "' is not an octal mode such as 600 or 640");
    }
    mode = mode * 8 + static_cast<unsigned>(c - '0');
  }
  if (text.empty() || mode > 0777 || (mode & 0600) != 0600) {
    throw UsageError("--file-mode: '" + text +
                     "' must be an octal mode up to 777 that lets the owner read and write");
  }
  return mode;
}

// "2GiB", "512 MiB", "1.5G", "100MB", "1048576" -> bytes, for `option`. K,
// M, G, T and KiB ... TiB are powers of 1024, KB ... TB powers of 1000; no
// unit (or B) means bytes. Empty: 0 (the default budget); "0" only when
// `zero_allowed`.
std::uint64_t parse_size(const std::string& option, const std::string& text,
                         bool zero_allowed = false) {
  if (text.empty()) return 0;
  const auto bad = [&](const std::string& why) {
    return UsageError(option + ": '" + text + "' " + why);
  };
  std::size_t end = 0;
  double number = 0;
  try {
    number = std::stod(text, &end);
  } catch (const std::exception&) {
    throw bad("is not a size such as 2GiB or 512MiB");
  }
  std::string unit = text.substr(end);
  unit.erase(0, unit.find_first_not_of(' '));
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  static const std::pair<const char*, double> kUnits[] = {
      {"", 1.0},       {"B", 1.0},    {"K", 0x1p10},   {"KIB", 0x1p10}, {"M", 0x1p20},
      {"MIB", 0x1p20}, {"G", 0x1p30}, {"GIB", 0x1p30}, {"T", 0x1p40},   {"TIB", 0x1p40},
      {"KB", 1e3},     {"MB", 1e6},   {"GB", 1e9},     {"TB", 1e12}};
  for (const auto& [name, factor] : kUnits) {
    if (unit != name) continue;
    const double bytes = number * factor;
    if (zero_allowed && bytes == 0 && text[0] != '-') return 0;
    if (!(bytes >= 1.0) || bytes >= 0x1p63 || text[0] == '-') throw bad("must be at least 1 byte");
    return static_cast<std::uint64_t>(bytes);
  }
  throw bad("has an unknown unit (use KiB, MiB, GiB, TiB, KB, MB, GB or TB)");
}

}  // namespace

void add_shell_options(CLI::App& app, ShellArguments& a) {
  app.add_option("DB", a.database, "Database directory; without it, a temporary database");
  app.add_option("-c,--command", a.commands,
                 "Run QUERY (statements separated by ';') and exit; repeatable")
      ->option_text("QUERY")
      ->allow_extra_args(false);
  app.add_option("-f,--file", a.file, "Run the statements in FILE and exit")->option_text("FILE");
  app.add_option("--format", a.format,
                 "Output format: table, vertical, csv, tsv, json, jsonl or markdown")
      ->check(CLI::IsMember({"table", "vertical", "csv", "tsv", "json", "jsonl", "markdown"},
                            CLI::ignore_case))
      ->option_text("FMT");
  app.add_option("--encoding", a.encoding,
                 "Encoding of csv and tsv output: utf-8 (default), utf-16 (with a byte-order "
                 "mark), gbk or gb18030")
      ->transform(CLI::IsMember({"utf-8", "utf-16", "gbk", "gb18030"}, CLI::ignore_case))
      ->option_text("ENC");
  app.add_option("--param", a.params, "Set parameter $NAME to a JSON value; repeatable")
      ->option_text("NAME=JSON")
      ->allow_extra_args(false);
  app.add_option("--purpose", a.purpose, "Purpose of the session (privacy)")->option_text("NAME");
  app.add_option("--user", a.user, "User name for the audit log")->option_text("NAME");
  app.add_flag("--read-only", a.read_only, "Open the database for reading only");
  app.add_flag("--create", a.create,
               "Create DB when it does not exist (the interactive shell offers to by itself)");
  app.add_flag("--timer", a.timer, "Show how long each statement takes");
  app.add_option("--max-rows", a.max_rows,
                 "Print at most N rows of a result, counting the rest (0: all; default 1000 "
                 "interactively, all in scripts)")
      ->option_text("N");
  app.add_flag("--no-pager", a.no_pager,
               "Never show results through a pager (interactive only; see $PAGER)");
  app.add_option("--map-size", a.map_size,
                 "Starting size of the memory map in bytes (it grows by itself; default 1 GiB)")
      ->option_text("BYTES");
  app.add_option("--memory-budget", a.memory_budget,
                 "Most memory one statement may hold, e.g. 2GiB (default: a quarter of the "
                 "physical memory or of a container's limit, at least 256MiB)")
      ->option_text("SIZE");
  app.add_option("--projection-cache", a.projection_cache,
                 "Memory for the graphs algorithms project, reused by later algorithms while "
                 "nothing is written, e.g. 512MiB (default 1GiB; 0 keeps none)")
      ->option_text("SIZE");
  app.add_option("--file-mode", a.file_mode,
                 "Permissions of the files of a new database, in octal (default 600: owner only)")
      ->option_text("OCTAL");
  app.add_option("--key-file", a.key_file,
                 "The database's key file (default: $GUANXI_KEY_FILE, else DB.key beside DB)")
      ->option_text("FILE");
}

int run_shell(const ShellArguments& a) {
  const bool script = !a.commands.empty() || !a.file.empty() || !isatty(STDIN_FILENO);
  const std::optional<OutputFormat> format = parse_output_format(a.format);
  if (!format) throw UsageError("unknown format '" + a.format + "'");
  const TextEncoding encoding = parse_encoding(a.encoding);
  if (encoding != TextEncoding::kUtf8 && !format_takes_encoding(output_format_name(*format))) {
    throw UsageError("--encoding applies to the csv and tsv formats only, not " +
                     std::string(output_format_name(*format)) + " (give --format csv or tsv)");
  }
  Params params = parse_params(a.params);
  if (!a.file.empty() && !fs::exists(a.file)) throw CommandError("cannot read '" + a.file + "'");

  std::optional<TemporaryDatabaseDir> temporary;
  std::string path = a.database;
  bool announce_creation = false;  // interactive, on a path that does not exist
  if (path.empty()) {
    temporary.emplace();
    path = (temporary->path() / "db").string();
  } else if (std::error_code ec; !fs::exists(path, ec)) {
    if (const auto command = mistyped_command(path)) {
      throw UsageError(
          fmt::format("'{}' is not a command (did you mean '{}'?) and no database "
                      "of that name exists; the commands are: {}",
                      path, *command, command_list()));
    }
    if (a.read_only || (!a.create && script)) {
      throw CommandError(
          fmt::format("no database at '{}'{}", path,
                      a.read_only ? "" : " (run with --create to make a new one there)"));
    }
    announce_creation = !a.create;
  }
  // Before any thread starts (the database may start some).
  install_interrupt_watcher(script);
  Options options;
  options.read_only = a.read_only;
  options.create_if_missing = !a.read_only;  // a missing DB got here only when it may be made
  options.map_size = a.map_size;
  options.file_mode = parse_file_mode(a.file_mode);
  options.key_file = a.key_file;
  if (!a.projection_cache.empty())
    options.projection_cache = parse_size("--projection-cache", a.projection_cache, true);
  Database database = [&] {
    try {
      return Database::open(path, options);
    } catch (const Error& e) {
      throw CommandError(std::string("[") + e.code_name() + "] " + e.what());
    }
  }();
  if (announce_creation) fmt::print(stderr, "Created a new database at '{}'.\n", path);

  ShellOptions shell_options;
  shell_options.format = *format;
  shell_options.encoding = encoding;
  shell_options.timer = a.timer;
  shell_options.interactive = !script;
  shell_options.max_rows = a.max_rows.value_or(script ? 0 : kInteractiveMaxRows);
  shell_options.pager = !a.no_pager;
  shell_options.session = {a.purpose, a.user.empty() ? std::string("shell") : a.user,
                           parse_size("--memory-budget", a.memory_budget)};
  QueryShell shell(database, shell_options, stdout, stderr);
  shell.params() = std::move(params);

  if (script) {
    int index = 0;
    for (const std::string& command : a.commands) {
      ++index;
      const std::string source = a.commands.size() == 1 ? "-c" : fmt::format("-c #{}", index);
      if (!run_script_text(shell, command, source)) return kExitFailure;
      if (shell.quit_requested()) return kExitOk;
    }
    if (!a.file.empty())
      return run_script_text(shell, read_file(a.file), a.file) ? kExitOk : kExitFailure;
    if (a.commands.empty())
      return run_script_stream(shell, stdin, "<stdin>") ? kExitOk : kExitFailure;
    return kExitOk;
  }

  fmt::print("Guanxi {} shell on {}. Statements end with ';'. :help for help, Ctrl-D to leave.\n",
             GUANXI_VERSION,
             temporary ? "a temporary database (deleted on exit; open one with: guanxi DB)"
                       : "'" + a.database + "'");
  std::fflush(stdout);
  return run_repl(shell, default_history_path());
}

}  // namespace guanxi::shell
