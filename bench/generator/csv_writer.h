// CsvWriter: a buffered writer of CSV files for the generators.
//
// Generated files run to hundreds of megabytes, so rows are formatted into a
// large buffer with std::to_chars and written in big blocks. Fields that hold a
// delimiter, a quote or a line break are quoted the RFC 4180 way (quotes
// doubled), which is what neo4j-admin import and Guanxi's import read.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace guanxi::bench {

class CsvWriter {
 public:
  // Creates (truncates) `path`. Throws std::runtime_error naming the file if it
  // cannot be opened.
  explicit CsvWriter(const std::filesystem::path& path, char delimiter = ',');
  ~CsvWriter();
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  // Appends one field to the current row; the delimiter is inserted as needed.
  void field(std::string_view text);
  void field(std::uint64_t number);
  void field_int(std::int64_t number);
  // A float with `decimals` digits after the point ("0.425").
  void field(double number, int decimals);
  // Ends the current row with '\n'.
  void end_row();

  // Flushes and closes; throws std::runtime_error naming the file on a write
  // error. Called by the destructor too (which swallows the error), so call it
  // explicitly to learn whether the file is complete.
  void close();

  // Rows ended so far, the header row included.
  std::uint64_t rows() const { return rows_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  void separate();
  void reserve(std::size_t n);
  void flush();

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  char delimiter_;
  bool row_started_ = false;
  std::uint64_t rows_ = 0;
  std::string buffer_;
  std::size_t used_ = 0;
};

}  // namespace guanxi::bench
