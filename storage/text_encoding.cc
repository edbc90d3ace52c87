#include "storage/text_encoding.h"

#include <cerrno>
#include <cstring>

#include "storage/error.h"

namespace guanxi::storage {

namespace {

// The iconv name of `encoding` as a target; UTF-16 is little-endian, without
// a mark (iconv's "UTF-16" would pick the byte order and write its own).
const char* iconv_name(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8: return "UTF-8";
    case TextEncoding::kUtf16: return "UTF-16LE";
    case TextEncoding::kGbk: return "GBK";
    case TextEncoding::kGb18030: return "GB18030";
  }
  return "UTF-8";
}

}  // namespace

const char* encoding_name(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8: return "UTF-8";
    case TextEncoding::kUtf16: return "UTF-16";
    case TextEncoding::kGbk: return "GBK";
    case TextEncoding::kGb18030: return "GB18030";
  }
  return "UTF-8";
}

IconvConversion::IconvConversion(const char* to, const char* from) : cd_(::iconv_open(to, from)) {
  // iconv_open's failure value is (iconv_t)-1 by its contract.
  if (cd_ == reinterpret_cast<iconv_t>(-1)) {  // NOLINT(performance-no-int-to-ptr)
    throw StorageError(ErrorCode::kInvalidArgument, std::string("cannot convert from ") + from +
                                                        " to " + to + ": " + std::strerror(errno));
  }
}

IconvConversion::~IconvConversion() { ::iconv_close(cd_); }

std::optional<IconvConversion::Stop> IconvConversion::convert(std::string_view in,
                                                              std::string& out) {
  // Back to the initial shift state, so that one descriptor serves many texts.
  ::iconv(cd_, nullptr, nullptr, nullptr, nullptr);
  std::size_t done = out.size();
  // Two bytes of GBK or UTF-16 give at most three of UTF-8, four of GB18030
  // four, so decoding fits at once; encoding into UTF-16 grows on E2BIG.
  out.resize(done + in.size() + in.size() / 2 + 16);
  char* src = const_cast<char*>(in.data());  // iconv's signature; it only reads
  std::size_t src_left = in.size();
  while (src_left > 0) {
    char* dst = out.data() + done;
    std::size_t dst_left = out.size() - done;
    const std::size_t rc = ::iconv(cd_, &src, &src_left, &dst, &dst_left);
    const int err = errno;
    done = out.size() - dst_left;
    if (rc != static_cast<std::size_t>(-1)) break;
    if (err == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    out.resize(done);
    return Stop{in.size() - src_left, err == EINVAL};
  }
  out.resize(done);
  return std::nullopt;
}

TextEncoder::TextEncoder(TextEncoding encoding) : encoding_(encoding) {
  if (encoding != TextEncoding::kUtf8) conversion_.emplace(iconv_name(encoding), "UTF-8");
}

std::string_view TextEncoder::byte_order_mark() const {
  return encoding_ == TextEncoding::kUtf16 ? std::string_view("\xFF\xFE", 2) : std::string_view();
}

std::optional<std::size_t> TextEncoder::encode(std::string_view utf8, std::string& out) {
  if (!conversion_) {
    out += utf8;
    return std::nullopt;
  }
  const auto stop = conversion_->convert(utf8, out);
  if (!stop) return std::nullopt;
  return stop->offset;
}

}  // namespace guanxi::storage
