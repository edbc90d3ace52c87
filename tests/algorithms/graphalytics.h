// Test-only loader of the LDBC Graphalytics validation graphs and their
// expected outputs (tests/data/ldbc-graphalytics-validation;
// see the README.md there).
//
// A data set is named as its properties file: "example-directed",
// "example-undirected" or "test-<algo>-<directed|undirected>" (algo one of
// bfs, cdlp, lcc, pr, sssp, wcc). Files:
//   example-X      validation-graphs/example/example-X{.v,.e,-input}, outputs example-X-<ALGO>
//   test-a-directed   validation-graphs/a/dir-{input|input.v/.e}, output a/dir-output
//   test-a-undirected validation-graphs/a/undir-..., output a/undir-output
// Formats (space separated): "*-input" adjacency lists "v n1 n2 ..." (the
// vertex set is every id that appears); "*.v" one vertex id per line, "*.e"
// "src dst [weight]". Undirected data sets list a relationship once (.e) or in both
// lines (-input); the loader keeps each unordered pair once and lets
// CsrBuilder mirror it, so an undirected CsrGraph has every relationship in both lists.
//
// Local ids are dense, assigned in ascending order of the original ids.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "algorithms/csr_graph.h"
#include "tests/support/test_data.h"

namespace guanxi::algorithms::graphalytics {

// The value Graphalytics writes for a vertex BFS cannot reach.
inline constexpr std::int64_t kUnreachable = std::numeric_limits<std::int64_t>::max();

inline std::string default_root() {
  return guanxi::test_support::test_data_path("ldbc-graphalytics-validation").string();
}

struct Dataset {
  std::string name;
  bool directed = true;
  // Properties with the "graph.<name>." prefix removed, e.g. "bfs.source-vertex".
  std::map<std::string, std::string> properties;
  CsrGraph graph;                          // weighted when the relationship file has weights
  std::vector<std::int64_t> original_ids;  // local id -> original id (ascending)
  std::unordered_map<std::int64_t, Vertex> local_ids;

  // The local id of an original vertex id; throws std::out_of_range if unknown.
  Vertex local(std::int64_t original) const {
    auto it = local_ids.find(original);
    if (it == local_ids.end()) {
      throw std::out_of_range(name + ": no vertex with original id " + std::to_string(original));
    }
    return it->second;
  }
  // A property value; throws std::out_of_range naming the key if absent.
  const std::string& property(const std::string& key) const {
    auto it = properties.find(key);
    if (it == properties.end()) throw std::out_of_range(name + ": no property " + key);
    return it->second;
  }
  // "<algo>.source-vertex" (algo "bfs" or "sssp") as a local id.
  Vertex source(const std::string& algo) const {
    return local(std::stoll(property(algo + ".source-vertex")));
  }
  int iterations(const std::string& algo) const {  // cdlp.max-iterations / pr.num-iterations
    return std::stoi(property(algo == "pr" ? "pr.num-iterations" : algo + ".max-iterations"));
  }
  double damping() const { return std::stod(property("pr.damping-factor")); }
};

namespace detail {

[[noreturn]] inline void fail(const std::string& path, std::size_t line, const std::string& what) {
  throw std::runtime_error(path + ":" + std::to_string(line) + ": " + what);
}

inline std::ifstream open(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  return in;
}

inline std::int64_t parse_id(const std::string& token, const std::string& path, std::size_t line) {
  std::size_t used = 0;
  std::int64_t v = 0;
  try {
    v = std::stoll(token, &used);
  } catch (const std::exception&) {
    fail(path, line, "bad vertex id '" + token + "'");
  }
  if (used != token.size()) fail(path, line, "bad vertex id '" + token + "'");
  return v;
}

// Double that also accepts "infinity" in any case.
inline double parse_real(const std::string& token, const std::string& path, std::size_t line) {
  std::string lower = token;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (lower == "infinity" || lower == "inf") return std::numeric_limits<double>::infinity();
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(token, &used);
  } catch (const std::exception&) {
    fail(path, line, "bad number '" + token + "'");
  }
  if (used != token.size()) fail(path, line, "bad number '" + token + "'");
  return v;
}

inline std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream s(line);
  std::string t;
  while (s >> t) out.push_back(t);
  return out;
}

