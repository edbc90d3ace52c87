// Reads the examples of a Markdown page as test blocks (test_file.h).
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/queries/runner/test_file.h"

namespace guanxi::test_support {

namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

struct Fence {
  std::string info;  // "cypher", "text", ...
  int line = 0;      // of the opening ```
  std::vector<std::string> lines;
};

[[noreturn]] void malformed(const std::filesystem::path& path, int line, const std::string& why) {
  throw std::runtime_error(path.string() + ":" + std::to_string(line) + ": " + why);
}

}  // namespace

TestFile parse_markdown_test_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": cannot read the file");
  TestFile file;
  file.path = path;

  // One pass: directives become blocks at once; a cypher fence waits to see
  // whether a text fence follows it.
  // A plain Fence and a flag rather than std::optional: g++ 12 warns
  // (-Wmaybe-uninitialized) through the optional's string members.
  Fence pending_statement;
  bool has_pending = false;
  Fence open;
  bool in_fence = false;
  bool only_blank_since_fence = false;
  auto emit_statement = [&](const Fence& statement, const Fence* result) {
    TestBlock block;
    block.line = statement.line;
    for (const std::string& l : statement.lines)
      block.statement += (block.statement.empty() ? "" : "\n") + l;
    if (block.statement.empty()) malformed(path, statement.line, "an empty cypher example");
    if (result == nullptr) {
      block.kind = TestBlock::Kind::kStatementOk;
    } else {
      if (result->lines.empty()) malformed(path, result->line, "a result without its header line");
      block.kind = TestBlock::Kind::kQuery;
      block.ordered = true;
      block.header = trimmed(result->lines[0]);
      for (std::size_t i = 1; i < result->lines.size(); ++i)
        block.rows.push_back(trimmed(result->lines[i]));
    }
    file.blocks.push_back(std::move(block));
  };
  auto flush_pending = [&] {
    if (has_pending) emit_statement(pending_statement, nullptr);
    has_pending = false;
  };

  int number = 0;
  for (std::string text; std::getline(in, text);) {
    ++number;
    const std::string line = trimmed(text);
    if (in_fence) {
      if (line == "```") {
        if (open.info == "cypher") {
          flush_pending();
          pending_statement = open;
          has_pending = true;
        } else if (open.info == "text" && has_pending && only_blank_since_fence) {
          emit_statement(pending_statement, &open);
          has_pending = false;
        }
        in_fence = false;
        only_blank_since_fence = true;
        continue;
      }
      open.lines.push_back(open.info == "cypher" ? text : line);
      continue;
    }
    if (line.starts_with("```")) {
      open = Fence{trimmed(line.substr(3)), number, {}};
      in_fence = true;
      continue;
    }
    if (line.empty()) continue;
    only_blank_since_fence = false;
    if (line.starts_with("<!-- test:") && line.ends_with("-->")) {
      flush_pending();
      const std::string directive = trimmed(line.substr(10, line.size() - 10 - 3));
      TestBlock block;
      block.line = number;
      if (directive.starts_with("load demo ")) {
        if (!file.blocks.empty()) malformed(path, number, "'load demo' must come first");
        block.kind = TestBlock::Kind::kLoadDemo;
        block.demo_customers = std::stoull(directive.substr(10));
      } else if (directive.starts_with("param ")) {
        const std::string rest = directive.substr(6);
        const std::size_t eq = rest.find('=');
        if (eq == std::string::npos) malformed(path, number, "expected 'param NAME = EXPRESSION'");
        block.kind = TestBlock::Kind::kParam;
        block.param_name = trimmed(rest.substr(0, eq));
        block.param_expression = trimmed(rest.substr(eq + 1));
      } else {
        malformed(path, number, "unknown test directive '" + directive + "'");
      }
      file.blocks.push_back(std::move(block));
    }
  }
  if (in_fence) malformed(path, open.line, "a code fence that is never closed");
  flush_pending();
  return file;
}

}  // namespace guanxi::test_support
