// The text encoding of bulk-import input: byte-order marks, conversion of
// GBK, GB18030 and UTF-16 files to UTF-8 (glibc's iconv, through
// text_encoding.h), and the check that UTF-8 input really is UTF-8, so that
// every stored string is valid UTF-8.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "storage/text_encoding.h"

namespace guanxi::storage {

// The UTF-8 text of one input file whose bytes are `raw`. A byte-order mark
// decides the encoding by itself and is dropped: EF BB BF is UTF-8 (as Excel
// writes "CSV UTF-8"), FF FE UTF-16 little-endian, FE FF UTF-16 big-endian.
// Without one, `encoding` applies; UTF-16 without a mark is read as
// little-endian (what Windows writes). UTF-8 text is returned as a view into
// `raw`, after checking it; converted text is a view into `*converted`,
// which the call fills (allocating it when null).
//
// Throws StorageError(kImport, "<file>:<line>: <reason>") for bytes that are
// not valid in the encoding (the line counts newlines up to them).
std::string_view decode_input(std::string_view raw, TextEncoding encoding, const std::string& file,
                              std::unique_ptr<std::string>* converted);

// The offset of the first byte of `text` that is not part of valid UTF-8
// (overlong forms, surrogates and code points past U+10FFFF are invalid), or
// npos when all of it is valid.
std::size_t find_invalid_utf8(std::string_view text);

}  // namespace guanxi::storage
