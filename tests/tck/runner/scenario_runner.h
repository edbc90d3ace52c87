// Runs one TCK scenario on a fresh database through the public C++ API.
//
// Steps: "an empty graph" / "any graph" (a fresh database), "the NAME graph"
// (a named graph's scripts), "having executed:" (setup; must succeed),
// "parameters are:", "there exists a procedure SIGNATURE:" (the API cannot
// add procedures yet: such a scenario fails), "executing query:" and "executing control query:",
// then the checks: results (in any order, in order, ignoring element order for lists, empty), side
// effects (observed by comparing the graph before and after, as the TCK defines them), and errors.
//
// Errors are checked strictly: the TCK's error type and detail must map to
// the Guanxi error code tck_error_code() names, and the phase must match: a
// compile-time error is one that Session::prepare() raises, a run-time error
// one raised while the statement runs.
#pragma once

#include <filesystem>
#include <string>

#include "guanxi/error.h"
#include "tests/tck/runner/feature_file.h"

namespace guanxi::tck {

struct ScenarioOutcome {
  bool passed = false;
  std::string message;  // why it failed
};

// The Guanxi error code for the TCK's error TYPE and DETAIL ("TypeError",
// "InvalidArgumentType"); false when the pair is unknown.
bool tck_error_code(const std::string& type, const std::string& detail, ErrorCode* code);

class ScenarioRunner {
 public:
  // `graphs_dir` holds the TCK's named graphs; databases are made below
  // `scratch_dir`, one per scenario, and removed afterwards.
  ScenarioRunner(std::filesystem::path graphs_dir, std::filesystem::path scratch_dir);

  ScenarioOutcome run(const Scenario& scenario);

 private:
  std::filesystem::path graphs_dir_;
  std::filesystem::path scratch_dir_;
  int next_database_ = 0;
};

}  // namespace guanxi::tck
