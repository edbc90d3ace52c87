#include "shell/terminal.h"

#include <unistd.h>

#include <array>
#include <atomic>

namespace guanxi::shell {

bool is_terminal(std::FILE* stream) {
  if (stream == nullptr) return false;
  const int fd = ::fileno(stream);
  if (fd < 0) return false;
  if (fd > STDERR_FILENO) return ::isatty(fd) == 1;
  // 0: not asked yet, 1: a terminal, 2: not one.
  static std::array<std::atomic<int>, 3> known{};
  int answer = known[static_cast<std::size_t>(fd)].load(std::memory_order_relaxed);
  if (answer == 0) {
    answer = ::isatty(fd) == 1 ? 1 : 2;
    known[static_cast<std::size_t>(fd)].store(answer, std::memory_order_relaxed);
  }
  return answer == 1;
}

}  // namespace guanxi::shell
