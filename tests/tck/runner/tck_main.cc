// tck_runner: runs the openCypher TCK (tests/tck/opencypher) against Guanxi.
//
//   tck_runner --tck DIR --expected FILE [--filter TEXT] [--verbose]
//              [--docs FILE | --check-docs FILE] [--failures]
//
// Every scenario runs on a fresh database through the public C++ API. The
// expected-failures file names the scenarios known to fail, each with a
// reason; a listed scenario that passes, or an unlisted one that fails, is
// an error. Prints a table per folder. --docs rewrites the conformance
// section of a Markdown file (between the tck-conformance markers) from this
// run; --check-docs fails when that section is not what this run would write.
// --failures prints the ids of the failing scenarios, one per line.
//
// Exit status: 0 when every scenario behaves as listed, 1 otherwise, 2 for
// bad arguments or files.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/tck/runner/conformance_report.h"
#include "tests/tck/runner/expected_failures.h"
#include "tests/tck/runner/feature_file.h"
#include "tests/tck/runner/scenario_runner.h"

namespace {

namespace fs = std::filesystem;
using namespace guanxi::tck;

struct Arguments {
  fs::path tck;
  fs::path expected;
  std::string filter;
  bool verbose = false;
  bool failures = false;
  fs::path docs;
  bool check_docs = false;
};

[[noreturn]] void usage(const std::string& why) {
  std::cerr << "tck_runner: " << why
            << "\nusage: tck_runner --tck DIR --expected FILE [--filter TEXT] [--verbose]"
               " [--docs FILE | --check-docs FILE] [--failures]\n";
  std::exit(2);
}

Arguments parse_arguments(int argc, char** argv) {
  Arguments a;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--tck")
      a.tck = value();
    else if (arg == "--expected")
      a.expected = value();
    else if (arg == "--filter")
      a.filter = value();
    else if (arg == "--verbose")
      a.verbose = true;
    else if (arg == "--failures")
      a.failures = true;
    else if (arg == "--docs")
      a.docs = value();
    else if (arg == "--check-docs")
      a.docs = value(), a.check_docs = true;
    else
      usage("unknown argument " + arg);
  }
  if (a.tck.empty() || a.expected.empty()) usage("--tck and --expected are required");
  return a;
}

class ScratchDir {
 public:
  ScratchDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = (fs::path(tmp && *tmp ? tmp : "/tmp") / "guanxi-tck-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary directory");
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

}  // namespace

int run(int argc, char** argv) {
  const Arguments args = parse_arguments(argc, argv);
  std::vector<Scenario> scenarios;
  ExpectedFailures expected;
  try {
    scenarios = load_features(args.tck / "features");
    expected = read_expected_failures(args.expected);
  } catch (const std::exception& e) {
    std::cerr << "tck_runner: " << e.what() << '\n';
    return 2;
  }
  const bool partial = !args.filter.empty();
  if (partial && !args.docs.empty()) usage("--docs and --check-docs need the whole kit");

  std::set<std::string> known_ids;
  for (const Scenario& s : scenarios) known_ids.insert(s.id);
  int problems = 0;
  for (const auto& [id, entry] : expected.entries) {
    if (!known_ids.count(id)) {
      std::cerr << args.expected.string() << ":" << entry.line << ": no scenario '" << id << "'\n";
      ++problems;
    }
  }

  ScratchDir scratch;
  ScenarioRunner runner(args.tck / "graphs", scratch.path());
  ConformanceReport report;
  const auto start = std::chrono::steady_clock::now();
  for (const Scenario& s : scenarios) {
    if (partial && (s.folder + "/" + s.id).find(args.filter) == std::string::npos) continue;
    if (std::find(s.tags.begin(), s.tags.end(), "ignore") != s.tags.end()) {
      report.add_ignored(s);
      continue;
    }
    const ScenarioOutcome outcome = runner.run(s);
    const auto listed = expected.entries.find(s.id);
    const bool is_listed = listed != expected.entries.end();
    report.add(s, outcome.passed, is_listed ? &listed->second : nullptr);
    if (args.failures && !outcome.passed) std::cout << s.id << '\n';
    if (outcome.passed && is_listed) {
      std::cerr << "UNEXPECTED PASS " << s.folder << ": " << s.id
                << " (listed: " << listed->second.reason << ")\n";
      ++problems;
    } else if (!outcome.passed && !is_listed) {
      std::cerr << "FAIL " << s.folder << ": " << s.id << " " << s.name << "\n  " << s.file << ":"
                << s.line << "\n  " << outcome.message << "\n";
      ++problems;
    } else if (!outcome.passed && args.verbose) {
      std::cerr << "expected failure " << s.id << ": " << outcome.message << '\n';
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::cout << report.table();
  std::printf("%.1f s\n", seconds);

  if (!args.docs.empty()) {
    try {
      if (!update_conformance_section(
              args.docs, report.markdown(expected, read_tck_source(args.tck)), args.check_docs)) {
        std::cerr << args.docs.string()
                  << ": the conformance section is out of date; run tck_runner with --docs "
                  << args.docs.string() << "\n";
        ++problems;
      }
    } catch (const std::exception& e) {
      std::cerr << "tck_runner: " << e.what() << '\n';
      return 2;
    }
  }
  if (problems > 0) std::cerr << problems << " problem(s)\n";
  return problems == 0 ? 0 : 1;
}

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "tck_runner: " << e.what() << '\n';
    return 2;
  }
}
