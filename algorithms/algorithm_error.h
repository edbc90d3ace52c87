// Errors of the algorithms: a bad configuration value, or a cancelled run.
#pragma once

#include <atomic>
#include <stdexcept>
#include <string>

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

// A flag another thread sets to stop a long run; algorithms poll it between
// iterations or every few thousand vertices. A default Cancellation never fires.
class Cancellation {
 public:
  Cancellation() = default;
  explicit Cancellation(const std::atomic<bool>* flag) : flag_(flag) {}
  bool requested() const { return flag_ && flag_->load(std::memory_order_relaxed); }
  void check() const {
    if (requested()) throw Cancelled();
  }

 private:
  const std::atomic<bool>* flag_ = nullptr;
};

}  // namespace guanxi::algorithms