struct Files {
  std::string input, vertices, relationships;  // input empty when .v/.e are used
  std::string output_prefix;  // example: "<dir>/example-X-" + ALGO; test: "<dir>/<algo>/<d>-output"
  bool example = false;
};

inline Files files_of(const std::string& root, const std::string& name) {
  const std::string graphs = root + "/validation-graphs/";
  Files f;
  if (name.rfind("example-", 0) == 0) {
    f.example = true;
    const std::string base = graphs + "example/" + name;
    f.vertices = base + ".v";
    f.relationships = base + ".e";
    f.input = base + "-input";
    f.output_prefix = base + "-";
    return f;
  }
  // test-<algo>-<directed|undirected>
  const auto first = name.find('-'), last = name.rfind('-');
  if (name.rfind("test-", 0) != 0 || first == last)
    throw std::invalid_argument("unknown data set " + name);
  const std::string algo = name.substr(first + 1, last - first - 1);
  const std::string kind = name.substr(last + 1);
  if (kind != "directed" && kind != "undirected")
    throw std::invalid_argument("unknown data set " + name);
  const std::string base = graphs + algo + "/" + (kind == "directed" ? "dir" : "undir");
  f.vertices = base + "-input.v";
  f.relationships = base + "-input.e";
  f.input = base + "-input";
  f.output_prefix = base + "-output";
  return f;
}

inline std::map<std::string, std::string> read_properties(const std::string& path,
                                                          const std::string& name) {
  std::ifstream in = open(path);
  const std::string prefix = "graph." + name + ".";
  std::map<std::string, std::string> props;
  std::string line;
  std::size_t no = 0;
  while (std::getline(in, line)) {
    ++no;
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos) fail(path, no, "expected key = value");
    auto trim = [](std::string s) {
      s.erase(0, s.find_first_not_of(" \t\r"));
      s.erase(s.find_last_not_of(" \t\r") + 1);
      return s;
    };
    std::string key = trim(line.substr(0, eq));
    if (key.rfind(prefix, 0) == 0) key = key.substr(prefix.size());
    props[key] = trim(line.substr(eq + 1));
  }
  return props;
}

}  // namespace detail

// Loads a data set by name. `prefer_relationship_files`: for the example graphs,
// which have both formats, read .v/.e (weighted) rather than -input.
// Throws std::runtime_error naming file:line on malformed input.
inline Dataset load(const std::string& name, bool prefer_relationship_files = true,
                    const std::string& root = default_root()) {
  namespace fs = std::filesystem;
  Dataset d;
  d.name = name;
  d.properties = detail::read_properties(root + "/properties/" + name + ".properties", name);
  d.directed = d.property("directed") == "true";
  const detail::Files f = detail::files_of(root, name);

  std::set<std::int64_t> ids;
  struct Arc {
    std::int64_t src, dst;
    double weight;
  };
  std::vector<Arc> arcs;
  bool weighted = false;
  const bool relationship_files =
      fs::exists(f.relationships) && (prefer_relationship_files || !fs::exists(f.input));
  if (relationship_files) {
    std::ifstream vin = detail::open(f.vertices);
    std::string line;
    std::size_t no = 0;
    while (std::getline(vin, line)) {
      ++no;
      const auto t = detail::split(line);
      if (t.empty()) continue;
      if (t.size() != 1) detail::fail(f.vertices, no, "expected one vertex id");
      ids.insert(detail::parse_id(t[0], f.vertices, no));
    }
    std::ifstream ein = detail::open(f.relationships);
    no = 0;
    while (std::getline(ein, line)) {
      ++no;
      const auto t = detail::split(line);
      if (t.empty()) continue;
      if (t.size() != 2 && t.size() != 3)
        detail::fail(f.relationships, no, "expected src dst [weight]");
      Arc a{detail::parse_id(t[0], f.relationships, no),
            detail::parse_id(t[1], f.relationships, no), 1.0};
      if (t.size() == 3) {
        a.weight = detail::parse_real(t[2], f.relationships, no);
        weighted = true;
      }
      if (!ids.count(a.src) || !ids.count(a.dst))
        detail::fail(f.relationships, no, "endpoint not in the vertex file");
      arcs.push_back(a);
    }
  } else {
    std::ifstream in = detail::open(f.input);
    std::string line;
    std::size_t no = 0;
    while (std::getline(in, line)) {
      ++no;
      const auto t = detail::split(line);
      if (t.empty()) continue;
      const std::int64_t v = detail::parse_id(t[0], f.input, no);
      ids.insert(v);
      for (std::size_t i = 1; i < t.size(); ++i) {
        const std::int64_t w = detail::parse_id(t[i], f.input, no);
        ids.insert(w);
        arcs.push_back({v, w, 1.0});
      }
    }
  }

  d.original_ids.assign(ids.begin(), ids.end());
  for (std::size_t i = 0; i < d.original_ids.size(); ++i)
    d.local_ids[d.original_ids[i]] = static_cast<Vertex>(i);
  CsrBuilder builder(static_cast<Vertex>(d.original_ids.size()), !d.directed);
  std::set<std::pair<Vertex, Vertex>> seen;  // undirected: each unordered pair once
  for (const Arc& a : arcs) {
    Vertex s = d.local_ids.at(a.src), t = d.local_ids.at(a.dst);
    if (!d.directed) {
      if (s > t) std::swap(s, t);
      if (!seen.insert({s, t}).second) continue;
    }
    if (weighted) {
      builder.add(s, t, a.weight);
    } else {
      builder.add(s, t);
    }
  }
  d.graph = builder.build();
  return d;
}

