#include "storage/import_encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

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
void convert(std::string_view in, const char* from, InputEncoding encoding, const std::string& file,
             std::string& out) {
  iconv_t cd = ::iconv_open("UTF-8", from);
  // iconv_open's failure value is (iconv_t)-1 by its contract.
  if (cd == reinterpret_cast<iconv_t>(-1)) {  // NOLINT(performance-no-int-to-ptr)
    throw StorageError(
        ErrorCode::kImport,
        file + ": cannot convert from " + encoding_name(encoding) + ": " + std::strerror(errno));
  }
  struct Close {
    iconv_t cd;
    ~Close() { ::iconv_close(cd); }
  } close{cd};
  // Two bytes of GBK or UTF-16 give at most three of UTF-8, four of GB18030 four.
  out.resize(in.size() + in.size() / 2 + 16);
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size();
  std::size_t done = 0;
  while (src_left > 0) {
    char* dst = out.data() + done;
    std::size_t dst_left = out.size() - done;
    const std::size_t rc = ::iconv(cd, &src, &src_left, &dst, &dst_left);
    const int err = errno;
    done = out.size() - dst_left;
    if (rc != static_cast<std::size_t>(-1)) break;
    if (err == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    const std::uint64_t line = line_at(std::string_view(out.data(), done), done);
    const std::string what = std::string(encoding_name(encoding));
    if (err == EINVAL) encoding_error(file, line, "the file ends inside a " + what + " character");
    encoding_error(file, line,
                   "byte " + hex_byte(static_cast<unsigned char>(*src)) + " is not valid " + what +
                       " (is that the file's encoding?)");
  }
  out.resize(done);
}

}  // namespace

const char* encoding_name(InputEncoding encoding) {
  switch (encoding) {
    case InputEncoding::kUtf8: return "UTF-8";
    case InputEncoding::kUtf16: return "UTF-16";
    case InputEncoding::kGbk: return "GBK";
    case InputEncoding::kGb18030: return "GB18030";
  }
  return "UTF-8";
}

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

std::string_view decode_input(std::string_view raw, InputEncoding encoding, const std::string& file,
                              std::unique_ptr<std::string>* converted) {
  const char* from = nullptr;
  if (raw.starts_with("\xEF\xBB\xBF")) {
    raw.remove_prefix(3);
    encoding = InputEncoding::kUtf8;
  } else if (raw.starts_with("\xFF\xFE")) {
    raw.remove_prefix(2);
    encoding = InputEncoding::kUtf16;
    from = "UTF-16LE";
  } else if (raw.starts_with("\xFE\xFF")) {
    raw.remove_prefix(2);
    encoding = InputEncoding::kUtf16;
    from = "UTF-16BE";
  }
  switch (encoding) {
    case InputEncoding::kUtf8: {
      const std::size_t bad = find_invalid_utf8(raw);
      if (bad != std::string_view::npos) {
        encoding_error(file, line_at(raw, bad),
                       "byte " + hex_byte(static_cast<unsigned char>(raw[bad])) +
                           " is not valid UTF-8 (for a file in another encoding, name it: gbk, "
                           "gb18030 or utf-16)");
      }
      return raw;
    }
    case InputEncoding::kUtf16:
      if (from == nullptr) from = "UTF-16LE";
      break;
    case InputEncoding::kGbk: from = "GBK"; break;
    case InputEncoding::kGb18030: from = "GB18030"; break;
  }
  if (!*converted) *converted = std::make_unique<std::string>();
  convert(raw, from, encoding, file, **converted);
  return **converted;
}

}  // namespace guanxi::storage
