// StatementProgressLine: the shell's progress line for a long statement.
// Once a statement has run for more than two seconds, a watcher thread
// draws one self-overwriting line on standard error (ProgressBar) about ten
// times a second, from Session::progress(): the rows so far, an algorithm's
// phase and step, and the time since the statement started:
//
//   pageRank 7/20  0 rows  3.4s
//
// The statement itself runs on the shell's thread and never waits for the
// line; a statement done within two seconds draws nothing. When standard
// error is not a terminal no thread starts at all, so scripts and pipes see
// nothing and pay nothing.
#pragma once

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include "guanxi/database.h"
#include "shell/progress_bar.h"

namespace guanxi::shell {

class StatementProgressLine {
 public:
  // Starts watching the statement about to run on `session`, drawing on
  // `out` (stderr) when it is a terminal. `session` must outlive this object.
  StatementProgressLine(const Session& session, std::FILE* out);
  // stop().
  ~StatementProgressLine();
  StatementProgressLine(const StatementProgressLine&) = delete;
  StatementProgressLine& operator=(const StatementProgressLine&) = delete;

  // Ends the watcher and erases the line, leaving the cursor where the line
  // began; call before anything else is written to the terminal. Returns
  // once the watcher is gone; calling it again does nothing.
  void stop();

 private:
  void watch();

  const Session& session_;
  ProgressBar bar_;  // drawn by the watcher only, until stop() has joined it
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread watcher_;
};

}  // namespace guanxi::shell
