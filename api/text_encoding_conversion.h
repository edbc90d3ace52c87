// The public TextEncoding as the storage layer's, for the import and the
// TextEncoder (one enum each side, so that include/guanxi names no type of
// storage/).
#pragma once

#include "guanxi/text_encoding.h"
#include "storage/text_encoding.h"

namespace guanxi::api {

inline storage::TextEncoding encoding_to_storage(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf16: return storage::TextEncoding::kUtf16;
    case TextEncoding::kGbk: return storage::TextEncoding::kGbk;
    case TextEncoding::kGb18030: return storage::TextEncoding::kGb18030;
    case TextEncoding::kUtf8: break;
  }
  return storage::TextEncoding::kUtf8;
}

}  // namespace guanxi::api
