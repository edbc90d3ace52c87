// The csv format (RFC 4180): a header line, then one line per row, each field
// as field_text() writes it (strings as they are, null empty, dates ISO 8601,
// lists in the import's array syntax), so that spreadsheets and `guanxi
// import` read it back; a field with a comma, quote, newline or a leading or
// trailing blank is quoted, its quotes doubled. Lines are UTF-8 unless an
// OutputEncoding (--encoding) converts them.
#include <fmt/format.h>

#include "shell/output_encoding.h"
#include "shell/result_format.h"
#include "shell/value_text.h"

namespace guanxi::shell {

namespace {

std::string csv_field(const std::string& s) {
  const bool quote = s.find_first_of(",\"\n\r") != std::string::npos ||
                     (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!quote) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

class CsvFormatter : public ResultFormatter {
 public:
  CsvFormatter(std::FILE* out, OutputEncoding* encoding) : out_(out), encoding_(encoding) {}
  void begin(const std::vector<std::string>& columns) override {
    if (columns.empty()) return;
    columns_ = columns;
    fields_.clear();
    for (const std::string& column : columns) fields_.push_back(csv_field(column));
    write_line(0);
  }
  void row(const Row& row) override {
    fields_.clear();
    for (std::size_t i = 0; i < row.size(); ++i) fields_.push_back(csv_field(field_text(row[i])));
    write_line(++rows_);
  }
  void end() override { std::fflush(out_); }

 private:
  void write_line(std::uint64_t row) {
    if (encoding_) {
      encoding_->write_line(out_, fields_, ",", "\r\n", row, columns_);
      return;
    }
    std::string line;
    for (std::size_t i = 0; i < fields_.size(); ++i) line += (i ? "," : "") + fields_[i];
    fmt::print(out_, "{}{}", line, "\r\n");
  }

  std::FILE* out_;
  OutputEncoding* encoding_;
  std::vector<std::string> columns_;
  std::vector<std::string> fields_;
  std::uint64_t rows_ = 0;  // numbers rows in encoding errors
};

}  // namespace

std::unique_ptr<ResultFormatter> make_csv_formatter(std::FILE* out, OutputEncoding* encoding) {
  return std::make_unique<CsvFormatter>(out, encoding);
}

}  // namespace guanxi::shell
