// The interactive shell: libedit line editing (emacs keys), history kept in
// a file, statements ending in ';' over several lines (continuation prompt),
// Tab completion of keywords, labels, relationship types and property keys,
// Ctrl-C clearing the statement being typed (or cancelling a running one,
// see interrupt.h), Ctrl-D or :quit leaving.
#pragma once

#include <string>

#include "shell/query_shell.h"

namespace guanxi::shell {

// Runs the shell on the terminal until Ctrl-D or :quit. `history_path` is
// read at start and written after each line ("" keeps no history). Returns
// the exit status: 0.
int run_repl(QueryShell& shell, const std::string& history_path);

// ~/.guanxi_history, or "" when HOME is not set.
std::string default_history_path();

}  // namespace guanxi::shell
