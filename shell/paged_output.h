// PagedOutput: the interactive shell's output for one result, shown through
// a pager when it is taller than the terminal.
//
// The text is held back until it is known whether it fits: while it is
// shorter than the terminal it stays in memory and is written out at
// finish(); as soon as it grows taller, the pager ($PAGER, or `less -S` when
// PAGER is unset; an empty PAGER turns paging off) is started, given what
// was held back, and everything after streams into it. So a short answer
// never flashes a pager, and a long one does not wait in memory. Without a
// pager the text goes to the terminal as it is; when the reader quits the
// pager early, the rest is dropped quietly (SIGPIPE is ignored while
// paging).
#pragma once

#include <sys/types.h>

#include <csignal>
#include <cstdio>
#include <string>

namespace guanxi::shell {

class PagedOutput {
 public:
  // With `enabled` false, or when `out` is not a terminal, stream() is `out`
  // itself and nothing is held back.
  PagedOutput(std::FILE* out, bool enabled);
  ~PagedOutput();
  PagedOutput(const PagedOutput&) = delete;
  PagedOutput& operator=(const PagedOutput&) = delete;

  // Where the result is written.
  std::FILE* stream() const { return stream_; }
  // Writes out what is held back, or waits for the reader to leave the
  // pager. Called by the destructor when not called before.
  void finish();

  // The pager command to use: $PAGER when set (empty: none), else `less -S`
  // when `less` is on the PATH, else none (an empty string).
  static std::string pager_command();

 private:
  static ssize_t write_to(void* cookie, const char* data, std::size_t size);
  void write(const char* data, std::size_t size);
  void start_pager();

  std::FILE* out_;
  std::FILE* stream_;
  bool holding_ = false;  // text is held in buffer_ until it outgrows the terminal
  std::string buffer_;
  std::size_t lines_ = 0;
  std::size_t terminal_lines_ = 0;
  std::FILE* pager_ = nullptr;
  bool pager_gone_ = false;
  void (*previous_sigpipe_)(int) = SIG_DFL;
  bool finished_ = false;
};

}  // namespace guanxi::shell
