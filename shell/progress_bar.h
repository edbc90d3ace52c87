// ProgressBar: one self-overwriting status line on a terminal, for long
// subcommands (import, verify).
//
// It draws only when its stream is a terminal; on a pipe or file every call is
// a no-op, so scripts and logs see only the final summary. Redraws are limited
// to about ten a second, so callers may report as often as they like.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace guanxi::shell {

class ProgressBar {
 public:
  // Draws on `out` (normally stderr) when it is a terminal.
  explicit ProgressBar(std::FILE* out);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  bool enabled() const { return enabled_; }

  // Shows `phase` with `done` of `total` (a bar and a percentage; just a count
  // when total is 0) and a free-form `detail` such as "1,234 rows". A change
  // of phase is always drawn.
  void update(std::string_view phase, std::uint64_t done, std::uint64_t total,
              std::string_view detail);

  // Erases the line, leaving the cursor at its start for the next output.
  void clear();

 private:
  std::FILE* out_;
  bool enabled_;
  bool drawn_ = false;
  std::string phase_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace guanxi::shell
