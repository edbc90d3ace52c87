// A string as a Cypher string literal: the one quoting of text that every
// printer of values uses (query::Value::to_string, hence the shell and the
// public API; the dump writer in exchange/).
#pragma once

#include <string>
#include <string_view>

namespace guanxi::query {

// Appends `text` in single quotes, escaping the quote, the backslash, \n, \r,
// \t, and every other control character (below 0x20, and 0x7f) as \uXXXX, so
// that the query language reads the literal back to the same bytes. Other
// bytes, UTF-8 included, are copied as they are.
void append_string_literal(std::string& out, std::string_view text);
std::string string_literal(std::string_view text);

}  // namespace guanxi::query
