#include "bench/generator/csv_writer.h"

#include <charconv>
#include <cstring>
#include <stdexcept>

namespace guanxi::bench {

namespace {
constexpr std::size_t kBufferBytes = std::size_t{1} << 20;
}

CsvWriter::CsvWriter(const std::filesystem::path& path, char delimiter)
    : path_(path), delimiter_(delimiter), buffer_(kBufferBytes, '\0') {
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) {
    throw std::runtime_error("cannot create '" + path.string() + "': " + std::strerror(errno));
  }
}

CsvWriter::~CsvWriter() {
  try {
    close();
  } catch (...) {
  }
}

void CsvWriter::flush() {
  if (used_ == 0) return;
  if (std::fwrite(buffer_.data(), 1, used_, file_) != used_) {
    throw std::runtime_error("cannot write '" + path_.string() + "': " + std::strerror(errno));
  }
  used_ = 0;
}

void CsvWriter::reserve(std::size_t n) {
  if (used_ + n > buffer_.size()) flush();
  if (n > buffer_.size()) buffer_.resize(n);
}

void CsvWriter::separate() {
  reserve(1);
  if (row_started_) buffer_[used_++] = delimiter_;
  row_started_ = true;
}

void CsvWriter::field(std::string_view text) {
  separate();
  const bool quote =
      text.find_first_of(std::string{delimiter_} + "\"\r\n") != std::string_view::npos;
  if (!quote) {
    reserve(text.size());
    std::memcpy(buffer_.data() + used_, text.data(), text.size());
    used_ += text.size();
    return;
  }
  reserve(text.size() * 2 + 2);
  buffer_[used_++] = '"';
  for (char c : text) {
    if (c == '"') buffer_[used_++] = '"';
    buffer_[used_++] = c;
  }
  buffer_[used_++] = '"';
}

void CsvWriter::field(std::uint64_t number) {
  separate();
  reserve(24);
  auto [end, ec] = std::to_chars(buffer_.data() + used_, buffer_.data() + buffer_.size(), number);
  (void)ec;
  used_ = static_cast<std::size_t>(end - buffer_.data());
}

void CsvWriter::field_int(std::int64_t number) {
  separate();
  reserve(24);
  auto [end, ec] = std::to_chars(buffer_.data() + used_, buffer_.data() + buffer_.size(), number);
  (void)ec;
  used_ = static_cast<std::size_t>(end - buffer_.data());
}

void CsvWriter::field(double number, int decimals) {
  separate();
  reserve(64);
  auto [end, ec] = std::to_chars(buffer_.data() + used_, buffer_.data() + buffer_.size(), number,
                                 std::chars_format::fixed, decimals);
  if (ec != std::errc()) throw std::runtime_error("cannot format a number for " + path_.string());
  used_ = static_cast<std::size_t>(end - buffer_.data());
}

void CsvWriter::end_row() {
  reserve(1);
  buffer_[used_++] = '\n';
  row_started_ = false;
  ++rows_;
}

void CsvWriter::close() {
  if (!file_) return;
  std::FILE* f = file_;
  try {
    flush();
  } catch (...) {
    file_ = nullptr;
    std::fclose(f);
    throw;
  }
  file_ = nullptr;
  if (std::fclose(f) != 0) {
    throw std::runtime_error("cannot write '" + path_.string() + "': " + std::strerror(errno));
  }
}

}  // namespace guanxi::bench
