#include "tests/tck/runner/expected_failures.h"

#include <fstream>
#include <stdexcept>

namespace guanxi::tck {

namespace {

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

}  // namespace

ExpectedFailures read_expected_failures(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": cannot be read");
  ExpectedFailures out;
  std::map<std::string, std::string> named;
  int number = 0;
  for (std::string raw; std::getline(in, raw);) {
    ++number;
    const std::string line = trim(raw);
    auto fail = [&](const std::string& why) {
      throw std::runtime_error(path.string() + ":" + std::to_string(number) + ": " + why);
    };
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '@') {
      const auto colon = line.find(':');
      if (colon == std::string::npos) fail("a reason definition needs '@name: text'");
      named[line.substr(0, colon)] = trim(line.substr(colon + 1));
      continue;
    }
    const auto bar = line.find('|');
    if (bar == std::string::npos) fail("expected 'scenario id | reason'");
    const std::string id = trim(line.substr(0, bar));
    std::string reason = trim(line.substr(bar + 1));
    if (reason.empty()) fail("every expected failure needs a reason");
    if (reason[0] == '@') {
      auto it = named.find(reason);
      if (it == named.end()) fail("unknown reason " + reason + " (define it above its first use)");
      reason = it->second;
    }
    if (!out.entries.emplace(id, ExpectedFailure{reason, number}).second)
      fail("'" + id + "' is listed twice");
  }
  return out;
}

}  // namespace guanxi::tck
