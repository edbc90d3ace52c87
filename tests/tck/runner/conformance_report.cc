#include "tests/tck/runner/conformance_report.h"

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace guanxi::tck {

namespace {

constexpr const char* kBegin = "<!-- tck-conformance:begin -->";
constexpr const char* kEnd = "<!-- tck-conformance:end -->";

std::string percent(int passed, int total) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", total == 0 ? 100.0 : 100.0 * passed / total);
  return buf;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

void ConformanceReport::add(const Scenario& scenario, bool passed, const ExpectedFailure*) {
  Counts& c = folders_[scenario.folder];
  ++c.scenarios;
  if (passed) ++c.passed;
}

void ConformanceReport::add_ignored(const Scenario&) { ++ignored_; }

std::string ConformanceReport::table() const {
  std::string out;
  char line[160];
  std::snprintf(line, sizeof line, "%-44s %9s %7s %7s %8s\n", "folder", "scenarios", "passed",
                "failed", "rate");
  out += line;
  Counts total;
  for (const auto& [folder, c] : folders_) {
    std::snprintf(line, sizeof line, "%-44s %9d %7d %7d %8s\n", folder.c_str(), c.scenarios,
                  c.passed, c.scenarios - c.passed, percent(c.passed, c.scenarios).c_str());
    out += line;
    total.scenarios += c.scenarios;
    total.passed += c.passed;
  }
  std::snprintf(line, sizeof line, "%-44s %9d %7d %7d %8s\n", "total", total.scenarios,
                total.passed, total.scenarios - total.passed,
                percent(total.passed, total.scenarios).c_str());
  out += line;
  if (ignored_ > 0) out += std::to_string(ignored_) + " scenario(s) tagged @ignore not run\n";
  return out;
}

std::string ConformanceReport::markdown(const ExpectedFailures& expected,
                                        const std::string& tck_commit) const {
  Counts total;
  for (const auto& [folder, c] : folders_) {
    total.scenarios += c.scenarios;
    total.passed += c.passed;
  }
  std::string out;
  out += "Guanxi runs the openCypher Technology Compatibility Kit (TCK), commit `" + tck_commit +
         "`, copied into `tests/tck/`, as part of its test suite: **" +
         std::to_string(total.passed) + " of " + std::to_string(total.scenarios) +
         " scenarios pass (" + percent(total.passed, total.scenarios) +
         ")**, with every expected error required to be of the TCK's kind and raised in the "
         "TCK's phase (compile time: when the statement is prepared; run time: while it runs).";
  if (ignored_ > 0)
    out += " The " + std::to_string(ignored_) +
           " scenario(s) the TCK itself tags `@ignore` are not run.";
  out +=
      " This section is written by the runner (`tck_runner --docs docs/language.md`); the "
      "tests fail when it is out of date.\n\n";
  out += "| folder | scenarios | pass | rate |\n|---|---:|---:|---:|\n";
  for (const auto& [folder, c] : folders_)
    out += "| " + folder + " | " + std::to_string(c.scenarios) + " | " + std::to_string(c.passed) +
           " | " + percent(c.passed, c.scenarios) + " |\n";
  out += "| **total** | " + std::to_string(total.scenarios) + " | " + std::to_string(total.passed) +
         " | " + percent(total.passed, total.scenarios) + " |\n";

  std::map<std::string, std::vector<std::string>> by_reason;
  for (const auto& [id, entry] : expected.entries) by_reason[entry.reason].push_back(id);
  if (by_reason.empty()) return out;
  out +=
      "\nKnown differences from openCypher (each failing scenario, listed in "
      "`tests/tck/expected_failures.txt`):\n\n";
  for (const auto& [reason, ids] : by_reason) {
    out += "- " + reason + " (";
    for (size_t i = 0; i < ids.size(); ++i) out += (i ? ", " : "") + ids[i];
    out += ")\n";
  }
  return out;
}

std::string read_tck_source(const std::filesystem::path& tck_dir) {
  const std::string text = read_file(tck_dir.parent_path() / "README.md");
  static const std::regex kCommit(R"(\b[0-9a-f]{40}\b)");
  std::smatch m;
  if (!std::regex_search(text, m, kCommit))
    throw std::runtime_error((tck_dir.parent_path() / "README.md").string() +
                             ": names no TCK commit");
  return m.str();
}

bool update_conformance_section(const std::filesystem::path& markdown_file,
                                const std::string& section, bool check_only) {
  const std::string text = read_file(markdown_file);
  const auto begin = text.find(kBegin);
  const auto end = text.find(kEnd);
  if (begin == std::string::npos || end == std::string::npos || end < begin)
    throw std::runtime_error(markdown_file.string() + ": no " + kBegin + " ... " + kEnd +
                             " section");
  const auto body_start = begin + std::string(kBegin).size() + 1;
  const std::string current = text.substr(body_start, end - body_start);
  if (current == section) return true;
  if (check_only) return false;
  std::ofstream out(markdown_file);
  out << text.substr(0, body_start) << section << text.substr(end);
  if (!out) throw std::runtime_error(markdown_file.string() + ": cannot be written");
  return true;
}

}  // namespace guanxi::tck
