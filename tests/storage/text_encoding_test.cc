// TextEncoder: UTF-8 written in GBK, GB18030 and UTF-16, and where a
// character GBK lacks stops it; decode_input reads the bytes back.
#include "storage/text_encoding.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "storage/import_encoding.h"

namespace guanxi::storage {
namespace {

std::string encoded(TextEncoding encoding, std::string_view text) {
  TextEncoder encoder(encoding);
  std::string out(encoder.byte_order_mark());
  EXPECT_EQ(encoder.encode(text, out), std::nullopt);
  return out;
}

TEST(TextEncoderTest, WritesGbkAndReadsItBack) {
  EXPECT_EQ(encoded(TextEncoding::kGbk, "王芳,a\r\n"), "\xCD\xF5\xB7\xBC,a\r\n");
  std::unique_ptr<std::string> converted;
  const std::string bytes = encoded(TextEncoding::kGbk, "客户,上海\n");
  EXPECT_EQ(decode_input(bytes, TextEncoding::kGbk, "f.csv", &converted), "客户,上海\n");
}

TEST(TextEncoderTest, Utf16StartsWithItsMarkAndIsLittleEndian) {
  EXPECT_EQ(encoded(TextEncoding::kUtf16, "a王"), std::string("\xFF\xFE"
                                                              "a\0\x8B\x73",
                                                              6));
  std::unique_ptr<std::string> converted;
  const std::string bytes = encoded(TextEncoding::kUtf16, "id,名字\n😀\n");
  EXPECT_EQ(decode_input(bytes, TextEncoding::kUtf8, "f.csv", &converted), "id,名字\n😀\n");
}

TEST(TextEncoderTest, Utf8PassesUnchangedWithoutAMark) {
  EXPECT_EQ(encoded(TextEncoding::kUtf8, "王芳 😀"), "王芳 😀");
}

TEST(TextEncoderTest, GbkStopsAtACharacterItLacksAndGb18030WritesIt) {
  TextEncoder gbk(TextEncoding::kGbk);
  std::string out = "x";
  EXPECT_EQ(gbk.encode("茶😀a", out), std::optional<std::size_t>(3));
  EXPECT_EQ(out, "x\xB2\xE8");  // what came before the emoji
  // The encoder goes on working after a failure.
  EXPECT_EQ(gbk.encode("茶", out), std::nullopt);
  const std::string bytes = encoded(TextEncoding::kGb18030, "😀");
  EXPECT_EQ(bytes, "\x94\x39\xFC\x36");
}

}  // namespace
}  // namespace guanxi::storage
