// The markdown format: a GitHub pipe table, cells as Value::to_string()
// with '|' escaped, so the output pastes into a document as it is.
#include <fmt/format.h>

#include "shell/result_format.h"

namespace guanxi::shell {

namespace {

std::string markdown_cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += "<br>";
    } else {
      out += c;
    }
  }
  return out;
}

class MarkdownFormatter : public ResultFormatter {
 public:
  explicit MarkdownFormatter(std::FILE* out) : out_(out) {}
  void begin(const std::vector<std::string>& columns) override {
    if (columns.empty()) return;
    std::string head = "|", rule = "|";
    for (const auto& c : columns) {
      head += " " + markdown_cell(c) + " |";
      rule += " --- |";
    }
    fmt::print(out_, "{}\n{}\n", head, rule);
  }
  void row(const Row& row) override {
    std::string line = "|";
    for (const Value& v : row) line += " " + markdown_cell(cell_text(v)) + " |";
    fmt::print(out_, "{}\n", line);
  }
  void end() override { std::fflush(out_); }

 private:
  std::FILE* out_;
};

}  // namespace

std::unique_ptr<ResultFormatter> make_markdown_formatter(std::FILE* out) {
  return std::make_unique<MarkdownFormatter>(out);
}

}  // namespace guanxi::shell
