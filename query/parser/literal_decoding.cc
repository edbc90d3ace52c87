#include "query/parser/literal_decoding.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace guanxi::query::parser {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Reads `digits` hex digits at text[at]; nullopt if any is missing or bad.
std::optional<std::uint32_t> read_hex(std::string_view text, std::size_t at, std::size_t digits) {
  if (at + digits > text.size()) return std::nullopt;
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    int d = hex_value(text[at + i]);
    if (d < 0) return std::nullopt;
    value = value * 16 + static_cast<std::uint32_t>(d);
  }
  return value;
}

bool is_high_surrogate(std::uint32_t cp) { return cp >= 0xD800 && cp <= 0xDBFF; }
bool is_low_surrogate(std::uint32_t cp) { return cp >= 0xDC00 && cp <= 0xDFFF; }

}  // namespace

std::optional<std::int64_t> decode_integer(std::string_view text, bool negated) {
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  } else if (text.size() > 2 && text[0] == '0' && (text[1] == 'o' || text[1] == 'O')) {
    base = 8;
    text.remove_prefix(2);
  }
  std::uint64_t magnitude = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), magnitude, base);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (negated) {
    if (magnitude > kMax + 1) return std::nullopt;
    // Two's complement negation of the magnitude, well defined in unsigned.
    return static_cast<std::int64_t>(~magnitude + 1);
  }
  if (magnitude > kMax) return std::nullopt;
  return static_cast<std::int64_t>(magnitude);
}

std::optional<double> decode_float(std::string_view text, bool negated) {
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return negated ? -value : value;
}

DecodedString decode_string(std::string_view text) {
  DecodedString result;
  if (text.size() < 2) return result;
  std::string_view body = text.substr(1, text.size() - 2);
  result.value.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\') {
      result.value += c;
      continue;
    }
    const std::size_t escape_offset = i + 1;  // offset in `text`, past the opening quote
    if (i + 1 >= body.size()) {
      result.bad_escape = escape_offset;
      return result;
    }
    char e = body[++i];
    switch (e) {
      case 'n': result.value += '\n'; break;
      case 't': result.value += '\t'; break;
      case 'r': result.value += '\r'; break;
      case 'b': result.value += '\b'; break;
      case 'f': result.value += '\f'; break;
      case '\\': result.value += '\\'; break;
      case '\'': result.value += '\''; break;
      case '"': result.value += '"'; break;
      case 'u':
      case 'U': {
        std::size_t digits = e == 'u' ? 4 : 8;
        std::optional<std::uint32_t> cp = read_hex(body, i + 1, digits);
        if (!cp) {
          result.bad_escape = escape_offset;
          return result;
        }
        i += digits;
        if (is_high_surrogate(*cp)) {
          // A pair written as two escapes: \uD83D\uDE00.
          std::optional<std::uint32_t> low;
          if (i + 2 < body.size() && body[i + 1] == '\\' && body[i + 2] == 'u') {
            low = read_hex(body, i + 3, 4);
          }
          if (!low || !is_low_surrogate(*low)) {
            result.bad_escape = escape_offset;
            return result;
          }
          i += 6;
          *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
        } else if (is_low_surrogate(*cp) || *cp > 0x10FFFF) {
          result.bad_escape = escape_offset;
          return result;
        }
        append_utf8(result.value, *cp);
        break;
      }
      default: result.bad_escape = escape_offset; return result;
    }
  }
  return result;
}

std::string decode_name(std::string_view text) {
  if (text.size() < 2 || text.front() != '`') return std::string(text);
  std::string_view body = text.substr(1, text.size() - 2);
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    out += body[i];
    if (body[i] == '`' && i + 1 < body.size() && body[i + 1] == '`') ++i;
  }
  return out;
}

}  // namespace guanxi::query::parser
