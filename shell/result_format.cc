#include "shell/result_format.h"

#include <algorithm>
#include <cctype>

#include "shell/value_text.h"

namespace guanxi::shell {

std::optional<OutputFormat> parse_output_format(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "table") return OutputFormat::kTable;
  if (lower == "csv") return OutputFormat::kCsv;
  if (lower == "json") return OutputFormat::kJson;
  if (lower == "jsonl") return OutputFormat::kJsonl;
  if (lower == "markdown" || lower == "md") return OutputFormat::kMarkdown;
  if (lower == "tsv") return OutputFormat::kTsv;
  if (lower == "vertical") return OutputFormat::kVertical;
  return std::nullopt;
}

const char* output_format_name(OutputFormat format) {
  switch (format) {
    case OutputFormat::kTable: return "table";
    case OutputFormat::kCsv: return "csv";
    case OutputFormat::kJson: return "json";
    case OutputFormat::kJsonl: return "jsonl";
    case OutputFormat::kMarkdown: return "markdown";
    case OutputFormat::kTsv: return "tsv";
    case OutputFormat::kVertical: return "vertical";
  }
  return "table";
}

std::unique_ptr<ResultFormatter> make_formatter(OutputFormat format, std::FILE* out,
                                                OutputEncoding* encoding) {
  switch (format) {
    case OutputFormat::kTable: return make_table_formatter(out);
    case OutputFormat::kCsv: return make_csv_formatter(out, encoding);
    case OutputFormat::kJson: return make_json_formatter(out, false);
    case OutputFormat::kJsonl: return make_json_formatter(out, true);
    case OutputFormat::kMarkdown: return make_markdown_formatter(out);
    case OutputFormat::kTsv: return make_tsv_formatter(out, encoding);
    case OutputFormat::kVertical: return make_vertical_formatter(out);
  }
  return make_table_formatter(out);
}

std::string cell_text(const Value& value) { return readable_text(value); }

}  // namespace guanxi::shell
