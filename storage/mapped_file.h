// MappedFile: a read-only map of a whole file, for reading LMDB's data file
// beside LMDB (its meta pages at open, every page in `verify`) without
// copying it into a buffer first.
#pragma once

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstddef>
#include <filesystem>

#include "storage/error.h"

namespace guanxi::storage {

// The file as it was when constructed, unmapped when destroyed. Throws
// StorageError (kIo) when the file cannot be opened or mapped; an empty file
// maps to data() == nullptr and size() == 0.
class MappedFile {
 public:
  explicit MappedFile(const std::filesystem::path& file) : path_(file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw StorageError(ErrorCode::kIo, "cannot open '" + file.string() + "'");
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
      size_ = static_cast<std::size_t>(st.st_size);
      void* p = ::mmap(nullptr, size_, PROT_READ, MAP_SHARED, fd, 0);
      if (p != MAP_FAILED) data_ = static_cast<const unsigned char*>(p);
    }
    ::close(fd);
    if (size_ > 0 && !data_)
      throw StorageError(ErrorCode::kIo, "cannot map '" + file.string() + "'");
  }
  ~MappedFile() {
    if (data_) ::munmap(const_cast<unsigned char*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  const unsigned char* data() const { return data_; }
  std::size_t size() const { return size_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  const unsigned char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace guanxi::storage
