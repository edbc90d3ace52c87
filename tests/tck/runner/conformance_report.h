// The per-folder results of a TCK run: the console table and the
// conformance section of docs/language.md.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tests/tck/runner/expected_failures.h"
#include "tests/tck/runner/feature_file.h"

namespace guanxi::tck {

class ConformanceReport {
 public:
  // Records one scenario's result; `listed` is its expected-failure entry, if any.
  void add(const Scenario& scenario, bool passed, const ExpectedFailure* listed);
  // Records a scenario the TCK tags @ignore (not run, not counted).
  void add_ignored(const Scenario& scenario);

  // One line per folder and a total: scenarios, passed, failed, pass rate.
  std::string table() const;

  // The conformance section: the TCK commit, the rates per folder and the
  // known differences (the reasons of the expected failures, each with the
  // scenarios it covers).
  std::string markdown(const ExpectedFailures& expected, const std::string& tck_commit) const;

 private:
  struct Counts {
    int scenarios = 0;
    int passed = 0;
  };
  std::map<std::string, Counts> folders_;
  int ignored_ = 0;
};

// The TCK's commit as its README beside the features names it (the first
// 40-digit hexadecimal word of <tck>/../README.md).
std::string read_tck_source(const std::filesystem::path& tck_dir);

// Replaces the text between the lines "<!-- tck-conformance:begin -->" and
// "<!-- tck-conformance:end -->" of `markdown_file` with `section`. With
// `check_only`, changes nothing and returns whether the text is already
// `section`. Throws std::runtime_error when the markers are missing.
bool update_conformance_section(const std::filesystem::path& markdown_file,
                                const std::string& section, bool check_only);

}  // namespace guanxi::tck
