// Ctrl-C in the shell. SIGINT is blocked in every thread and taken by one
// watcher thread (sigwait), so nothing runs in a signal handler: while a
// statement runs, Ctrl-C cancels it through Session::cancel(); at the
// interactive prompt libedit reads ^C as a key (see repl.cc) and clears the
// line; at other times a script exits with status 130 and the interactive
// shell ignores it.
#pragma once

#include "guanxi/database.h"

namespace guanxi::shell {

// Blocks SIGINT and starts the watcher thread. Call once, before any other
// thread starts. `exit_when_idle`: a SIGINT with no statement running ends
// the process with status 130 (scripts); otherwise it is ignored.
void install_interrupt_watcher(bool exit_when_idle);

// While an object lives, SIGINT cancels `session`'s running statement.
class CancelOnInterrupt {
 public:
  explicit CancelOnInterrupt(Session& session);
  ~CancelOnInterrupt();
  CancelOnInterrupt(const CancelOnInterrupt&) = delete;
  CancelOnInterrupt& operator=(const CancelOnInterrupt&) = delete;
};

}  // namespace guanxi::shell
