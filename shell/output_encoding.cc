#include "shell/output_encoding.h"

#include <fmt/format.h>

#include "guanxi/error.h"

namespace guanxi::shell {

bool format_takes_encoding(std::string_view format_name) {
  return format_name == "csv" || format_name == "tsv";
}

OutputEncoding::OutputEncoding(TextEncoding encoding) : encoding_(encoding), encoder_(encoding) {}

void OutputEncoding::write_line(std::FILE* out, const std::vector<std::string>& fields,
                                std::string_view separator, std::string_view line_end,
                                std::uint64_t row, const std::vector<std::string>& columns) {
  line_.clear();
  if (!mark_written_) line_ += encoder_.byte_order_mark();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) encoder_.encode(separator, line_);
    try {
      encoder_.encode(fields[i], line_);
    } catch (const Error& e) {
      const std::string where = row == 0 ? fmt::format("the header, column {}", i + 1)
                                         : fmt::format("row {}, column '{}'", row, columns.at(i));
      throw Error(e.code(), fmt::format("{}: {}{}", where, e.message(),
                                        encoding_ == TextEncoding::kGbk
                                            ? " (gb18030 can write every character)"
                                            : ""));
    }
  }
  encoder_.encode(line_end, line_);
  std::fwrite(line_.data(), 1, line_.size(), out);
  mark_written_ = true;
}

}  // namespace guanxi::shell
