// Errors of the algorithms: a bad configuration value, or a cancelled run;
// and Cancellation, through which a run is cancelled and reports progress.
#pragma once

#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "algorithms/run_progress.h"

namespace guanxi::algorithms {

// A configuration value out of range; the message names the algorithm, the
// key (as users spell it in a CALL config map) and the value, e.g.
// "algo.pagerank: dampingFactor must be in [0, 1), got 1.5".
class ConfigError : public std::invalid_argument {
 public:
  ConfigError(const std::string& algorithm, const std::string& key, const std::string& why)
      : std::invalid_argument(algorithm + ": " + key + " " + why), key_(key) {}
  const std::string& key() const { return key_; }

 private:
  std::string key_;
};

// Thrown from inside an algorithm when its Cancellation was requested.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("the algorithm was cancelled") {}
};

// What a caller holds on a long run: a flag another thread sets to stop it,
// which algorithms poll between iterations or every few thousand vertices,
// and the RunProgress they report their phase and iteration to. A default
// Cancellation never fires and reports nowhere. Algorithms stay functions of
// a graph and a config: this is all they know of who runs them.
class Cancellation {
 public:
  Cancellation() = default;
  explicit Cancellation(const std::atomic<bool>* flag, RunProgress* progress = nullptr)
      : flag_(flag), progress_(progress) {}
  bool requested() const { return flag_ && flag_->load(std::memory_order_relaxed); }
  void check() const {
    if (requested()) throw Cancelled();
  }

  // Progress reports (run_progress.h); each is a no-op without a RunProgress.
  // `phase` is a string literal: the algorithm as CALL names it, or
  // "projection".
  void enter_phase(const char* phase, std::uint64_t steps = 0) const {
    if (progress_) progress_->enter(phase, steps);
  }
  void at_step(std::uint64_t step) const {
    if (progress_) progress_->at(step);
  }
  void advance(std::uint64_t steps = 1) const {
    if (progress_) progress_->advance(steps);
  }

 private:
  const std::atomic<bool>* flag_ = nullptr;
  RunProgress* progress_ = nullptr;
};

}  // namespace guanxi::algorithms
