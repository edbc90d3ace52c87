// Script mode: statements and commands from -c arguments, a -f file or
// piped standard input, run in order. The first failure stops the script
// (its error on stderr, with the source and line); :quit ends it early.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "shell/query_shell.h"

namespace guanxi::shell {

// Runs every item of `text`; returns false at the first failure.
bool run_script_text(QueryShell& shell, std::string_view text, const std::string& source);

// Runs the items of `in` as they arrive (so a producer may pipe statements
// in); returns false at the first failure. Throws CommandError when reading fails.
bool run_script_stream(QueryShell& shell, std::FILE* in, const std::string& source);

}  // namespace guanxi::shell
