// The vertical format, for rows too wide for a table: each row is a header
// line and then one "column: value" line per column, names right-aligned by
// display width so the values line up, even for Chinese column names:
//
//   *************************** 1. row ***************************
//       name: 'Ada'
//   c.wechat: 'wxid_ab12cd34'
#include <fmt/format.h>

#include <algorithm>

#include "shell/display_width.h"
#include "shell/result_format.h"

namespace guanxi::shell {

namespace {

// Values show one line, as in the table.
std::string one_line(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

class VerticalFormatter : public ResultFormatter {
 public:
  explicit VerticalFormatter(std::FILE* out) : out_(out) {}
  void begin(const std::vector<std::string>& columns) override {
    columns_.clear();
    width_ = 0;
    for (const auto& c : columns) {
      columns_.push_back(one_line(c));
      width_ = std::max(width_, display_width(columns_.back()));
    }
    rows_ = 0;
  }
  void row(const Row& row) override {
    ++rows_;
    std::string text = fmt::format("{0:*^27} {1}. row {0:*^27}\n", "", rows_);
    for (std::size_t i = 0; i < columns_.size() && i < row.size(); ++i) {
      const std::size_t w = display_width(columns_[i]);
      text +=
          std::string(width_ - w, ' ') + columns_[i] + ": " + one_line(cell_text(row[i])) + "\n";
    }
    fmt::print(out_, "{}", text);
  }
  void end() override { std::fflush(out_); }

 private:
  std::FILE* out_;
  std::vector<std::string> columns_;
  std::size_t width_ = 0;
  std::size_t rows_ = 0;
};

}  // namespace

std::unique_ptr<ResultFormatter> make_vertical_formatter(std::FILE* out) {
  return std::make_unique<VerticalFormatter>(out);
}

}  // namespace guanxi::shell
