// Writing result rows in the shell's output formats: table (aligned, for
// people), vertical (one "column: value" line per column, for wide rows),
// csv (RFC 4180) and tsv (tab-separated), both as spreadsheets and
// `guanxi import` read them, json (an array of row objects per statement),
// jsonl (one row object per line) and markdown (a pipe table).
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "guanxi/result.h"

namespace guanxi::shell {

class OutputEncoding;

enum class OutputFormat { kTable, kCsv, kJson, kJsonl, kMarkdown, kTsv, kVertical };

// "table", "csv", "json", "jsonl", "markdown", "tsv", "vertical" (any case);
// nullopt otherwise.
std::optional<OutputFormat> parse_output_format(std::string_view name);
const char* output_format_name(OutputFormat format);

// Receives one statement's rows. begin() once, row() per row, end() once;
// output goes to the FILE given at creation, flushed by end().
class ResultFormatter {
 public:
  virtual ~ResultFormatter() = default;
  virtual void begin(const std::vector<std::string>& columns) = 0;
  virtual void row(const Row& row) = 0;
  virtual void end() = 0;
};

std::unique_ptr<ResultFormatter> make_table_formatter(std::FILE* out);
// csv and tsv write in `encoding` when it is given (null: UTF-8 as it is).
std::unique_ptr<ResultFormatter> make_csv_formatter(std::FILE* out,
                                                    OutputEncoding* encoding = nullptr);
// `lines`: jsonl (one object per line) rather than one JSON array.
std::unique_ptr<ResultFormatter> make_json_formatter(std::FILE* out, bool lines);
std::unique_ptr<ResultFormatter> make_markdown_formatter(std::FILE* out);
std::unique_ptr<ResultFormatter> make_tsv_formatter(std::FILE* out,
                                                    OutputEncoding* encoding = nullptr);
std::unique_ptr<ResultFormatter> make_vertical_formatter(std::FILE* out);
// `encoding` applies to csv and tsv only (format_takes_encoding).
std::unique_ptr<ResultFormatter> make_formatter(OutputFormat format, std::FILE* out,
                                                OutputEncoding* encoding = nullptr);

// The text of a value in a table, vertical or markdown cell: readable_text()
// (shell/value_text.h).
std::string cell_text(const Value& value);

}  // namespace guanxi::shell
