// Whether an output stream of the shell is a terminal.
#pragma once

#include <cstdio>

namespace guanxi::shell {

// True when `stream` writes to a terminal. The answer for the standard
// streams is asked of the system once per process: the shell never points
// them elsewhere, and asking for every statement (the progress line and the
// result printer each did) cost an ioctl each, about a tenth of a script of
// small statements. Other streams are asked every time.
bool is_terminal(std::FILE* stream);

}  // namespace guanxi::shell
