// Errors a subcommand reports to its user, with the process exit code they
// map to. main() prints "guanxi: error: <message>" on stderr and exits.
//
// Exit codes follow sqlite3 and neo4j-admin: 0 success, 1 a problem with the
// data or the database (bad import row, integrity problems, missing
// database), 2 a usage error (bad options or arguments).
#pragma once

#include <stdexcept>
#include <string>

namespace guanxi::shell {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

class CommandError : public std::runtime_error {
 public:
  explicit CommandError(const std::string& message, int exit_code = kExitFailure)
      : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

// Bad options or arguments found outside CLI11's own parsing.
class UsageError : public CommandError {
 public:
  explicit UsageError(const std::string& message) : CommandError(message, kExitUsage) {}
};

}  // namespace guanxi::shell
