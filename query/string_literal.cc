#include "query/string_literal.h"

#include <fmt/format.h>

namespace guanxi::query {

void append_string_literal(std::string& out, std::string_view text) {
  out += '\'';
  for (char c : text) {
    switch (c) {
      case '\'': out += "\\'"; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  out += '\'';
}

std::string string_literal(std::string_view text) {
  std::string out;
  append_string_literal(out, text);
  return out;
}

}  // namespace guanxi::query
