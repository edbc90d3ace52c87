// Decoding the text of literal tokens into values.
//
// The lexer only delimits literals; their values (and whether they are
// representable at all) are worked out here so that a bad literal is a
// precise syntax error rather than a lexer failure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace guanxi::query::parser {

// The value of an integer literal: decimal ("42"), hexadecimal ("0x2A") or
// octal ("0o52"). `negated` folds a unary minus in front of the literal, so
// that "-9223372036854775808" is representable. Returns nullopt when the
// value does not fit in an int64.
std::optional<std::int64_t> decode_integer(std::string_view text, bool negated);

// The value of a float literal ("1.5", ".5", "1e3", "2.5E-3"); `negated` as
// above. Returns nullopt when it is too large for a double.
std::optional<double> decode_float(std::string_view text, bool negated);

// The value of a string literal, quotes included in `text`. Escapes: \n \t
// \r \b \f \\ \' \" \uXXXX \UXXXXXXXX (UTF-16 surrogate pairs combine).
struct DecodedString {
  std::string value;
  // When the literal holds an invalid escape: its byte offset in `text`.
  std::optional<std::size_t> bad_escape;
};
DecodedString decode_string(std::string_view text);

// A name as written: `quoted names` lose their backticks and `` becomes `.
std::string decode_name(std::string_view text);

}  // namespace guanxi::query::parser
