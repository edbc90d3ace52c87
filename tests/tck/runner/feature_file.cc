#include "tests/tck/runner/feature_file.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <stdexcept>

namespace guanxi::tck {

namespace {

namespace fs = std::filesystem;

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return std::string(s.substr(first, last - first + 1));
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// The cells of a table row "| a | b |"; "\|" is a literal bar.
std::vector<std::string> table_cells(std::string_view row) {
  std::vector<std::string> cells;
  std::string cell;
  bool open = false;
  for (size_t i = 0; i < row.size(); ++i) {
    const char c = row[i];
    if (c == '\\' && i + 1 < row.size() && (row[i + 1] == '|' || row[i + 1] == '\\')) {
      cell += row[++i];
    } else if (c == '|') {
      if (open) cells.push_back(trim(cell));
      cell.clear();
      open = true;
    } else {
      cell += c;
    }
  }
  return cells;
}

std::string substitute(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [name, value] : values) {
    const std::string placeholder = "<" + name + ">";
    for (size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size()))
      text.replace(at, placeholder.size(), value);
  }
  return text;
}

Step substitute(const Step& step, const std::map<std::string, std::string>& values) {
  Step out = step;
  out.text = substitute(step.text, values);
  out.doc = substitute(step.doc, values);
  for (auto& row : out.table)
    for (auto& cell : row) cell = substitute(cell, values);
  return out;
}

class FeatureParser {
 public:
  FeatureParser(const fs::path& path, std::string folder)
      : path_(path), folder_(std::move(folder)), feature_(path.stem().string()) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path.string() + ": cannot be read");
    for (std::string line; std::getline(in, line);) lines_.push_back(line);
  }

  std::vector<Scenario> parse() {
    for (pos_ = 0; pos_ < lines_.size();) {
      const std::string line = trim(lines_[pos_]);
      // Comments, blank lines and the Feature: header carry nothing to run.
      if (line.empty() || line[0] == '#' || starts_with(line, "Feature:")) {
        ++pos_;
      } else if (line[0] == '@') {
        for (size_t at = 0; (at = line.find('@', at)) != std::string::npos;) {
          const auto end = line.find_first_of(" \t", at);
          tags_.push_back(line.substr(at + 1, end == std::string::npos ? end : end - at - 1));
          at = end == std::string::npos ? line.size() : end;
        }
        ++pos_;
      } else if (starts_with(line, "Background:")) {
        ++pos_;
        background_ = parse_steps();
      } else if (starts_with(line, "Scenario Outline:") || starts_with(line, "Scenario:")) {
        parse_scenario(line);
      } else {
        fail("unexpected line '" + line + "'");
      }
    }
    return std::move(scenarios_);
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw std::runtime_error(path_.string() + ":" + std::to_string(pos_ + 1) + ": " + why);
  }

  static bool is_step(const std::string& line) {
    for (const char* k : {"Given ", "When ", "Then ", "And ", "But "})
      if (starts_with(line, k)) return true;
    return false;
  }

  std::vector<Step> parse_steps() {
    std::vector<Step> steps;
    while (pos_ < lines_.size()) {
      const std::string line = trim(lines_[pos_]);
      if (line.empty() || line[0] == '#') {
        ++pos_;
        continue;
      }
      if (!is_step(line)) break;
      Step step;
      step.line = static_cast<int>(pos_ + 1);
      step.text = trim(line.substr(line.find(' ') + 1));
      ++pos_;
      parse_step_argument(step);
      steps.push_back(std::move(step));
    }
    return steps;
  }

  void parse_step_argument(Step& step) {
    while (pos_ < lines_.size() && trim(lines_[pos_]).empty()) ++pos_;
    if (pos_ >= lines_.size()) return;
    const std::string& raw = lines_[pos_];
    const std::string line = trim(raw);
    if (starts_with(line, "\"\"\"")) {
      const size_t indent = raw.find('"');
      std::string doc;
      for (++pos_; pos_ < lines_.size() && trim(lines_[pos_]) != "\"\"\""; ++pos_) {
        const std::string& l = lines_[pos_];
        const size_t cut = std::min(indent, l.find_first_not_of(" \t") == std::string::npos
                                                ? l.size()
                                                : l.find_first_not_of(" \t"));
        doc += (doc.empty() ? "" : "\n") + l.substr(cut);
      }
      if (pos_ >= lines_.size()) fail("unterminated doc string");
      ++pos_;
      step.doc = doc;
    } else if (line[0] == '|') {
      step.has_table = true;
      // Gherkin allows comment lines between a table's rows.
      for (; pos_ < lines_.size(); ++pos_) {
        const std::string row = trim(lines_[pos_]);
        if (starts_with(row, "#")) continue;
        if (!starts_with(row, "|")) break;
        step.table.push_back(table_cells(row));
      }
    }
  }

  void parse_scenario(const std::string& header) {
    const bool outline = starts_with(header, "Scenario Outline:");
    Scenario base;
    base.folder = folder_;
    base.feature = feature_;
    base.file = path_.string();
    base.line = static_cast<int>(pos_ + 1);
    base.name = trim(header.substr(header.find(':') + 1));
    base.tags = std::move(tags_);
    tags_.clear();
    const auto close = base.name.find(']');
    base.id =
        feature_ + " " +
        (starts_with(base.name, "[") && close != std::string::npos ? base.name.substr(0, close + 1)
                                                                   : base.name);
    ++pos_;
    std::vector<Step> steps = background_;
    for (Step& s : parse_steps()) steps.push_back(std::move(s));
    if (!outline) {
      base.steps = std::move(steps);
      scenarios_.push_back(std::move(base));
      return;
    }
    int row_number = 0;
    while (pos_ < lines_.size()) {
      const std::string line = trim(lines_[pos_]);
      if (line.empty() || line[0] == '#' || line[0] == '@') {
        ++pos_;
        continue;
      }
      if (!starts_with(line, "Examples:")) break;
      ++pos_;
      Step examples;
      parse_step_argument(examples);
      if (examples.table.empty()) fail("Examples without a table");
      const auto& names = examples.table[0];
      for (size_t r = 1; r < examples.table.size(); ++r) {
        std::map<std::string, std::string> values;
        for (size_t c = 0; c < names.size() && c < examples.table[r].size(); ++c)
          values[names[c]] = examples.table[r][c];
        Scenario s = base;
        s.id += " #" + std::to_string(++row_number);
        s.steps.clear();
        for (const Step& step : steps) s.steps.push_back(substitute(step, values));
        scenarios_.push_back(std::move(s));
      }
    }
    if (row_number == 0) fail("a Scenario Outline without Examples rows");
  }

  fs::path path_;
  std::string folder_;
  std::string feature_;
  std::vector<std::string> lines_;
  size_t pos_ = 0;
  std::vector<std::string> tags_;
  std::vector<Step> background_;
  std::vector<Scenario> scenarios_;
};

}  // namespace

std::vector<Scenario> parse_feature_file(const fs::path& path, const std::string& folder) {
  return FeatureParser(path, folder).parse();
}

std::vector<Scenario> load_features(const fs::path& features_dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(features_dir))
    if (entry.is_regular_file() && entry.path().extension() == ".feature")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<Scenario> all;
  for (const fs::path& file : files) {
    const std::string folder = file.parent_path().lexically_relative(features_dir).string();
    for (Scenario& s : parse_feature_file(file, folder)) all.push_back(std::move(s));
  }
  return all;
}

}  // namespace guanxi::tck
