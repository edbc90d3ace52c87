// The list of TCK scenarios known to fail (tests/tck/expected_failures.txt).
//
// One scenario per line, its id, a '|' and the reason it fails:
//
//   Temporal2 [6] #5 | offsets of seconds before 1900 print without seconds
//
// A reason may be defined once and named: a line "@zones: named time zones
// ..." defines @zones, and "Temporal2 [6] #5 | @zones" uses it. Lines that
// are empty or start with '#' are comments.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace guanxi::tck {

struct ExpectedFailure {
  std::string reason;  // resolved: never an @name
  int line = 0;
};

struct ExpectedFailures {
  std::map<std::string, ExpectedFailure> entries;  // by scenario id
};

// Reads the list; throws std::runtime_error "file:line: reason" for a line
// without a reason, an unknown @name or a scenario listed twice.
ExpectedFailures read_expected_failures(const std::filesystem::path& path);

}  // namespace guanxi::tck
