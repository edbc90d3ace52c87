// OutputEncoding: the csv and tsv output converted from UTF-8 into the
// encoding --encoding names (GBK, GB18030, UTF-16), for spreadsheets that
// do not read UTF-8 and for `guanxi import --encoding` to read back.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "guanxi/text_encoding.h"

namespace guanxi::shell {

// True for the formats an output encoding applies to: csv and tsv, the ones
// meant for other programs that may expect another encoding. The others
// (tables for the terminal, JSON, whose text is UTF-8 by definition) stay
// UTF-8.
bool format_takes_encoding(std::string_view format_name);

class OutputEncoding {
 public:
  // Throws Error (kInvalidArgument) when the system cannot convert into
  // `encoding`.
  explicit OutputEncoding(TextEncoding encoding);

  TextEncoding encoding() const { return encoding_; }

  // Writes one line to `out`: `fields` joined by `separator`, then
  // `line_end`, all converted; the first line this object writes is preceded
  // by the encoding's byte-order mark, so that a file holds it once however
  // many statements write to it. `row` numbers the line for errors (1 for
  // the first row, 0 for the header) and `columns` names the fields.
  //
  // Throws Error (kInvalidArgument) "row 3, column 'name': the character
  // U+1F600 '😀' cannot be written in GBK (gb18030 can write every
  // character)" and writes nothing of that line. A serious export loses no
  // data silently, so a character is never replaced by '?'.
  void write_line(std::FILE* out, const std::vector<std::string>& fields,
                  std::string_view separator, std::string_view line_end, std::uint64_t row,
                  const std::vector<std::string>& columns);

 private:
  TextEncoding encoding_;
  TextEncoder encoder_;
  bool mark_written_ = false;
  std::string line_;  // reused between lines
};

}  // namespace guanxi::shell
