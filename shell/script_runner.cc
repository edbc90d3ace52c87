#include "shell/script_runner.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "shell/command_error.h"
#include "shell/statement_splitter.h"

namespace guanxi::shell {

namespace {

// Runs the complete items of `splitter`; with `at_end`, also its rest.
// Returns false at the first failure; true also after :quit (with
// shell.quit_requested() set).
bool run_items(QueryShell& shell, StatementSplitter& splitter, const std::string& source,
               bool at_end) {
  while (!shell.quit_requested()) {
    std::optional<ScriptItem> item = splitter.next();
    if (!item && at_end) item = splitter.finish();
    if (!item) return true;
    if (!shell.run(*item, source)) return false;
  }
  return true;
}

}  // namespace

bool run_script_text(QueryShell& shell, std::string_view text, const std::string& source) {
  StatementSplitter splitter;
  splitter.feed(text);
  splitter.feed("\n");
  return run_items(shell, splitter, source, true);
}

bool run_script_stream(QueryShell& shell, std::FILE* in, const std::string& source) {
  StatementSplitter splitter;
  char buffer[1 << 16];
  const int fd = fileno(in);
  while (!shell.quit_requested()) {
    // read(2) rather than fread: a statement piped in runs as soon as it is
    // complete, not when a buffer fills.
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw CommandError("cannot read " + source + ": " + std::strerror(errno));
    }
    if (n == 0) break;
    splitter.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
    if (!run_items(shell, splitter, source, false)) return false;
  }
  splitter.feed("\n");
  return run_items(shell, splitter, source, true);
}

}  // namespace guanxi::shell
