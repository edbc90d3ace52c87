// The text encodings Guanxi reads and writes besides UTF-8 (GBK, GB18030 and
// UTF-16, what Chinese spreadsheets and Windows tools produce), the one
// conversion loop over glibc's iconv that both directions use, and
// TextEncoder, which writes UTF-8 text in one of them. Reading (byte-order
// marks, file:line errors) is import_encoding.h.
#pragma once

#include <iconv.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace guanxi::storage {

enum class TextEncoding { kUtf8, kUtf16, kGbk, kGb18030 };

// "UTF-8", "UTF-16", "GBK" or "GB18030", for messages.
const char* encoding_name(TextEncoding encoding);

// One iconv conversion descriptor, from one encoding to another (iconv
// names: "UTF-8", "UTF-16LE", "GBK", ...). Not copyable; one thread at a time.
class IconvConversion {
 public:
  // Throws StorageError (kInvalidArgument) naming both encodings when the
  // system's iconv cannot convert between them.
  IconvConversion(const char* to, const char* from);
  ~IconvConversion();
  IconvConversion(const IconvConversion&) = delete;
  IconvConversion& operator=(const IconvConversion&) = delete;

  // Where a conversion stopped: the offset in the input of the first byte it
  // could not convert, and whether the input ended inside a character
  // (`incomplete`) rather than holding a sequence invalid in the source or
  // not representable in the target.
  struct Stop {
    std::size_t offset = 0;
    bool incomplete = false;
  };

  // Converts all of `in`, appending the result to `out` (growing it as
  // needed). Returns nullopt when every byte converted; otherwise `out` holds
  // the conversion of the input before the stop.
  std::optional<Stop> convert(std::string_view in, std::string& out);

 private:
  iconv_t cd_;
};

// Writes UTF-8 text in `encoding`: GBK and GB18030 as iconv does, UTF-16
// little-endian (what Windows and Excel read; the byte-order mark is the
// caller's to write once, byte_order_mark()). UTF-8 text passes unchanged.
class TextEncoder {
 public:
  // Throws StorageError (kInvalidArgument) when iconv lacks the encoding.
  explicit TextEncoder(TextEncoding encoding);

  TextEncoding encoding() const { return encoding_; }

  // The bytes that start a file in this encoding so that readers recognise
  // it: FF FE for UTF-16, nothing for the others (a UTF-8 mark would change
  // what every UTF-8 reader sees; GBK has none).
  std::string_view byte_order_mark() const;

  // Appends `utf8` in the encoding to `out`. Returns nullopt, or the offset
  // in `utf8` of the first character the encoding cannot represent (only GBK
  // lacks characters: GB18030 and UTF-16 hold every code point); `out` then
  // holds the conversion of the text before it.
  std::optional<std::size_t> encode(std::string_view utf8, std::string& out);

 private:
  TextEncoding encoding_;
  std::optional<IconvConversion> conversion_;  // none for UTF-8
};

}  // namespace guanxi::storage
