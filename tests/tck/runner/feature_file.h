// The openCypher TCK's feature files, parsed into scenarios.
//
// The TCK is written in a small subset of Gherkin: a Feature with an
// optional Background, Scenarios and Scenario Outlines (whose Examples rows
// each make one scenario, with <placeholders> substituted in every step),
// steps (Given/When/Then/And/But) carrying a doc string ("""...""") or a
// table (| a | b |), tags (@ignore) and # comments.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace guanxi::tck {

struct Step {
  std::string text;  // without the keyword: "executing query:"
  std::string doc;   // the doc string, its indentation removed; empty if none
  std::vector<std::vector<std::string>> table;  // rows of trimmed cells
  bool has_table = false;
  int line = 0;
};

struct Scenario {
  std::string folder;   // the feature's folder below features/: "clauses/match"
  std::string feature;  // the feature file's stem: "Match1"
  std::string name;     // "[3] Matching nodes using multiple labels"
  // The scenario's id, stable across runs: "Match1 [3]", and for a row of
  // an outline's Examples "Match1 [3] #2" (rows numbered from 1 across all
  // Examples blocks of the outline).
  std::string id;
  std::string file;  // path of the feature file
  int line = 0;      // line of the Scenario keyword
  std::vector<std::string> tags;
  std::vector<Step> steps;  // the Background's, then the scenario's own
};

// Parses one feature file. Throws std::runtime_error "file:line: reason"
// for anything outside the subset.
std::vector<Scenario> parse_feature_file(const std::filesystem::path& path,
                                         const std::string& folder);

// Every scenario of every *.feature file below `features_dir`, in path order.
std::vector<Scenario> load_features(const std::filesystem::path& features_dir);

}  // namespace guanxi::tck
