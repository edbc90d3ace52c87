#include "tests/queries/runner/test_file.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace guanxi::test_support {

namespace {

std::string trim_right(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  return s;
}

std::string trim(std::string s) {
  s = trim_right(std::move(s));
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

// A directive line without its trailing "# comment".
std::string directive(const std::string& line) {
  const std::size_t hash = line.find('#');
  return trim(hash == std::string::npos ? line : line.substr(0, hash));
}

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

struct Line {
  int number;
  std::string text;
};

[[noreturn]] void malformed(const std::filesystem::path& path, int line, const std::string& why) {
  throw std::runtime_error(path.string() + ":" + std::to_string(line) + ": " + why);
}

// Splits `lines` at the first "----": statement lines before, the rest after.
void split_at_separator(const std::vector<Line>& lines, std::size_t from, std::string& statement,
                        std::vector<Line>& after, bool& has_separator) {
  has_separator = false;
  for (std::size_t i = from; i < lines.size(); ++i) {
    if (!has_separator && trim(lines[i].text) == "----") {
      has_separator = true;
      continue;
    }
    if (has_separator) {
      after.push_back(lines[i]);
    } else {
      statement += (statement.empty() ? "" : "\n") + trim_right(lines[i].text);
    }
  }
}

TestBlock parse_block(const std::filesystem::path& path, const std::vector<Line>& lines,
                      bool first) {
  TestBlock block;
  block.line = lines[0].number;
  const std::string head = directive(lines[0].text);
  const std::vector<std::string> w = words(head);
  if (w.empty()) malformed(path, block.line, "empty directive");
  std::vector<Line> after;
  bool has_separator = false;

  if (w[0] == "load") {
    if (w.size() != 3 || w[1] != "demo") malformed(path, block.line, "expected 'load demo N'");
    if (!first) malformed(path, block.line, "'load demo' must be the first block");
    block.kind = TestBlock::Kind::kLoadDemo;
    try {
      block.demo_customers = std::stoull(w[2]);
    } catch (const std::exception&) {
      malformed(path, block.line, "bad customer count '" + w[2] + "'");
    }
    if (lines.size() != 1) malformed(path, block.line, "'load demo' takes one line");
    return block;
  }
  if (w[0] == "param") {
    // param NAME = EXPRESSION (the expression may hold '#', so no comment stripping)
    const std::string text = trim(lines[0].text.substr(5));
    const std::size_t eq = text.find('=');
    if (eq == std::string::npos) malformed(path, block.line, "expected 'param NAME = EXPRESSION'");
    block.kind = TestBlock::Kind::kParam;
    block.param_name = trim(text.substr(0, eq));
    block.param_expression = trim(text.substr(eq + 1));
    if (block.param_name.empty() || block.param_expression.empty())
      malformed(path, block.line, "expected 'param NAME = EXPRESSION'");
    if (block.param_name[0] == '$') block.param_name.erase(0, 1);
    for (std::size_t i = 1; i < lines.size(); ++i)
      block.param_expression += "\n" + trim_right(lines[i].text);
    return block;
  }
  if (w[0] == "memory") {
    if (w.size() != 3 || w[1] != "budget")
      malformed(path, block.line, "expected 'memory budget BYTES'");
    block.kind = TestBlock::Kind::kMemoryBudget;
    try {
      std::size_t end = 0;
      block.memory_budget = std::stoull(w[2], &end);
      if (end != w[2].size() || block.memory_budget == 0) throw std::invalid_argument(w[2]);
    } catch (const std::exception&) {
      malformed(path, block.line, "bad memory budget '" + w[2] + "'");
    }
    if (lines.size() != 1) malformed(path, block.line, "'memory budget' takes one line");
    return block;
  }
  if (w[0] == "session") {
    block.kind = TestBlock::Kind::kSession;
    for (std::size_t i = 1; i < w.size(); i += 2) {
      if (i + 1 >= w.size() || (w[i] != "purpose" && w[i] != "user")) {
        malformed(path, block.line, "expected 'session [purpose NAME] [user NAME]'");
      }
      (w[i] == "purpose" ? block.purpose : block.user) = w[i + 1];
    }
    if (lines.size() != 1) malformed(path, block.line, "'session' takes one line");
    return block;
  }
  if (w[0] == "statement") {
    split_at_separator(lines, 1, block.statement, after, has_separator);
    if (block.statement.empty()) malformed(path, block.line, "statement block without a statement");
    if (w.size() == 2 && w[1] == "ok") {
      block.kind = TestBlock::Kind::kStatementOk;
      if (has_separator) malformed(path, block.line, "'statement ok' takes no '----' section");
      return block;
    }
    if (w.size() == 3 && w[1] == "error") {
      block.kind = TestBlock::Kind::kStatementError;
      block.error_code = w[2];
      for (const Line& l : after) {
        std::string s = trim(l.text);
        if (!s.empty()) block.error_substrings.push_back(s);
      }
      return block;
    }
    malformed(path, block.line, "expected 'statement ok' or 'statement error CODE'");
  }
  if (w[0] == "warnings") {
    if (w.size() != 1) malformed(path, block.line, "'warnings' takes no arguments");
    block.kind = TestBlock::Kind::kWarnings;
    split_at_separator(lines, 1, block.statement, after, has_separator);
    if (block.statement.empty()) malformed(path, block.line, "warnings block without a statement");
    if (!has_separator) malformed(path, block.line, "warnings block without '----'");
    for (const Line& l : after) block.warnings.push_back(trim(l.text));
    return block;
  }
  if (w[0] == "query") {
    if (w.size() != 2 || (w[1] != "ordered" && w[1] != "bag"))
      malformed(path, block.line, "expected 'query ordered' or 'query bag'");
    block.kind = TestBlock::Kind::kQuery;
    block.ordered = w[1] == "ordered";
    split_at_separator(lines, 1, block.statement, after, has_separator);
    if (block.statement.empty()) malformed(path, block.line, "query block without a statement");
    if (!has_separator || after.empty())
      malformed(path, block.line, "query block without '----' and a header line");
    block.header = trim(after[0].text);
    for (std::size_t i = 1; i < after.size(); ++i) block.rows.push_back(trim(after[i].text));
    return block;
  }
  malformed(path, block.line, "unknown directive '" + w[0] + "'");
}

}  // namespace

TestFile parse_test_file(const std::filesystem::path& path) {
  if (path.extension() == ".md") return parse_markdown_test_file(path);
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": cannot read the file");
  TestFile file;
  file.path = path;
  std::vector<Line> block;
  int number = 0;
  auto flush = [&] {
    // Leading '#' lines are comments.
    std::size_t skip = 0;
    while (skip < block.size() && trim(block[skip].text).starts_with("#")) ++skip;
    if (skip < block.size()) {
      std::vector<Line> lines(block.begin() + static_cast<std::ptrdiff_t>(skip), block.end());
      file.blocks.push_back(parse_block(path, lines, file.blocks.empty()));
    }
    block.clear();
  };
  for (std::string text; std::getline(in, text);) {
    ++number;
    if (trim(text).empty()) {
      flush();
    } else {
      block.push_back({number, text});
    }
  }
  flush();
  return file;
}

}  // namespace guanxi::test_support
