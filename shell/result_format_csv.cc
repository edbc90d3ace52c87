// The csv format (RFC 4180): a header line, then one line per row, each field
// as field_text() writes it (strings as they are, null empty, dates ISO 8601,
// lists in the import's array syntax), so that spreadsheets and `guanxi
// import` read it back; a field with a comma, quote, newline or a leading or
// trailing blank is quoted, its quotes doubled.
#include <fmt/format.h>

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
  explicit CsvFormatter(std::FILE* out) : out_(out) {}
  void begin(const std::vector<std::string>& columns) override {
    if (columns.empty()) return;
    std::string line;
    for (std::size_t i = 0; i < columns.size(); ++i) line += (i ? "," : "") + csv_field(columns[i]);
    fmt::print(out_, "{}\r\n", line);
  }
  void row(const Row& row) override {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i)
      line += (i ? "," : "") + csv_field(field_text(row[i]));
    fmt::print(out_, "{}\r\n", line);
  }
  void end() override { std::fflush(out_); }

 private:
  std::FILE* out_;
};

}  // namespace

std::unique_ptr<ResultFormatter> make_csv_formatter(std::FILE* out) {
  return std::make_unique<CsvFormatter>(out);
}

}  // namespace guanxi::shell
