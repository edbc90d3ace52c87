// The tsv format: a header line, then one line per row, fields separated by
// tabs and written as field_text() writes them (as in csv). A field cannot
// hold a tab or a line break, so those, and the backslash, are escaped as
// \t, \n, \r and \\ (the text format of PostgreSQL's COPY and of most TSV
// readers). Lines are UTF-8 unless an OutputEncoding (--encoding) converts
// them.
#include <fmt/format.h>

#include "shell/output_encoding.h"
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
  TsvFormatter(std::FILE* out, OutputEncoding* encoding) : out_(out), encoding_(encoding) {}
  void begin(const std::vector<std::string>& columns) override {
    if (columns.empty()) return;
    columns_ = columns;
    fields_.clear();
    for (const std::string& column : columns) fields_.push_back(tsv_field(column));
    write_line(0);
  }
  void row(const Row& row) override {
    fields_.clear();
    for (std::size_t i = 0; i < row.size(); ++i) fields_.push_back(tsv_field(field_text(row[i])));
    write_line(++rows_);
  }
  void end() override { std::fflush(out_); }

 private:
  void write_line(std::uint64_t row) {
    if (encoding_) {
      encoding_->write_line(out_, fields_, "\t", "\n", row, columns_);
      return;
    }
    std::string line;
    for (std::size_t i = 0; i < fields_.size(); ++i) line += (i ? "\t" : "") + fields_[i];
    fmt::print(out_, "{}{}", line, "\n");
  }

  std::FILE* out_;
  OutputEncoding* encoding_;
  std::vector<std::string> columns_;
  std::vector<std::string> fields_;
  std::uint64_t rows_ = 0;  // numbers rows in encoding errors
};

}  // namespace

std::unique_ptr<ResultFormatter> make_tsv_formatter(std::FILE* out, OutputEncoding* encoding) {
  return std::make_unique<TsvFormatter>(out, encoding);
}

}  // namespace guanxi::shell
