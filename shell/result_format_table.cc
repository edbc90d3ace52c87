// The table format:
//
//   +-------+-------+
//   | name  | c.age |
//   +-------+-------+
//   | 'Ada' | 36    |
//   +-------+-------+
//
// Column widths come from the header and the first kWidthRows rows; later
// rows stream out at those widths (a longer cell widens its own line only),
// so a huge result needs no memory beyond those rows.
#include <fmt/format.h>

#include <algorithm>

#include "shell/display_width.h"
#include "shell/result_format.h"

namespace guanxi::shell {

namespace {

constexpr std::size_t kWidthRows = 1000;

// Cells show one line: newlines and tabs print escaped.
std::string one_line(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

class TableFormatter : public ResultFormatter {
 public:
  explicit TableFormatter(std::FILE* out) : out_(out) {}

  void begin(const std::vector<std::string>& columns) override {
    header_.clear();
    for (const auto& c : columns) header_.push_back(one_line(c));
    widths_.clear();
    for (const auto& h : header_) widths_.push_back(display_width(h));
    pending_.clear();
    streaming_ = false;
  }

  void row(const Row& row) override {
    std::vector<std::string> cells;
    for (const Value& v : row) cells.push_back(one_line(cell_text(v)));
    if (streaming_) {
      print_row(cells);
      return;
    }
    for (std::size_t i = 0; i < cells.size() && i < widths_.size(); ++i)
      widths_[i] = std::max(widths_[i], display_width(cells[i]));
    pending_.push_back(std::move(cells));
    if (pending_.size() >= kWidthRows) start_streaming();
  }

  void end() override {
    if (header_.empty()) return;
    if (!streaming_) start_streaming();
    print_rule();
    std::fflush(out_);
  }

 private:
  void start_streaming() {
    streaming_ = true;
    print_rule();
    print_row(header_);
    print_rule();
    for (const auto& cells : pending_) print_row(cells);
    pending_.clear();
  }

  void print_rule() {
    std::string line = "+";
    for (std::size_t w : widths_) line += std::string(w + 2, '-') + "+";
    fmt::print(out_, "{}\n", line);
  }

  void print_row(const std::vector<std::string>& cells) {
    std::string line = "|";
    for (std::size_t i = 0; i < widths_.size(); ++i) {
      const std::string& cell = i < cells.size() ? cells[i] : std::string();
      const std::size_t w = display_width(cell);
      line += " " + cell + std::string(widths_[i] > w ? widths_[i] - w : 0, ' ') + " |";
    }
    fmt::print(out_, "{}\n", line);
  }

  std::FILE* out_;
  std::vector<std::string> header_;
  std::vector<std::size_t> widths_;
  std::vector<std::vector<std::string>> pending_;
  bool streaming_ = false;
};

}  // namespace

std::unique_ptr<ResultFormatter> make_table_formatter(std::FILE* out) {
  return std::make_unique<TableFormatter>(out);
}

}  // namespace guanxi::shell
