#include "shell/repl.h"

#include <histedit.h>
#include <langinfo.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "shell/completion_context.h"
#include "shell/statement_splitter.h"

namespace guanxi::shell {

namespace {

constexpr const char* kPrompt = "guanxi> ";
constexpr const char* kContinuationPrompt = "   ...> ";

const std::vector<std::string>& keywords() {
  static const std::vector<std::string> kKeywords = {
      "ALL", "ALLOW", "AND", "AS", "ASC", "ASCENDING", "ASSERT", "BASIS", "BEGIN", "BY", "CALL",
      "CASE", "COMMIT", "CONSTRAINT", "CONSTRAINTS", "CONTAINS", "CREATE", "DELETE", "DESC",
      "DESCENDING", "DETACH", "DISALLOW", "DISTINCT", "DROP", "ELSE", "END", "ENDS", "EXISTS",
      "EXPLAIN", "FALSE", "FOR", "FUNCTIONS", "IN", "INDEX", "INDEXES", "IS", "LIMIT", "MASK",
      "MATCH", "MERGE", "NOT", "NULL", "OF", "ON", "OPTIONAL", "OR", "ORDER", "POLICIES",
      "PROCEDURES", "PROFILE", "PURPOSE", "PURPOSES", "READ", "REMOVE", "REQUIRE", "RETURN",
      "ROLLBACK", "ROWS", "SET", "SHOW", "SKIP", "STARTS", "TAG", "TAGS", "THEN", "TRANSACTIONS",
      "TRUE", "UNION", "UNIQUE", "UNWIND", "WHEN", "WHERE", "WITH", "XOR", "YIELD",
      // functions and procedures, as they are usually written
      "abs", "allShortestPaths", "avg", "ceil", "coalesce", "collect", "count", "date", "datetime",
      "duration", "endNode", "exp", "floor", "head", "id", "keys", "labels", "last", "left",
      "length", "log", "ltrim", "max", "min", "nodes", "percentileCont", "percentileDisc",
      "properties", "rand", "range", "relationships", "replace", "reverse", "right", "round",
      "rtrim", "shortestPath", "sign", "size", "split", "sqrt", "startNode", "stDev", "substring",
      "sum", "tail", "toBoolean", "toFloat", "toInteger", "toLower", "toString", "toUpper", "trim",
      "type", "valueType"};
  return kKeywords;
}

const std::vector<std::string>& commands() {
  static const std::vector<std::string> kCommands = {
      "help",  "schema",  "param",   "params", "format", "timer", "max-rows",
      "pager", "explain", "purpose", "source", "quit",   "exit"};
  return kCommands;
}

bool iequals_prefix(const std::string& word, const std::string& prefix) {
  if (word.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(word[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  }
  return true;
}

// libedit reads keys through the C library's multibyte conversion, so in the
// "C" locale (a program's default, and often the environment's in containers
// and CI) it silently drops every byte of a Chinese character typed or
// pasted. Line editing takes the user's character type, and C.UTF-8 when that
// is not UTF-8: statements are UTF-8 whatever the terminal's locale says.
// Only LC_CTYPE changes, so number formatting and parsing stay as they are.
void use_utf8_character_type() {
  const char* chosen = std::setlocale(LC_CTYPE, "");
  if (chosen != nullptr && std::strcmp(nl_langinfo(CODESET), "UTF-8") == 0) return;
  if (std::setlocale(LC_CTYPE, "C.UTF-8") == nullptr) std::setlocale(LC_CTYPE, "C");
}

class Repl {
 public:
  Repl(QueryShell& shell, std::string history_path)
      : shell_(shell), history_path_(std::move(history_path)) {
    use_utf8_character_type();
    history_ = history_init();
    HistEvent event;
    history(history_, &event, H_SETSIZE, 2000);
    history(history_, &event, H_SETUNIQUE, 1);
    if (!history_path_.empty()) history(history_, &event, H_LOAD, history_path_.c_str());

    el_ = el_init("guanxi", stdin, stdout, stderr);
    el_set(el_, EL_CLIENTDATA, this);
    el_set(el_, EL_EDITOR, "emacs");
    el_set(el_, EL_PROMPT, &Repl::prompt);
    el_set(el_, EL_HIST, history, history_);
    // ^C is a key while editing (it clears the statement being typed), so
    // the terminal must not turn it into SIGINT then; while a statement
    // runs, the terminal is back in its normal mode and ^C cancels it.
    el_set(el_, EL_SETTY, "-d", "-isig", nullptr);
    el_set(el_, EL_ADDFN, "gx-interrupt", "Discard the statement being typed", &Repl::interrupt);
    el_set(el_, EL_BIND, "^C", "gx-interrupt", nullptr);
    el_set(el_, EL_ADDFN, "gx-complete", "Complete a keyword or name", &Repl::complete);
    el_set(el_, EL_BIND, "^I", "gx-complete", nullptr);
    el_source(el_, nullptr);  // the user's ~/.editrc, if any
  }

  ~Repl() {
    el_end(el_);
    history_end(history_);
  }

  int run() {
    while (!shell_.quit_requested()) {
      interrupted_ = false;
      continuation_ = splitter_.pending();
      int count = 0;
      const char* line = el_gets(el_, &count);
      if (interrupted_) {
        splitter_.clear();
        statement_lines_.clear();
        continue;
      }
      if (line == nullptr || count <= 0) {
        if (count < 0 && errno == EINTR) continue;
        std::fputc('\n', stdout);  // Ctrl-D: leave on a fresh line
        break;
      }
      std::string text(line, static_cast<std::size_t>(count));
      if (text.empty() || text.back() != '\n') text += '\n';
      splitter_.feed(text);
      while (!shell_.quit_requested()) {
        std::optional<ScriptItem> item = splitter_.next();
        if (!item) break;
        shell_.run(*item, "");
      }
      remember(text);
    }
    return 0;
  }

 private:
  static Repl& self(EditLine* el) {
    void* data = nullptr;
    el_get(el, EL_CLIENTDATA, &data);
    return *static_cast<Repl*>(data);
  }

  static char* prompt(EditLine* el) {
    return const_cast<char*>(self(el).continuation_ ? kContinuationPrompt : kPrompt);
  }

  // Ctrl-C at the prompt drops what is being typed; the next prompt starts
  // on a line of its own, not after the ^C.
  static unsigned char interrupt(EditLine* el, int) {
    self(el).interrupted_ = true;
    std::fputs("^C\n", stdout);
    return CC_NEWLINE;
  }

  static unsigned char complete(EditLine* el, int) { return self(el).complete_word(el); }

  unsigned char complete_word(EditLine* el) {
    const LineInfo* info = el_line(el);
    const CompletionContext context = completion_context(
        std::string_view(info->buffer, static_cast<std::size_t>(info->cursor - info->buffer)),
        splitter_.pending());
    const std::string& prefix = context.prefix;
    std::vector<std::string> matches;
    auto add_from = [&](const std::vector<std::string>& words) {
      for (const auto& w : words)
        if (w.rfind(prefix, 0) == 0) matches.push_back(w);
    };
    const QueryShell::CompletionWords& words = shell_.completion_words();
    switch (context.kind) {
      case CompletionKind::kCommand: add_from(commands()); break;
      case CompletionKind::kLabel: add_from(words.labels); break;
      case CompletionKind::kType: add_from(words.types); break;
      case CompletionKind::kPropertyKey: add_from(words.keys); break;
      case CompletionKind::kProcedure: add_from(words.procedures); break;
      case CompletionKind::kParameter:
        for (const auto& [name, value] : shell_.params())
          if (name.rfind(prefix, 0) == 0) matches.push_back(name);
        break;
      case CompletionKind::kAnything: {
        add_from(words.labels);
        add_from(words.types);
        add_from(words.keys);
        // Keywords in the case the word is typed in: `ret` gives `return`.
        const bool lower = !prefix.empty() && std::all_of(prefix.begin(), prefix.end(), [](char c) {
          return !std::isupper(static_cast<unsigned char>(c));
        });
        for (std::string k : keywords()) {
          if (!iequals_prefix(k, prefix)) continue;
          const bool keyword = std::all_of(k.begin(), k.end(), [](char c) {
            return !std::islower(static_cast<unsigned char>(c));
          });
          if (keyword && lower)
            std::transform(k.begin(), k.end(), k.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
          matches.push_back(k);
        }
        break;
      }
    }
    std::sort(matches.begin(), matches.end());
    matches.erase(std::unique(matches.begin(), matches.end()), matches.end());
    if (matches.empty()) return CC_ERROR;

    // Insert what all matches share beyond the prefix (case as in the match).
    std::string common = matches[0];
    for (const auto& m : matches) {
      std::size_t i = 0;
      while (i < common.size() && i < m.size() && common[i] == m[i]) ++i;
      common.resize(i);
    }
    if (common.size() > prefix.size()) {
      el_deletestr(el, static_cast<int>(prefix.size()));
      el_insertstr(el, (common + (matches.size() == 1 ? " " : "")).c_str());
      return CC_REFRESH;
    }
    if (matches.size() == 1) {
      el_insertstr(el, " ");
      return CC_REFRESH;
    }
    std::string list;
    for (const auto& m : matches) list += m + "  ";
    std::fprintf(stdout, "\n%s\n", list.c_str());
    return CC_REDISPLAY;
  }

  // History keeps one entry per statement: the lines of a statement that
  // spans several are collected until it ends and entered together, with
  // their line breaks, so the up arrow brings back the whole statement.
  void remember(const std::string& line) {
    std::string text = line;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    if (!statement_lines_.empty() || text.find_first_not_of(" \t") != std::string::npos) {
      if (!statement_lines_.empty()) statement_lines_ += '\n';
      statement_lines_ += text;
    }
    if (splitter_.pending() || statement_lines_.empty()) return;
    const std::string entry = std::move(statement_lines_);
    statement_lines_.clear();
    HistEvent event;
    history(history_, &event, H_ENTER, entry.c_str());
    if (!history_path_.empty()) history(history_, &event, H_SAVE, history_path_.c_str());
  }

  QueryShell& shell_;
  std::string history_path_;
  History* history_ = nullptr;
  EditLine* el_ = nullptr;
  StatementSplitter splitter_;
  bool continuation_ = false;
  bool interrupted_ = false;
  std::string statement_lines_;  // the lines of the statement being typed
};

}  // namespace

std::string default_history_path() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return "";
  return std::string(home) + "/.guanxi_history";
}

int run_repl(QueryShell& shell, const std::string& history_path) {
  Repl repl(shell, history_path);
  return repl.run();
}

}  // namespace guanxi::shell
