// QueryShell: what the interactive shell and script mode share — one
// session on the database, the parameters, the output format, and how a
// statement or a shell command (":help", ":param", ...) runs and prints.
#pragma once

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "guanxi/guanxi.h"
#include "shell/output_encoding.h"
#include "shell/result_format.h"
#include "shell/statement_progress_line.h"
#include "shell/statement_splitter.h"

namespace guanxi::shell {

struct ShellOptions {
  OutputFormat format = OutputFormat::kTable;
  // The encoding of csv and tsv output; any other keeps the format csv or
  // tsv (:format refuses the others).
  TextEncoding encoding = TextEncoding::kUtf8;
  bool timer = false;
  // Interactive: row counts after tables, errors without the script location.
  bool interactive = false;
  // Rows printed per result; the rest are counted, not printed. 0: all.
  std::size_t max_rows = 0;
  // Results taller than the terminal go through the pager (paged_output.h).
  bool pager = false;
  SessionOptions session;
};

class QueryShell {
 public:
  // Output goes to `out`, errors to `err`; `database` must outlive the shell.
  QueryShell(Database& database, ShellOptions options, std::FILE* out, std::FILE* err);

  // Runs one statement or command. Returns false when it failed; the error
  // is then printed on `err`, prefixed in scripts by `source` (a file name,
  // "<stdin>", "-c") and the item's line.
  bool run(const ScriptItem& item, const std::string& source);

  // Set by :quit (and :exit).
  bool quit_requested() const { return quit_; }

  // Parameters for every statement, by name without '$'.
  Params& params() { return params_; }
  Session& session() { return session_; }
  ShellOptions& options() { return options_; }

  // Names to complete at the prompt, each kind sorted: the database's labels,
  // relationship types and property keys (refreshed after statements that
  // change them) and the procedures CALL can run.
  struct CompletionWords {
    std::vector<std::string> labels, types, keys, procedures;
  };
  const CompletionWords& completion_words();

 private:
  bool run_statement(const std::string& text, int line, const std::string& source);
  bool run_command(const std::string& text, int line, const std::string& source);
  void report(const Error& error, int line, const std::string& source);
  // Prints a statement's warnings (unknown names and their likely
  // spellings) to standard error, before its rows.
  void warn(const std::vector<Notification>& notifications, int line, const std::string& source);
  // Prints the rows, the plan and the summary; the time is from `start` to
  // the last row read. Stops `progress_line` before the first row printed
  // on the terminal, and at the latest after the last row read.
  void print_result(Result& result, bool profiled, bool explained,
                    std::chrono::steady_clock::time_point start,
                    StatementProgressLine& progress_line);

  // Shell commands (shell_commands.cc); each returns false on failure.
  bool command_help();
  bool command_schema();
  bool command_param(const std::string& args);
  bool command_params();
  bool command_format(const std::string& args);
  bool command_timer(const std::string& args);
  bool command_max_rows(const std::string& args);
  bool command_pager(const std::string& args);
  bool command_explain(const std::string& args, int line, const std::string& source);
  bool command_purpose(const std::string& args);
  bool command_source(const std::string& args);
  // The first column of every row of `text`, as text; empty on an error.
  std::vector<std::string> first_column(const std::string& text);

  Database& database_;
  ShellOptions options_;
  std::FILE* out_;
  std::FILE* err_;
  Session session_;
  // Set when options_.encoding is not UTF-8; one for the whole output, so
  // that a byte-order mark is written once.
  std::optional<OutputEncoding> output_encoding_;
  Params params_;
  bool quit_ = false;
  CompletionWords completion_words_;
  bool completion_words_stale_ = true;
};

}  // namespace guanxi::shell
