#include "storage/file_contents.h"

#include <gtest/gtest.h>
#include <zstd.h>

#include <fstream>
#include <string>

#include "storage/error.h"
#include "tests/support/temp_graph.h"

namespace guanxi::storage {
namespace {

std::string compressed(const std::string& text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  const std::size_t n = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

void write(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

void expect_error(const std::filesystem::path& path, ErrorCode code, const std::string& message) {
  try {
    FileContents file(path);
    ADD_FAILURE() << "expected an error for " << path;
  } catch (const StorageError& e) {
    EXPECT_EQ(e.code(), code);
    EXPECT_EQ(std::string(e.what()), message);
  }
}

class FileContentsTest : public ::testing::Test {
 protected:
  FileContentsTest() { std::filesystem::create_directories(dir_.path()); }
  std::filesystem::path path(const char* name) const { return dir_.path() / name; }

 private:
  test_support::TempDir dir_;
};

TEST_F(FileContentsTest, MapsAPlainFileAndReportsAMissingOne) {
  write(path("x.csv"), "a,b\n");
  EXPECT_EQ(FileContents(path("x.csv")).data(), "a,b\n");
  EXPECT_EQ(FileContents::expected_size(path("x.csv")), 4u);
  write(path("empty.csv"), "");
  EXPECT_EQ(FileContents(path("empty.csv")).data().size(), 0u);
  expect_error(path("nope.csv"), ErrorCode::kNotFound,
               path("nope.csv").string() + ": no such file");
}

TEST_F(FileContentsTest, DecompressesAZstdFile) {
  std::string text;
  for (int i = 0; i < 100'000; ++i) text += std::to_string(i) + ",客户" + std::to_string(i) + "\n";
  write(path("big.csv.zst"), compressed(text));
  const FileContents file(path("big.csv.zst"));
  EXPECT_EQ(file.data(), text);
  EXPECT_EQ(FileContents::expected_size(path("big.csv.zst")), text.size());
}

TEST_F(FileContentsTest, DecompressesConcatenatedFrames) {
  write(path("two.csv.zst"), compressed("a,b\n") + compressed("1,2\n"));
  EXPECT_EQ(FileContents(path("two.csv.zst")).data(), "a,b\n1,2\n");
}

TEST_F(FileContentsTest, ReportsADamagedOrTruncatedZstdFile) {
  write(path("plain.csv.zst"), "a,b\n1,2\n");
  expect_error(path("plain.csv.zst"), ErrorCode::kIo,
               path("plain.csv.zst").string() + ": cannot decompress: not a zstd file");

  std::string text(200'000, 'x');
  for (std::size_t i = 0; i < text.size(); i += 7) text[i] = static_cast<char>('a' + i % 26);
  const std::string whole = compressed(text);
  write(path("cut.csv.zst"), whole.substr(0, whole.size() / 2));
  expect_error(path("cut.csv.zst"), ErrorCode::kIo,
               path("cut.csv.zst").string() + ": cannot decompress: the file is truncated");

  write(path("empty.csv.zst"), "");
  expect_error(path("empty.csv.zst"), ErrorCode::kIo,
               path("empty.csv.zst").string() + ": cannot decompress: the file is empty");
}

}  // namespace
}  // namespace guanxi::storage
