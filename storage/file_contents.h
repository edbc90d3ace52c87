// FileContents: the bytes of one input file, read for bulk import.
//
// A plain file is memory-mapped (no copy). A file whose name ends in `.zst`
// is decompressed into memory first, so exports and data sets can be kept
// compressed and imported as they are; such a file costs its decompressed
// size in memory for the duration of the import.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace guanxi::storage {

class FileContents {
 public:
  // Reads `path`. Throws StorageError: kNotFound for a missing file
  // ("<file>: no such file"), kIo for anything else that prevents reading
  // it, including a damaged or truncated `.zst` file (naming the file and
  // zstd's reason).
  explicit FileContents(const std::filesystem::path& path);
  ~FileContents();
  FileContents(const FileContents&) = delete;
  FileContents& operator=(const FileContents&) = delete;

  // The file's bytes (decompressed for `.zst`); valid while this object lives.
  std::string_view data() const { return {data_, size_}; }
  const std::filesystem::path& path() const { return path_; }

  // The size data() will have, without reading the file: its size, or for a
  // `.zst` file the size its frame header declares (the compressed size when
  // the header declares none). Throws as the constructor does when the file
  // cannot be opened.
  static std::uint64_t expected_size(const std::filesystem::path& path);

  // True when `path` is read through zstd.
  static bool is_compressed(const std::filesystem::path& path);

 private:
  std::filesystem::path path_;
  const char* data_ = nullptr;
  std::size_t size_ = 0;
  void* mapping_ = nullptr;  // the mapped file, or nullptr
  std::string decompressed_;
};

}  // namespace guanxi::storage
