// How many terminal columns UTF-8 text takes, for aligning tables: East Asian
// wide and fullwidth characters (Chinese, Japanese, Korean, most emoji) take
// two, combining marks and zero-width characters none, others one.
#pragma once

#include <cstddef>
#include <string_view>

namespace guanxi::shell {

// Columns `text` takes on a terminal. A byte that is not valid UTF-8 counts
// as one column, as terminals show it as one replacement character.
std::size_t display_width(std::string_view text);

}  // namespace guanxi::shell
