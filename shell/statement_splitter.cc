#include "shell/statement_splitter.h"

#include <algorithm>

namespace guanxi::shell {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string trimmed(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_blank(s[b])) ++b;
  while (e > b && is_blank(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

void StatementSplitter::feed(std::string_view text) { buffer_.append(text); }

StatementSplitter::Scan StatementSplitter::scan(bool at_end) const {
  using State = ScanState;
  ScanProgress p = progress_;
  Scan& s = p.found;
  State& state = p.state;
  const std::string_view text = pending_text();
  const std::size_t n = text.size();
  std::size_t i = p.index;
  for (; i < n; ++i) {
    const char c = text[i];
    // A last character read with the one after it waits for that one.
    const bool reads_next = (state == State::kCode && !s.command && c == '/') ||
                            ((state == State::kSingle || state == State::kDouble) && c == '\\') ||
                            (state == State::kBlockComment && c == '*');
    if (reads_next && i + 1 == n && !at_end) break;
    const char next = i + 1 < n ? text[i + 1] : '\0';
    switch (state) {
      case State::kCode:
        if (s.command) {  // a command runs to the end of its line, comments and all
          if (c == '\n') {
            s.end = i;
            return s;
          }
        } else if (c == '/' && next == '/') {
          state = State::kLineComment;
          ++i;
        } else if (c == '/' && next == '*') {
          state = State::kBlockComment;
          ++i;
        } else if (s.content_begin == std::string::npos && is_blank(c)) {
          // leading blanks
        } else if (s.content_begin == std::string::npos && c == ';') {
          // an empty statement; skipped by the caller through content_begin
          s.end = i;
          return s;
        } else {
          if (s.content_begin == std::string::npos) {
            s.content_begin = i;
            if (c == ':') s.command = true;
          }
          if (s.command) {
            // the rest of the line belongs to the command
          } else if (c == ';') {
            s.end = i;
            return s;
          } else if (c == '\'') {
            state = State::kSingle;
          } else if (c == '"') {
            state = State::kDouble;
          } else if (c == '`') {
            state = State::kBacktick;
          }
        }
        break;
      case State::kSingle:
      case State::kDouble:
        if (c == '\\') {
          ++i;
        } else if (c == (state == State::kSingle ? '\'' : '"')) {
          state = State::kCode;
        }
        break;
      case State::kBacktick:
        if (c == '`') state = State::kCode;
        break;
      case State::kLineComment:
        if (c == '\n') state = State::kCode;
        break;
      case State::kBlockComment:
        if (c == '*' && next == '/') {
          state = State::kCode;
          ++i;
        }
        break;
    }
  }
  if (!at_end) {
    p.index = i;
    progress_ = p;
  }
  return s;  // no boundary yet
}

std::string_view StatementSplitter::pending_text() const {
  return std::string_view(buffer_).substr(consumed_);
}

void StatementSplitter::consume(std::size_t n) {
  progress_ = {};
  const std::string_view gone = pending_text().substr(0, n);
  line_ += static_cast<int>(std::count(gone.begin(), gone.end(), '\n'));
  consumed_ += gone.size();
  // Erasing each item from the front moved the rest of the script every
  // time: a script of 20,000 statements spent a fifth of its run in memmove.
  // Dropping the consumed part only once it is the larger half keeps the
  // moves linear in the input.
  if (consumed_ >= kCompactBytes && consumed_ * 2 >= buffer_.size()) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
}

ScriptItem StatementSplitter::make_item(const Scan& s, std::size_t text_end) const {
  ScriptItem item;
  item.kind = s.command ? ScriptItem::Kind::kCommand : ScriptItem::Kind::kStatement;
  const std::string_view pending = pending_text();
  item.line = line_ + static_cast<int>(std::count(
                          pending.begin(),
                          pending.begin() + static_cast<std::ptrdiff_t>(s.content_begin), '\n'));
  std::size_t begin = s.content_begin + (s.command ? 1 : 0);
  std::string text = trimmed(pending.substr(begin, text_end - begin));
  // A command typed with a trailing ';' out of habit.
  if (s.command) {
    while (!text.empty() && (text.back() == ';' || is_blank(text.back()))) text.pop_back();
  }
  item.text = std::move(text);
  return item;
}

std::optional<ScriptItem> StatementSplitter::next() {
  while (true) {
    const Scan s = scan();
    if (s.end == std::string::npos) return std::nullopt;
    if (s.content_begin == std::string::npos) {  // ";" alone, or blanks and comments then ";"
      consume(s.end + 1);
      continue;
    }
    ScriptItem item = make_item(s, s.end);
    consume(s.end + 1);
    return item;
  }
}

std::optional<ScriptItem> StatementSplitter::finish() {
  const Scan s = scan(true);
  if (s.content_begin == std::string::npos) {
    consume(pending_text().size());
    return std::nullopt;
  }
  // An unterminated string or comment runs to the end: the statement takes
  // it all, and the parser reports what is wrong.
  ScriptItem rest = make_item(s, pending_text().size());
  consume(pending_text().size());
  return rest;
}

bool StatementSplitter::pending() const { return scan().content_begin != std::string::npos; }

void StatementSplitter::clear() { consume(pending_text().size()); }

}  // namespace guanxi::shell