namespace detail {

// Expected tokens indexed by local id; every vertex exactly once.
inline std::vector<std::pair<std::string, std::size_t>> read_expected_tokens(
    const Dataset& d, const std::string& algorithm, const std::string& root, std::string& path) {
  const Files f = files_of(root, d.name);
  path = f.example ? f.output_prefix + algorithm : f.output_prefix;
  std::ifstream in = open(path);
  std::vector<std::pair<std::string, std::size_t>> values(d.original_ids.size());
  std::vector<bool> have(values.size(), false);
  std::string line;
  std::size_t no = 0;
  while (std::getline(in, line)) {
    ++no;
    const auto t = split(line);
    if (t.empty()) continue;
    if (t.size() != 2) fail(path, no, "expected 'vertex value'");
    const std::int64_t v = parse_id(t[0], path, no);
    auto it = d.local_ids.find(v);
    if (it == d.local_ids.end()) fail(path, no, "vertex " + t[0] + " is not in the graph");
    if (have[it->second]) fail(path, no, "vertex " + t[0] + " listed twice");
    have[it->second] = true;
    values[it->second] = {t[1], no};
  }
  for (std::size_t i = 0; i < have.size(); ++i) {
    if (!have[i]) fail(path, no, "no value for vertex " + std::to_string(d.original_ids[i]));
  }
  return values;
}

}  // namespace detail

// The expected output of `algorithm` ("BFS", "CDLP", "LCC", "PR", "SSSP",
// "WCC") as doubles indexed by local id; "Infinity" becomes +inf. Throws if a
// vertex is missing, unknown or repeated.
inline std::vector<double> expected_reals(const Dataset& d, const std::string& algorithm,
                                          const std::string& root = default_root()) {
  std::string path;
  const auto tokens = detail::read_expected_tokens(d, algorithm, root, path);
  std::vector<double> out;
  out.reserve(tokens.size());
  for (const auto& [token, line] : tokens) out.push_back(detail::parse_real(token, path, line));
  return out;
}

// The expected output as integers indexed by local id (BFS depths with
// kUnreachable, CDLP labels and WCC components as original vertex ids).
inline std::vector<std::int64_t> expected_integers(const Dataset& d, const std::string& algorithm,
                                                   const std::string& root = default_root()) {
  std::string path;
  const auto tokens = detail::read_expected_tokens(d, algorithm, root, path);
  std::vector<std::int64_t> out;
  out.reserve(tokens.size());
  for (const auto& [token, line] : tokens) out.push_back(detail::parse_id(token, path, line));
  return out;
}

}  // namespace guanxi::algorithms::graphalytics
