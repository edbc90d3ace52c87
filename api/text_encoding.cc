#include "guanxi/text_encoding.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <utility>

#include "api/text_encoding_conversion.h"
#include "guanxi/error.h"
#include "storage/error.h"

namespace guanxi {

namespace {

// The code point of the UTF-8 character at the start of `text` (valid UTF-8,
// not empty) and its length in bytes.
std::pair<std::uint32_t, std::size_t> first_code_point(std::string_view text) {
  const auto byte = [&](std::size_t i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(text[i]));
  };
  const std::uint32_t c = byte(0);
  std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  length = std::min(length, text.size());
  std::uint32_t code = length == 1 ? c : c & (0xFFu >> (length + 1));
  for (std::size_t i = 1; i < length; ++i) code = (code << 6) | (byte(i) & 0x3F);
  return {code, length};
}

}  // namespace

struct TextEncoder::Impl {
  explicit Impl(TextEncoding e) : encoder(api::encoding_to_storage(e)) {}
  storage::TextEncoder encoder;
};

TextEncoder::TextEncoder(TextEncoding encoding) {
  try {
    impl_ = std::make_unique<Impl>(encoding);
  } catch (const storage::StorageError& e) {
    throw Error(ErrorCode::kInvalidArgument, e.what());
  }
}

TextEncoder::TextEncoder(TextEncoder&&) noexcept = default;
TextEncoder& TextEncoder::operator=(TextEncoder&&) noexcept = default;
TextEncoder::~TextEncoder() = default;

std::string_view TextEncoder::byte_order_mark() const { return impl_->encoder.byte_order_mark(); }

void TextEncoder::encode(std::string_view utf8, std::string& out) {
  const auto stop = impl_->encoder.encode(utf8, out);
  if (!stop) return;
  const auto [code, length] = first_code_point(utf8.substr(*stop));
  throw Error(
      ErrorCode::kInvalidArgument,
      fmt::format("the character U+{:04X} '{}' cannot be written in {}", code,
                  utf8.substr(*stop, length), storage::encoding_name(impl_->encoder.encoding())));
}

const char* text_encoding_name(TextEncoding encoding) {
  return storage::encoding_name(api::encoding_to_storage(encoding));
}

}  // namespace guanxi
