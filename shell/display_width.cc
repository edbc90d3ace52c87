#include "shell/display_width.h"

#include <utf8proc.h>

namespace guanxi::shell {

std::size_t display_width(std::string_view text) {
  // utf8proc's widths follow Unicode's East Asian Width property and its
  // general categories, so nothing about scripts is written here.
  std::size_t width = 0;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t code_point = 0;
    utf8proc_ssize_t length = utf8proc_iterate(bytes, left, &code_point);
    if (length <= 0) {
      width += 1;
      length = 1;
    } else {
      width += static_cast<std::size_t>(utf8proc_charwidth(code_point));
    }
    bytes += length;
    left -= length;
  }
  return width;
}

}  // namespace guanxi::shell
