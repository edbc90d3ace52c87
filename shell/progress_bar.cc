#include "shell/progress_bar.h"

#include <fmt/format.h>

#include <algorithm>

#include "shell/terminal.h"

namespace guanxi::shell {

namespace {
constexpr int kBarWidth = 30;
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
}  // namespace

ProgressBar::ProgressBar(std::FILE* out)
    : out_(out), enabled_(is_terminal(out)), start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() { clear(); }

void ProgressBar::update(std::string_view phase, std::uint64_t done, std::uint64_t total,
                         std::string_view detail) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const bool new_phase = phase != phase_;
  if (!new_phase && drawn_ && now - last_draw_ < kRedrawInterval) return;
  if (new_phase) phase_ = std::string(phase);
  last_draw_ = now;

  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::string line;
  if (total > 0) {
    const double fraction = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
    const int filled = static_cast<int>(fraction * kBarWidth);
    line = fmt::format("{:<8} [{}{}] {:5.1f}%  {}  {:.1f}s", phase_, std::string(filled, '#'),
                       std::string(kBarWidth - filled, '.'), fraction * 100, detail, seconds);
  } else {
    line = fmt::format("{:<8} {}  {:.1f}s", phase_, detail, seconds);
  }
  // \r returns to the line start, \033[K erases what a longer line left.
  fmt::print(out_, "\r{}\033[K", line);
  std::fflush(out_);
  drawn_ = true;
}

void ProgressBar::clear() {
  if (!enabled_ || !drawn_) return;
  fmt::print(out_, "\r\033[K");
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace guanxi::shell
