// Byte-level building blocks of the on-disk format: big-endian integers for
// keys (so LMDB's memcmp order is numeric order), LEB128 varints and zigzag
// for record bodies, and a bounds-checked reader that reports damage instead
// of reading past the end.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "storage/error.h"

namespace guanxi::storage {

inline void put_be32(char* p, std::uint32_t v) {
  v = __builtin_bswap32(v);
  std::memcpy(p, &v, 4);
}
inline void put_be64(char* p, std::uint64_t v) {
  v = __builtin_bswap64(v);
  std::memcpy(p, &v, 8);
}
inline std::uint32_t get_be32(const void* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return __builtin_bswap32(v);
}
inline std::uint64_t get_be64(const void* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return __builtin_bswap64(v);
}

// Little-endian integers, for file formats read front to back (backups).
inline void put_le32(char* p, std::uint32_t v) { std::memcpy(p, &v, 4); }
inline void put_le64(char* p, std::uint64_t v) { std::memcpy(p, &v, 8); }
inline std::uint32_t get_le32(const void* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline std::uint64_t get_le64(const void* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the file formats assume little-endian");

inline std::uint64_t zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
inline std::int64_t unzigzag(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

// Appends encoded data to a std::string.
class ByteWriter {
 public:
  explicit ByteWriter(std::string* out) : out_(out) {}
  void u8(std::uint8_t v) { out_->push_back(static_cast<char>(v)); }
  void varint(std::uint64_t v) {
    char buf[10];
    int n = 0;
    while (v >= 0x80) {
      buf[n++] = static_cast<char>(v | 0x80);
      v >>= 7;
    }
    buf[n++] = static_cast<char>(v);
    out_->append(buf, n);
  }
  void svarint(std::int64_t v) { varint(zigzag(v)); }
  void f64(double d) {
    char buf[8];
    std::memcpy(buf, &d, 8);
    out_->append(buf, 8);
  }
  void u32le(std::uint32_t v) {
    char buf[4];
    std::memcpy(buf, &v, 4);
    out_->append(buf, 4);
  }
  void bytes(std::string_view s) {
    varint(s.size());
    out_->append(s);
  }
  std::string* out() { return out_; }

 private:
  std::string* out_;
};

// Reads encoded data; every read is bounds checked and a short or malformed
// input throws StorageError(kCorruption) naming `what` (e.g. "node 42") and
// the offset.
class ByteReader {
 public:
  ByteReader(std::string_view data, const std::string* what) : data_(data), what_(what) {}
  // Names the data "<kind> <id>" (e.g. "node 42"), built only on failure.
  ByteReader(std::string_view data, const char* kind, std::uint64_t id)
      : data_(data), what_(nullptr), kind_(kind), id_(id) {}

  bool at_end() const { return pos_ == data_.size(); }
  size_t position() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }

  std::uint8_t u8() {
    need(1);
    return static_cast<std::uint8_t>(data_[pos_++]);
  }
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      need(1);
      const auto b = static_cast<std::uint8_t>(data_[pos_++]);
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    fail("varint longer than 10 bytes");
  }
  std::uint32_t varint32() {
    const std::uint64_t v = varint();
    if (v > 0xffffffffu) fail("id out of range");
    return static_cast<std::uint32_t>(v);
  }
  std::int64_t svarint() { return unzigzag(varint()); }
  double f64() {
    need(8);
    double d;
    std::memcpy(&d, data_.data() + pos_, 8);
    pos_ += 8;
    return d;
  }
  std::uint32_t u32le() {
    need(4);
    std::uint32_t v;
    std::memcpy(&v, data_.data() + pos_, 4);
    pos_ += 4;
    return v;
  }
  std::string_view bytes() {
    const std::uint64_t n = varint();
    if (n > remaining()) fail("length " + std::to_string(n) + " runs past the end");
    std::string_view s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  // A count of items that each take at least one byte: bounded by what is left,
  // so a damaged count cannot make a caller reserve huge amounts of memory.
  std::uint64_t count() {
    const std::uint64_t n = varint();
    if (n > remaining()) fail("count " + std::to_string(n) + " exceeds the record");
    return n;
  }

  [[noreturn]] void fail(const std::string& why) const {
    throw StorageError(ErrorCode::kCorruption,
                       (what_   ? *what_
                        : kind_ ? std::string(kind_) + " " + std::to_string(id_)
                                : std::string("record")) +
                           " is damaged: " + why + " (at byte " + std::to_string(pos_) + " of " +
                           std::to_string(data_.size()) + ")");
  }

 private:
  void need(size_t n) const {
    if (remaining() < n) fail("truncated");
  }
  std::string_view data_;
  size_t pos_ = 0;
  const std::string* what_;
  const char* kind_ = nullptr;
  std::uint64_t id_ = 0;
};

}  // namespace guanxi::storage
