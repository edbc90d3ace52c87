// The shell's own commands, typed at the start of a line with ':'.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "shell/paged_output.h"
#include "shell/query_shell.h"
#include "shell/script_runner.h"
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
  :source FILE              run the statements and commands of FILE, stopping at the first error
  :quit                     leave (also :exit, Ctrl-D)

Ctrl-C cancels a running statement or clears the line being typed.
The language: docs/language.md. Examples:
  MATCH (c:Customer {city: 'Berlin'}) RETURN c.name, c.segment LIMIT 5;
  MATCH (c:Customer)<-[:REFERRED]-(r) RETURN c.name, count(r) AS referred ORDER BY referred DESC LIMIT 10;
)";

// How many nodes per label (relationships per type) :schema reads.
constexpr int kSchemaSample = 1000;

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

// `name` quoted for Cypher when it needs it.
std::string quoted_name(const std::string& name) {
  if (is_name(name)) return name;
  std::string out = "`";
  for (char c : name) out += c == '`' ? std::string("``") : std::string(1, c);
  return out + "`";
}

bool QueryShell::command_schema() {
  auto list = [&](const char* title, const char* query) {
    std::vector<std::string> names = first_column(query);
    std::string text;
    for (const auto& n : names) text += (text.empty() ? "" : ", ") + n;
    fmt::print(out_, "{:<20}{}\n", title, text.empty() ? "none" : text);
    return names;
  };
  const std::vector<std::string> labels = list("Labels", "CALL db.labels()");
  const std::vector<std::string> types = list("Relationship types", "CALL db.relationshipTypes()");
  list("Property keys", "CALL db.propertyKeys()");
  // Which keys belong to which label or type, with their value types, from
  // a sample: reading every record of a large database would keep the
  // analyst waiting, and a key missing from the sample is rare in practice.
  auto keys_of = [&](const std::string& pattern, const std::string& variable) {
    const std::string query = "MATCH " + pattern + " WITH " + variable + " LIMIT " +
                              std::to_string(kSchemaSample) + " UNWIND keys(" + variable +
                              ") AS k RETURN k, collect(DISTINCT valueType(" + variable +
                              "[k])) AS types ORDER BY k";
    std::string text;
    try {
      for (const Row& r : session_.query(query).all()) {
        std::string type_text;
        for (const Value& t : r[1].as_list()) {
          std::string name = t.as_string();
          if (const auto at = name.rfind(" NOT NULL"); at == name.size() - 9) name.resize(at);
          type_text += (type_text.empty() ? "" : "|") + name;
        }
        text += (text.empty() ? "" : ", ") + r[0].as_string() + " " + type_text;
      }
    } catch (const Error& e) {
      text = "unavailable (" + e.message() + ")";
    }
    return text.empty() ? std::string("no properties") : text;
  };
  if (!labels.empty() || !types.empty()) {
    fmt::print(out_, "Properties (of up to {} nodes or relationships each)\n", kSchemaSample);
  }
  for (const auto& label : labels) {
    fmt::print(out_, "  {:<18} {}\n", ":" + label, keys_of("(n:" + quoted_name(label) + ")", "n"));
  }
  for (const auto& type : types) {
    fmt::print(out_, "  {:<18} {}\n", "[:" + type + "]",
               keys_of("()-[r:" + quoted_name(type) + "]->()", "r"));
  }
  const std::pair<const char*, const char*> listings[] = {
      {"SHOW INDEXES", "Indexes"}, {"SHOW CONSTRAINTS", "Constraints"}, {"SHOW TAGS", "Tags"}};
  for (const auto& [query, title] : listings) {
    try {
      Result result = session_.query(query);
      std::vector<Row> rows = result.all();
      fmt::print(out_, "{}\n", title);
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
  if (output_encoding_ && !format_takes_encoding(output_format_name(*format))) {
    throw Error(
        ErrorCode::kInvalidArgument,
        fmt::format("the output encoding is {}, which applies to the csv and tsv formats "
                    "only, not {}",
                    text_encoding_name(output_encoding_->encoding()), output_format_name(*format)));
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

bool QueryShell::command_source(const std::string& args) {
  const std::string path = trimmed(args);
  if (path.empty()) throw Error(ErrorCode::kInvalidArgument, "expected ':source FILE'");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kNotFound, "cannot read '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  // Errors inside the file name the file and line, as a -f script's do.
  const bool interactive = options_.interactive;
  options_.interactive = false;
  const bool ok = run_script_text(*this, text.str(), path);
  options_.interactive = interactive;
  return ok;
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
  SessionOptions next = options_.session;
  next.purpose = a.substr(0, space);
  if (space != std::string::npos) next.user = trimmed(a.substr(space));
  // An unknown purpose fails here and leaves the current session as it was.
  session_ = database_.session(next);
  options_.session = next;
  if (options_.interactive) {
    fmt::print(out_, "purpose '{}', user '{}'\n", options_.session.purpose, options_.session.user);
    std::fflush(out_);
  }
  return true;
}

}  // namespace guanxi::shell
