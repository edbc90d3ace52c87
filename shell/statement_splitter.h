// Splits shell input into statements and shell commands.
//
// A statement ends at a ';' that is outside a string ('...' or "...", with
// backslash escapes), a `quoted name` and a comment (// to the end of the
// line, /* ... */). A shell command is a line whose first non-blank
// character, at the start of an item, is ':' (":param k => 1"); it ends at
// the end of its line and needs no ';'. Input may arrive in pieces (a line
// at a time in the interactive shell); items come out once complete.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace guanxi::shell {

struct ScriptItem {
  enum class Kind { kStatement, kCommand };
  Kind kind = Kind::kStatement;
  std::string text;  // without the ';' (statements) or the ':' (commands), trimmed
  int line = 1;      // 1-based line of the item's first character in all input fed
};

class StatementSplitter {
 public:
  // Appends input; it may hold several items or part of one.
  void feed(std::string_view text);

  // The next complete item, or nullopt until more input arrives. Comment-only
  // and empty statements (";;") are skipped.
  std::optional<ScriptItem> next();

  // At the end of the input, once next() gives nothing: the unterminated rest as a last item (a
  // statement without its ';'), or nullopt when only blanks and comments
  // remain. Clears the pending input.
  std::optional<ScriptItem> finish();

  // True when input is pending that is more than blanks and comments: the
  // interactive shell then shows its continuation prompt.
  bool pending() const;

  // Drops the pending input (Ctrl-C in the interactive shell); line numbers
  // keep counting.
  void clear();

 private:
  // Scans pending_text() to the first item boundary. `at_end`: no more input
  // follows, so a character whose meaning depends on the next one ('/',
  // '*', a backslash) is read as the last.
  struct Scan {
    std::size_t content_begin = std::string::npos;  // first char not blank or comment
    std::size_t end = std::string::npos;            // index of the ';' or '\n' ending the item
    bool command = false;
  };
  Scan scan(bool at_end = false) const;
  // Where the last scan that found no boundary stopped, and in what state:
  // the next scan goes on from there, so input that arrives in pieces is
  // read once. (Scanning from the start each time read a 9.7 MB statement,
  // piped in 64 KiB pieces, about 150 times over: 3.06 s before its "too
  // long" error, now 0.22 s.) Reset when input is consumed.
  enum class ScanState { kCode, kSingle, kDouble, kBacktick, kLineComment, kBlockComment };
  struct ScanProgress {
    Scan found;
    ScanState state = ScanState::kCode;
    std::size_t index = 0;  // in pending_text()
  };
  mutable ScanProgress progress_;
  // The input not yet given out: buffer_ past consumed_. Scan and item
  // positions count from its start.
  std::string_view pending_text() const;
  // Consumes the first n characters of pending_text() and advances line_
  // past their newlines.
  void consume(std::size_t n);
  ScriptItem make_item(const Scan& s, std::size_t text_end) const;

  // Consumed input is dropped from buffer_ once it is this long and at least
  // half of it.
  static constexpr std::size_t kCompactBytes = 1 << 16;
  std::string buffer_;
  std::size_t consumed_ = 0;  // characters at the front of buffer_ already given out
  int line_ = 1;              // line of pending_text()[0]
};

}  // namespace guanxi::shell
