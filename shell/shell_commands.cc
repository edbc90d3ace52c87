// The shell's own commands, typed at the start of a line with ':'.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "shell/paged_output.h"
#include "shell/query_shell.h"
#include "shell/value_json.h"

namespace guanxi::shell {

namespace {

constexpr const char* kHelp =
    R"(Statements end with ';' and may span lines. Commands start with ':'.

  :help                     this text
  :schema                   labels, relationship types, property keys, indexes, constraints
  :param NAME => EXPR       set $NAME to the value of a Cypher expression
  :param NAME=JSON          set $NAME to a JSON value (also: :param NAME JSON)
  :param NAME               remove $NAME
  :params                   list the parameters
  :format FMT               output as table, vertical, csv, tsv, json, jsonl or markdown
  :timer on|off             show how long each statement takes
  :max-rows N               print at most N rows of a result (0: all); the rest are counted
  :pager on|off             show results taller than the terminal through $PAGER (less -S)
  :explain STATEMENT        show the plan of a statement without running it
  :purpose NAME [USER]      continue in a new session under a purpose (and user)
  :quit                     leave (also :exit, Ctrl-D)

Ctrl-C cancels a running statement or clears the line being typed.
The language: docs/language.md. Examples:
  MATCH (c:Customer {city: 'Berlin'}) RETURN c.name, c.segment LIMIT 5;
  MATCH (c:Customer)<-[:REFERRED]-(r) RETURN c.name, count(r) AS referred ORDER BY referred DESC LIMIT 10;
)";

bool is_name(const std::string& s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

std::string trimmed(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  s.erase(s.find_last_not_of(" \t") + 1);
  return s;
}

}  // namespace

bool QueryShell::command_help() {
  fmt::print(out_, "{}", kHelp);
  std::fflush(out_);
  return true;
}

bool QueryShell::command_schema() {
  auto list = [&](const char* title, const char* query) {
    std::vector<std::string> names = first_column(query);
    std::string text;
    for (const auto& n : names) text += (text.empty() ? "" : ", ") + n;
    fmt::print(out_, "{:<20}{}\n", title, text.empty() ? "none" : text);
  };
  list("Labels", "CALL db.labels()");
  list("Relationship types", "CALL db.relationshipTypes()");
  list("Property keys", "CALL db.propertyKeys()");
  for (const char* query : {"SHOW INDEXES", "SHOW CONSTRAINTS"}) {
    try {
      Result result = session_.query(query);
      std::vector<Row> rows = result.all();
      fmt::print(out_, "{}\n", query[5] == 'I' ? "Indexes" : "Constraints");
      if (rows.empty()) {
        fmt::print(out_, "  none\n");
        continue;
      }
      auto formatter = make_table_formatter(out_);
      formatter->begin(result.columns());
      for (const Row& r : rows) formatter->row(r);
      formatter->end();
    } catch (const Error& e) {
      fmt::print(out_, "{}: unavailable ({})\n", query, e.message());
    }
  }
  std::fflush(out_);
  return true;
}

bool QueryShell::command_param(const std::string& args) {
  if (args.empty()) return command_params();
  std::string name, rest;
  bool expression = false;
  if (std::size_t arrow = args.find("=>"); arrow != std::string::npos) {
    name = trimmed(args.substr(0, arrow));
    rest = trimmed(args.substr(arrow + 2));
    expression = true;
  } else if (std::size_t eq = args.find('='); eq != std::string::npos) {
    name = trimmed(args.substr(0, eq));
    rest = trimmed(args.substr(eq + 1));
  } else {
    std::size_t space = args.find_first_of(" \t");
    name = trimmed(args.substr(0, space));
    rest = space == std::string::npos ? "" : trimmed(args.substr(space));
  }
  if (!name.empty() && name[0] == '$') name.erase(0, 1);
  if (!is_name(name)) {
    throw Error(
        ErrorCode::kInvalidArgument,
        "expected ':param NAME => EXPRESSION' or ':param NAME=JSON', not ':param " + args + "'");
  }
  if (rest.empty()) {
    params_.erase(name);
    return true;
  }
  if (expression) {
    std::vector<Row> rows = session_.query("RETURN " + rest, params_).all();
    if (rows.size() != 1 || rows[0].size() != 1)
      throw Error(ErrorCode::kInvalidArgument, "the expression gave no single value");
    params_[name] = rows[0][0];
  } else {
    params_[name] = parse_json_parameter(name, rest);
  }
  if (options_.interactive) fmt::print(out_, "${} = {}\n", name, params_[name].to_string());
  std::fflush(out_);
  return true;
}

bool QueryShell::command_params() {
  if (params_.empty()) fmt::print(out_, "no parameters\n");
  for (const auto& [name, value] : params_) fmt::print(out_, "${} = {}\n", name, value.to_string());
  std::fflush(out_);
  return true;
}

bool QueryShell::command_format(const std::string& args) {
  if (args.empty()) {
    fmt::print(out_, "{}\n", output_format_name(options_.format));
    std::fflush(out_);
    return true;
  }
  const auto format = parse_output_format(trimmed(args));
  if (!format) {
    throw Error(ErrorCode::kInvalidArgument,
                "unknown format '" + args +
                    "' (expected table, vertical, csv, tsv, json, jsonl or markdown)");
  }
  options_.format = *format;
  // A person at the prompt sees the change took; scripts stay quiet so their
  // output is only what their statements return.
  if (options_.interactive) fmt::print(out_, "format {}\n", output_format_name(options_.format));
  std::fflush(out_);
  return true;
}

bool QueryShell::command_timer(const std::string& args) {
  const std::string a = trimmed(args);
  if (a == "on") {
    options_.timer = true;
    if (options_.interactive) fmt::print(out_, "timer on\n");
  } else if (a == "off") {
    options_.timer = false;
    if (options_.interactive) fmt::print(out_, "timer off\n");
  } else if (a.empty()) {
    options_.timer = !options_.timer;
    fmt::print(out_, "timer {}\n", options_.timer ? "on" : "off");
  } else {
    throw Error(ErrorCode::kInvalidArgument, "expected ':timer on' or ':timer off'");
  }
  std::fflush(out_);
  return true;
}

bool QueryShell::command_max_rows(const std::string& args) {
  const std::string a = trimmed(args);
  if (!a.empty()) {
    std::size_t parsed = 0;
    std::size_t n = 0;
    try {
      n = std::stoull(a, &parsed);
    } catch (const std::exception&) {
      parsed = 0;
    }
    if (parsed != a.size() || a[0] == '-')
      throw Error(ErrorCode::kInvalidArgument,
                  "expected ':max-rows N' with N >= 0, not '" + a + "'");
    options_.max_rows = n;
  }
  if (options_.interactive || a.empty()) {
    if (options_.max_rows == 0) {
      fmt::print(out_, "max-rows 0 (all rows)\n");
    } else {
      fmt::print(out_, "max-rows {}\n", options_.max_rows);
    }
  }
  std::fflush(out_);
  return true;
}

bool QueryShell::command_pager(const std::string& args) {
  const std::string a = trimmed(args);
  if (a == "on") {
    options_.pager = true;
  } else if (a == "off") {
    options_.pager = false;
  } else if (!a.empty()) {
    throw Error(ErrorCode::kInvalidArgument, "expected ':pager on' or ':pager off'");
  }
  if (options_.interactive || a.empty()) {
    const std::string command = PagedOutput::pager_command();
    fmt::print(out_, "pager {}{}\n", options_.pager ? "on" : "off",
               options_.pager
                   ? (command.empty() ? " (no pager found: set $PAGER)" : " (" + command + ")")
                   : "");
  }
  std::fflush(out_);
  return true;
}

bool QueryShell::command_explain(const std::string& args, int line, const std::string& source) {
  if (trimmed(args).empty())
    throw Error(ErrorCode::kInvalidArgument, "expected ':explain STATEMENT'");
  std::string statement = trimmed(args);
  while (!statement.empty() && statement.back() == ';') statement.pop_back();
  return run_statement("EXPLAIN " + statement, line, source);
}

bool QueryShell::command_purpose(const std::string& args) {
  const std::string a = trimmed(args);
  if (a.empty()) {
    fmt::print(out_, "purpose '{}', user '{}'\n", options_.session.purpose, options_.session.user);
    std::fflush(out_);
    return true;
  }
  if (session_.in_transaction())
    throw Error(ErrorCode::kTransaction, "commit or roll back before changing the purpose");
  const std::size_t space = a.find_first_of(" \t");
  options_.session.purpose = a.substr(0, space);
  if (space != std::string::npos) options_.session.user = trimmed(a.substr(space));
  session_ = database_.session(options_.session);
  if (options_.interactive) {
    fmt::print(out_, "purpose '{}', user '{}'\n", options_.session.purpose, options_.session.user);
    std::fflush(out_);
  }
  return true;
}

}  // namespace guanxi::shell
