// The tsv format: a header line, then one line per row, fields separated by
// tabs and written as field_text() writes them (as in csv). A field cannot
// hold a tab or a line break, so those, and the backslash, are escaped as
// \t, \n, \r and \\ (the text format of PostgreSQL's COPY and of most TSV
// readers).
#include <fmt/format.h>

#include "shell/result_format.h"
#include "shell/value_text.h"

namespace guanxi::shell {

namespace {

std::string tsv_field(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\\': out += "\\\\"; break;
      default: out += c;
    }
  }
  return out;
}

class TsvFormatter : public ResultFormatter {
 public:
  explicit TsvFormatter(std::FILE* out) : out_(out) {}
  void begin(const std::vector<std::string>& columns) override {
    if (columns.empty()) return;
    std::string line;
    for (std::size_t i = 0; i < columns.size(); ++i)
      line += (i ? "\t" : "") + tsv_field(columns[i]);
    fmt::print(out_, "{}\n", line);
  }
  void row(const Row& row) override {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i)
      line += (i ? "\t" : "") + tsv_field(field_text(row[i]));
    fmt::print(out_, "{}\n", line);
  }
  void end() override { std::fflush(out_); }

 private:
  std::FILE* out_;
};

}  // namespace

std::unique_ptr<ResultFormatter> make_tsv_formatter(std::FILE* out) {
  return std::make_unique<TsvFormatter>(out);
}

}  // namespace guanxi::shell
