#include "shell/statement_progress_line.h"

#include <fmt/format.h>

#include <chrono>
#include <string>

#include "shell/text_format.h"

namespace guanxi::shell {

namespace {

// Long enough that an ordinary statement never shows a line, short enough
// that a person waiting sees the shell is working.
constexpr auto kQuietTime = std::chrono::seconds(2);
// ProgressBar redraws at most this often as well.
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

}  // namespace

StatementProgressLine::StatementProgressLine(const Session& session, std::FILE* out)
    : session_(session), bar_(out) {
  if (bar_.enabled()) watcher_ = std::thread([this] { watch(); });
}

StatementProgressLine::~StatementProgressLine() { stop(); }

void StatementProgressLine::stop() {
  if (!watcher_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  watcher_.join();
}

void StatementProgressLine::watch() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (wake_.wait_for(lock, kQuietTime, [this] { return stopping_; })) return;
  do {
    const StatementProgress progress = session_.progress();
    const std::string rows = thousands(progress.rows) + (progress.rows == 1 ? " row" : " rows");
    if (progress.phase.empty()) {
      bar_.update("running", 0, 0, rows);
    } else {
      const std::string step = progress.steps > 0  ? fmt::format("{}/{}", thousands(progress.step),
                                                                 thousands(progress.steps))
                               : progress.step > 0 ? thousands(progress.step)
                                                   : std::string();
      bar_.update(progress.phase, 0, 0, step.empty() ? rows : step + "  " + rows);
    }
  } while (!wake_.wait_for(lock, kRedrawInterval, [this] { return stopping_; }));
  bar_.clear();
}

}  // namespace guanxi::shell
