#include "storage/import_encoding.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>

#include "storage/error.h"

namespace guanxi::storage {

namespace {

std::uint64_t line_at(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::uint64_t>(std::count(text.begin(), text.begin() + offset, '\n'));
}

std::string hex_byte(unsigned char c) {
  static const char kDigits[] = "0123456789ABCDEF";
  return std::string("0x") + kDigits[c >> 4] + kDigits[c & 15];
}

[[noreturn]] void encoding_error(const std::string& file, std::uint64_t line,
                                 const std::string& reason) {
  throw StorageError(ErrorCode::kImport, file + ":" + std::to_string(line) + ": " + reason);
}

// Converts `in` from `from` (an iconv name) to UTF-8 into `out`.
void convert(std::string_view in, const char* from, TextEncoding encoding, const std::string& file,
             std::string& out) {
  std::optional<IconvConversion> conversion;
  try {
    conversion.emplace("UTF-8", from);
  } catch (const StorageError& e) {
    throw StorageError(ErrorCode::kImport, file + ": " + e.what());
  }
  out.clear();
  const auto stop = conversion->convert(in, out);
  if (!stop) return;
  const std::uint64_t line = line_at(out, out.size());
  const std::string what = std::string(encoding_name(encoding));
  if (stop->incomplete) encoding_error(file, line, "the file ends inside a " + what + " character");
  encoding_error(file, line,
                 "byte " + hex_byte(static_cast<unsigned char>(in[stop->offset])) +
                     " is not valid " + what + " (is that the file's encoding?)");
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII runs, eight bytes at a time: most input is mostly ASCII.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, p + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // past U+10FFFF
    } else {
      return i;
    }
    if (i + len > n) return i;
    if (p[i + 1] < lo || p[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

std::string_view decode_input(std::string_view raw, TextEncoding encoding, const std::string& file,
                              std::unique_ptr<std::string>* converted) {
  const char* from = nullptr;
  if (raw.starts_with("\xEF\xBB\xBF")) {
    raw.remove_prefix(3);
    encoding = TextEncoding::kUtf8;
  } else if (raw.starts_with("\xFF\xFE")) {
    raw.remove_prefix(2);
    encoding = TextEncoding::kUtf16;
    from = "UTF-16LE";
  } else if (raw.starts_with("\xFE\xFF")) {
    raw.remove_prefix(2);
    encoding = TextEncoding::kUtf16;
    from = "UTF-16BE";
  }
  switch (encoding) {
    case TextEncoding::kUtf8: {
      const std::size_t bad = find_invalid_utf8(raw);
      if (bad != std::string_view::npos) {
        encoding_error(file, line_at(raw, bad),
                       "byte " + hex_byte(static_cast<unsigned char>(raw[bad])) +
                           " is not valid UTF-8 (for a file in another encoding, name it: gbk, "
                           "gb18030 or utf-16)");
      }
      return raw;
    }
    case TextEncoding::kUtf16:
      if (from == nullptr) from = "UTF-16LE";
      break;
    case TextEncoding::kGbk: from = "GBK"; break;
    case TextEncoding::kGb18030: from = "GB18030"; break;
  }
  if (!*converted) *converted = std::make_unique<std::string>();
  convert(raw, from, encoding, file, **converted);
  return **converted;
}

}  // namespace guanxi::storage
