#include "shell/query_shell.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <new>

#include "shell/interrupt.h"
#include "shell/paged_output.h"
#include "shell/statement_progress_line.h"
#include "shell/terminal.h"

namespace guanxi::shell {

namespace {

bool starts_with_keyword(const std::string& text, std::string_view keyword) {
  std::size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  if (text.size() - i < keyword.size()) return false;
  for (std::size_t k = 0; k < keyword.size(); ++k) {
    if (std::toupper(static_cast<unsigned char>(text[i + k])) != keyword[k]) return false;
  }
  return text.size() - i == keyword.size() ||
         !std::isalnum(static_cast<unsigned char>(text[i + keyword.size()]));
}

}  // namespace

QueryShell::QueryShell(Database& database, ShellOptions options, std::FILE* out, std::FILE* err)
    : database_(database),
      options_(std::move(options)),
      out_(out),
      err_(err),
      session_(database.session(options_.session)) {
  if (options_.encoding != TextEncoding::kUtf8) output_encoding_.emplace(options_.encoding);
}

bool QueryShell::run(const ScriptItem& item, const std::string& source) {
  if (item.kind == ScriptItem::Kind::kCommand) return run_command(item.text, item.line, source);
  return run_statement(item.text, item.line, source);
}

void QueryShell::report(const Error& error, int line, const std::string& source) {
  if (options_.interactive) {
    fmt::print(err_, "Error [{}]: {}\n", error.code_name(), error.what());
  } else {
    fmt::print(err_, "guanxi: error: {}:{}: [{}] {}\n", source, line, error.code_name(),
               error.what());
  }
  std::fflush(err_);
}

void QueryShell::warn(const std::vector<Notification>& notifications, int line,
                      const std::string& source) {
  for (const Notification& n : notifications) {
    if (options_.interactive) {
      fmt::print(err_, "Warning [{}]: {}\n", notification_code_name(n.code), n.to_string());
    } else {
      fmt::print(err_, "guanxi: warning: {}:{}: [{}] {}\n", source, line,
                 notification_code_name(n.code), n.to_string());
    }
  }
  std::fflush(err_);
}

bool QueryShell::run_statement(const std::string& text, int line, const std::string& source) {
  const auto start = std::chrono::steady_clock::now();
  try {
    CancelOnInterrupt cancel_on_interrupt(session_);
    // Destroyed, and so erased, before an error is reported below.
    StatementProgressLine progress_line(session_, err_);
    Result result = session_.query(text, params_);
    warn(result.notifications(), line, source);
    print_result(result, starts_with_keyword(text, "PROFILE"), starts_with_keyword(text, "EXPLAIN"),
                 start, progress_line);
    return true;
  } catch (const Error& e) {
    std::fflush(out_);
    report(e, line, source);
    return false;
  } catch (const std::bad_alloc&) {
    // Printing a huge result can run out of memory after the statement
    // itself finished; the shell reports it as the statement's failure.
    std::fflush(out_);
    report(Error(ErrorCode::kLimit, "out of memory while running the statement"), line, source);
    return false;
  }
}

void QueryShell::print_result(Result& result, bool profiled, bool explained,
                              std::chrono::steady_clock::time_point start,
                              StatementProgressLine& progress_line) {
  // EXPLAIN runs nothing: its plan is the whole answer.
  const bool has_columns = !result.columns().empty() && !explained;
  const bool for_people =
      options_.format == OutputFormat::kTable || options_.format == OutputFormat::kVertical;
  PagedOutput output(out_, options_.pager && options_.interactive && for_people);
  auto formatter = make_formatter(options_.format, output.stream(),
                                  output_encoding_ ? &*output_encoding_ : nullptr);
  std::size_t rows = 0;
  if (has_columns) formatter->begin(result.columns());
  // Rows printed on the terminal the progress line is drawn on end it at
  // the first row; rows going elsewhere leave it counting to the last.
  const bool rows_on_terminal = is_terminal(out_);
  Row row;
  while (result.next(row)) {
    if (rows_on_terminal) progress_line.stop();
    // Past the limit the rows are still read, to count them and to finish
    // the statement's work, but not printed.
    if (options_.max_rows == 0 || rows < options_.max_rows) formatter->row(row);
    ++rows;
  }
  progress_line.stop();
  if (has_columns) formatter->end();
  if (options_.max_rows != 0 && rows > options_.max_rows) {
    const std::size_t hidden = rows - options_.max_rows;
    fmt::print(for_people ? output.stream() : err_,
               "({} more {} not shown: :max-rows 0 shows all)\n", hidden,
               hidden == 1 ? "row" : "rows");
  }
  output.finish();
  // A statement's work happens while its rows are pulled (an algorithm runs
  // at the first one), so its time ends after the last row, not at query().
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const ChangeSummary& summary = result.summary();
  if (summary.any()) completion_words_stale_ = true;
  if (const PlanNode* plan = result.plan()) fmt::print(out_, "{}", plan->to_string(profiled));
  if (for_people) {
    if (summary.any()) fmt::print(out_, "{}\n", summary.to_string());
    if (options_.interactive && has_columns) {
      fmt::print(out_, "{} {}{}\n", rows, rows == 1 ? "row" : "rows",
                 options_.timer ? fmt::format(" ({:.3f} ms)", seconds * 1e3) : "");
    } else if (options_.timer) {
      fmt::print(out_, "Time: {:.3f} ms\n", seconds * 1e3);
    }
  } else if (options_.timer) {
    fmt::print(err_, "Time: {:.3f} ms\n", seconds * 1e3);
  }
  std::fflush(out_);
}

bool QueryShell::run_command(const std::string& text, int line, const std::string& source) {
  std::size_t split = 0;
  while (split < text.size() && !std::isspace(static_cast<unsigned char>(text[split]))) ++split;
  std::string name = text.substr(0, split);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string args = text.substr(split);
  args.erase(0, args.find_first_not_of(" \t"));
  try {
    if (name == "help" || name == "h" || name == "?") return command_help();
    if (name == "quit" || name == "exit" || name == "q") {
      quit_ = true;
      return true;
    }
    if (name == "schema") return command_schema();
    if (name == "param") return command_param(args);
    if (name == "params") return command_params();
    if (name == "format") return command_format(args);
    if (name == "timer") return command_timer(args);
    if (name == "max-rows") return command_max_rows(args);
    if (name == "pager") return command_pager(args);
    if (name == "explain") return command_explain(args, line, source);
    if (name == "purpose") return command_purpose(args);
    if (name == "source") return command_source(args);
    throw Error(ErrorCode::kInvalidArgument,
                "unknown command ':" + name + "' (type :help for the commands)");
  } catch (const Error& e) {
    report(e, line, source);
    return false;
  }
}

const QueryShell::CompletionWords& QueryShell::completion_words() {
  if (!completion_words_stale_) return completion_words_;
  completion_words_.labels = first_column("CALL db.labels()");
  completion_words_.types = first_column("CALL db.relationshipTypes()");
  completion_words_.keys = first_column("CALL db.propertyKeys()");
  completion_words_.procedures = first_column("CALL dbms.procedures() YIELD name RETURN name");
  completion_words_stale_ = false;
  return completion_words_;
}

std::vector<std::string> QueryShell::first_column(const std::string& text) {
  std::vector<std::string> out;
  try {
    for (const Row& row : session_.query(text)) {
      if (row.size() == 0) continue;
      out.push_back(row[0].type() == Type::kString ? row[0].as_string() : row[0].to_string());
    }
  } catch (const Error&) {
    out.clear();
  }
  return out;
}

}  // namespace guanxi::shell
