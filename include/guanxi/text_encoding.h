// guanxi::TextEncoding and guanxi::TextEncoder: the encodings Guanxi reads
// (import, ImportOptions::encoding) and writes (UTF-8 text of results, for
// tools that expect GBK, GB18030 or UTF-16, such as spreadsheets on Chinese
// or Windows systems).
//
//   guanxi::TextEncoder gbk(guanxi::TextEncoding::kGbk);
//   std::string bytes;
//   gbk.encode("王芳", bytes);  // CD F5 B7 BC
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace guanxi {

// kUtf16 is little-endian, what Windows writes and reads: without a
// byte-order mark when reading, and with one (TextEncoder::byte_order_mark)
// when writing. GB18030 holds every Unicode character; GBK, its older
// subset, lacks some (emoji, rare CJK characters).
enum class TextEncoding { kUtf8, kUtf16, kGbk, kGb18030 };

// Converts UTF-8 text, piece by piece, into one encoding (glibc's iconv, the
// same conversion the import reads with). One thread at a time.
class TextEncoder {
 public:
  // Throws Error (kInvalidArgument) when the system's iconv lacks the
  // encoding.
  explicit TextEncoder(TextEncoding encoding);
  TextEncoder(TextEncoder&&) noexcept;
  TextEncoder& operator=(TextEncoder&&) noexcept;
  ~TextEncoder();

  // The bytes a file or stream in this encoding starts with, written once
  // by the caller: FF FE for UTF-16 (Excel needs it to read UTF-16 text),
  // nothing otherwise (UTF-8 stays as every UTF-8 reader expects it).
  std::string_view byte_order_mark() const;

  // Appends `utf8` (valid UTF-8) in the encoding to `out`. Throws Error
  // (kInvalidArgument) "the character U+1F600 '😀' cannot be written in
  // GBK" for a character the encoding lacks; `out` then holds the text
  // before it. Only GBK lacks characters.
  void encode(std::string_view utf8, std::string& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "UTF-8", "UTF-16", "GBK" or "GB18030".
const char* text_encoding_name(TextEncoding encoding);

}  // namespace guanxi
