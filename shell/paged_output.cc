#include "shell/paged_output.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "shell/terminal.h"

namespace guanxi::shell {

namespace {

bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    if (access((std::filesystem::path(dir) / program).c_str(), X_OK) == 0) return true;
  }
  return false;
}

}  // namespace

std::string PagedOutput::pager_command() {
  if (const char* pager = std::getenv("PAGER")) return pager;
  return on_path("less") ? "less -S" : "";
}

PagedOutput::PagedOutput(std::FILE* out, bool enabled) : out_(out), stream_(out) {
  if (!enabled || !is_terminal(out)) return;
  winsize size{};
  if (ioctl(fileno(out), TIOCGWINSZ, &size) != 0 || size.ws_row < 2) return;
  // Leave room for the prompt that follows the result.
  terminal_lines_ = size.ws_row - 1;
  cookie_io_functions_t functions{};
  functions.write = &PagedOutput::write_to;
  std::FILE* stream = fopencookie(this, "w", functions);
  if (!stream) return;
  stream_ = stream;
  holding_ = true;
}

PagedOutput::~PagedOutput() { finish(); }

ssize_t PagedOutput::write_to(void* cookie, const char* data, std::size_t size) {
  static_cast<PagedOutput*>(cookie)->write(data, size);
  return static_cast<ssize_t>(size);
}

void PagedOutput::write(const char* data, std::size_t size) {
  if (holding_) {
    buffer_.append(data, size);
    lines_ += static_cast<std::size_t>(std::count(data, data + size, '\n'));
    if (lines_ > terminal_lines_) start_pager();
    return;
  }
  if (!pager_) {
    std::fwrite(data, 1, size, out_);
  } else if (!pager_gone_ && std::fwrite(data, 1, size, pager_) != size) {
    pager_gone_ = true;  // the reader left the pager: drop the rest
  }
}

void PagedOutput::start_pager() {
  holding_ = false;
  const std::string command = pager_command();
  if (!command.empty()) {
    std::fflush(out_);
    previous_sigpipe_ = std::signal(SIGPIPE, SIG_IGN);
    pager_ = popen(command.c_str(), "w");
  }
  if (!pager_) {
    // No pager: everything goes straight to the terminal.
    if (!command.empty()) std::signal(SIGPIPE, previous_sigpipe_);
    std::fwrite(buffer_.data(), 1, buffer_.size(), out_);
    buffer_.clear();
    return;
  }
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), pager_) != buffer_.size()) pager_gone_ = true;
  buffer_.clear();
}

void PagedOutput::finish() {
  if (finished_) return;
  finished_ = true;
  if (stream_ == out_) return;
  std::fclose(stream_);  // flushes the last writes through write_to
  stream_ = out_;
  if (holding_) {
    std::fwrite(buffer_.data(), 1, buffer_.size(), out_);
  } else if (pager_) {
    pclose(pager_);
    std::signal(SIGPIPE, previous_sigpipe_);
  }
  std::fflush(out_);
}

}  // namespace guanxi::shell
